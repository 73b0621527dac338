import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNrpInstance } from '../nrp/nrp-instance';
import { nrpToCore } from '../nrp/nrp-to-core';
import { evaluateRoster } from './evaluate';
import { greedyRoster } from './greedy';

const DATA = path.resolve(__dirname, '../../../../../../shared/data/nrp');
const load = (name: string) =>
  nrpToCore(parseNrpInstance(readFileSync(path.join(DATA, `${name}.txt`), 'utf8'), name));

describe('greedyRoster (core construction, no MIP)', () => {
  it.each(['Instance1', 'Instance4', 'Instance9'])(
    'builds a roster of %s that breaks no hard rule and beats the empty roster',
    (name) => {
      const problem = load(name);
      const result = greedyRoster(problem, { seed: 1, maxRestarts: 20, budgetMs: 60_000 });
      const evaluation = evaluateRoster(problem, result.roster);
      expect(evaluation.violations).toEqual([]);
      expect(result.violations).toBe(0);
      expect(result.objective).toBe(evaluation.objective);
      const empty = evaluateRoster(
        problem,
        problem.employees.map(() => []),
      );
      const demand = problem.covers.reduce((n, c) => n + c.target, 0);
      expect(evaluation.uncovered).toBeLessThan(empty.uncovered);
      expect(evaluation.uncovered).toBeLessThan(demand / 4);
    },
  );

  it('is deterministic for a seed', () => {
    const problem = load('Instance2');
    const a = greedyRoster(problem, { seed: 3, maxRestarts: 2, budgetMs: 60_000 });
    const b = greedyRoster(problem, { seed: 3, maxRestarts: 2, budgetMs: 60_000 });
    expect(a.roster).toEqual(b.roster);
  });
});
