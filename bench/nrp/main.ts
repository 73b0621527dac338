/**
 * npm run bench:nrp [-- --time-limit <s> --instances 1,5,8]
 * Solves the Curtois & Qu instances 1-10 and compares with the best known objectives.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNrpInstance } from '../../apps/roster/src/solver/nrp/nrp-instance';
import { solveNrp } from '../../apps/roster/src/solver/nrp/solve-nrp';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** Best known values from the data README's table ("| 1 | 14 | 8 | 1 | 607 |"). */
function bestKnown(dataDir: string): Map<number, number> {
  const best = new Map<number, number>();
  for (const line of readFileSync(path.join(dataDir, 'README.md'), 'utf8').split('\n')) {
    const m = /^\|\s*(\d+)\s*\|\s*\d+\s*\|\s*\d+\s*\|\s*\d+\s*\|\s*(\d+)/.exec(line);
    if (m) best.set(Number(m[1]), Number(m[2]));
  }
  return best;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const timeLimit = Number(option('--time-limit') ?? 60);
  const numbers = (option('--instances') ?? '1,2,3,4,5,6,7,8,9,10').split(',').map(Number);
  const dataDir = path.resolve(repoRoot(), '../shared/data/nrp');
  const best = bestKnown(dataDir);

  console.log(`NRP benchmark, ${timeLimit} s per instance, data ${dataDir}`);
  console.log('| instance | objective | best known | gap % | lower bound | time s | hard violations |');
  console.log('|---|---|---|---|---|---|---|');
  const started = performance.now();
  let solved = 0;
  let atBest = 0;
  let maxGap = 0;
  for (const n of numbers) {
    const name = `Instance${n}`;
    const instance = parseNrpInstance(readFileSync(path.join(dataDir, `${name}.txt`), 'utf8'), name);
    const result = await solveNrp(instance, { timeLimitSeconds: timeLimit });
    const known = best.get(n)!;
    const gap = (100 * (result.objective - known)) / known;
    if (result.violations.length === 0) solved++;
    if (result.violations.length === 0 && result.objective <= known) atBest++;
    maxGap = Math.max(maxGap, result.violations.length ? Infinity : gap);
    console.log(
      `| ${n} | ${result.objective} | ${known} | ${gap.toFixed(2)} | ${result.lowerBound ?? '-'} | ${result.solveSeconds.toFixed(1)} | ${result.violations.length} |`,
    );
  }
  const total = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      bench: 'nrp',
      solved,
      at_best_known: atBest,
      max_gap_pct: Number.isFinite(maxGap) ? Number(maxGap.toFixed(2)) : null,
      total_s: Number(total.toFixed(1)),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
