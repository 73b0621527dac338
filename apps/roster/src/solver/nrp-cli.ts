/**
 * npm run nrp -- <instance.txt> [--time-limit <s>] [--out <solution.csv>] [--seed <n>] [--verbose]
 * Solves one Curtois & Qu benchmark instance; ends with one JSON line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NrpParseError, parseNrpInstance } from './nrp/nrp-instance';
import { solutionCsv, solveNrp } from './nrp/solve-nrp';

/* eslint-disable no-console -- a command-line tool talks on stdout */
async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let file: string | undefined;
  let timeLimit = 60;
  let out: string | undefined;
  let seed = 1;
  let verbose = false;
  while (args.length) {
    const arg = args.shift()!;
    if (arg === '--time-limit') timeLimit = Number(args.shift());
    else if (arg === '--out') out = args.shift();
    else if (arg === '--seed') seed = Number(args.shift());
    else if (arg === '--verbose') verbose = true;
    else if (!arg.startsWith('--') && file === undefined) file = arg;
    else return usage(`unknown argument ${arg}`);
  }
  if (!file) return usage('no instance file given');
  if (!(timeLimit > 0)) return usage('--time-limit must be a positive number of seconds');

  const name = path.basename(file).replace(/\.txt$/, '');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  let instance;
  try {
    instance = parseNrpInstance(text, name);
  } catch (error) {
    if (error instanceof NrpParseError) {
      console.error(`${file}: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const result = await solveNrp(instance, {
    timeLimitSeconds: timeLimit,
    seed,
    log: verbose ? (line) => console.error(line) : undefined,
  });
  if (out) writeFileSync(out, solutionCsv(result.assignments));
  console.log(`instance     ${name}`);
  console.log(`objective    ${result.objective}`);
  console.log(`lower bound  ${result.lowerBound ?? 'none'}`);
  console.log(`time         ${result.solveSeconds.toFixed(1)} s`);
  for (const v of result.violations) console.log(`VIOLATION    ${v.message}`);
  console.log(
    JSON.stringify({
      bench: 'nrp',
      instance: name,
      objective: result.objective,
      lower_bound: result.lowerBound,
      solve_s: Number(result.solveSeconds.toFixed(1)),
    }),
  );
  return result.violations.length ? 1 : 0;
}

function usage(problem: string): number {
  console.error(`${problem}\nusage: npm run nrp -- <instance.txt> [--time-limit <s>] [--out <solution.csv>]`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
