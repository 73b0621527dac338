import { readFileSync } from 'node:fs';
import path from 'node:path';
import loadHighs, { Highs } from 'highs';
import { parseNrpInstance } from '../nrp/nrp-instance';
import { nrpToCore } from '../nrp/nrp-to-core';
import { columnGeneration } from './column-generation';
import { evaluateRoster } from './evaluate';
import { greedyRoster } from './greedy';
import { CoreProblem, CoreRoster } from './roster-core';

const DATA = path.resolve(__dirname, '../../../../../../shared/data/nrp');
const load = (name: string) =>
  nrpToCore(parseNrpInstance(readFileSync(path.join(DATA, `${name}.txt`), 'utf8'), name));

/** Column generation with a fixed number of dives (not a time budget: CI machines vary). */
function run(highs: Highs, problem: CoreProblem, dives: number) {
  const rosters: CoreRoster[] = [];
  let bound: number | null = null;
  let divesDone = 0;
  let seed = 7;
  const started = performance.now();
  const supported = columnGeneration(highs, problem, {
    rootSeconds: 60,
    // A safety net only: the dive count ends the run long before.
    diveSecondsLeft: () => (divesDone >= dives ? 0 : 120 - (performance.now() - started) / 1000),
    start: greedyRoster(problem, { seed: 1, budgetMs: 100 }).roster,
    onRoster: (roster) => rosters.push(roster),
    onBound: (b) => (bound = b),
    isOptimal: (value) => bound !== null && value <= bound,
    shouldStop: () => false,
    log: (line) => {
      if (/^dive \d+:/.test(line)) divesDone++;
    },
    random: () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648,
  });
  return { supported, rosters, bound: bound as number | null };
}

describe('column generation (employee rosters priced against the covers)', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadHighs();
  });

  it('bounds NRP 5 close below its optimum (the compact LP gives 779) and dives to valid, improving rosters', () => {
    const problem = load('Instance5');
    const { supported, rosters, bound } = run(highs, problem, 6);
    expect(supported).toBe(true);
    expect(bound).not.toBeNull();
    expect(bound!).toBeLessThanOrEqual(1143);
    expect(bound!).toBeGreaterThanOrEqual(1130);
    expect(rosters.length).toBeGreaterThan(0);
    const objectives = rosters.map((roster) => {
      const evaluation = evaluateRoster(problem, roster);
      expect(evaluation.violations).toEqual([]);
      expect(evaluation.objective).toBeGreaterThanOrEqual(bound!);
      return evaluation.objective;
    });
    for (let i = 1; i < objectives.length; i++) expect(objectives[i]).toBeLessThan(objectives[i - 1]);
  }, 60_000);

  it('proves NRP 4 optimal: a dive reaches the bound, 1716', () => {
    const problem = load('Instance4');
    const { rosters, bound } = run(highs, problem, 50);
    expect(bound).toBe(1716);
    expect(evaluateRoster(problem, rosters[rosters.length - 1]).objective).toBe(1716);
  }, 60_000);

  it('leaves problems its pricing does not cover to the compact MIP, doing nothing', () => {
    const problem = load('Instance1');
    const { supported, rosters, bound } = run(highs, { ...problem, pairs: [{ a: 0, b: 1, weight: 1 }] }, 1);
    expect(supported).toBe(false);
    expect(rosters).toEqual([]);
    expect(bound).toBeNull();
  });
});
