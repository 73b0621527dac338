import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNrpInstance } from '../nrp/nrp-instance';
import { nrpToCore } from '../nrp/nrp-to-core';
import { evaluateRoster } from './evaluate';
import { greedyRoster, mulberry32 } from './greedy';
import { LocalSearch, modelObjective, MoveKind } from './local-search';
import { CoreEmployee, CoreProblem, CoreRoster } from './roster-core';

const DATA = path.resolve(__dirname, '../../../../../../shared/data/nrp');
const load = (name: string) =>
  nrpToCore(parseNrpInstance(readFileSync(path.join(DATA, `${name}.txt`), 'utf8'), name));

/** Everything but min minutes (priced, as in the MIP) must hold. */
const hardViolations = (problem: CoreProblem, roster: CoreRoster) =>
  evaluateRoster(problem, roster).violations.filter((v) => v.rule !== 'min_minutes');

/** A small core problem with every rule family, including the kring ones (load target, pairs, hard cover maxima). */
function mixedProblem(): CoreProblem {
  const days = 14;
  const slots: CoreProblem['slots'] = [];
  for (let d = 0; d < days; d++)
    for (const name of ['day', 'night'])
      slots.push({
        day: d,
        minutes: name === 'day' ? 480 : 720,
        load: name === 'day' ? 1 : 1.5,
        label: `${name} ${d}`,
      });
  const cliques: number[][] = [];
  for (let d = 0; d < days; d++) cliques.push([2 * d, 2 * d + 1]);
  // No day shift after a night.
  for (let d = 0; d + 1 < days; d++) cliques.push([2 * d + 1, 2 * (d + 1)]);
  const employee = (i: number): CoreEmployee => ({
    id: `e${i}`,
    forbidden: new Map(i === 0 ? [[5, 'day off']] : []),
    fixed: i === 1 ? [8, 10] : [],
    costs: new Map([
      [(3 * i) % slots.length, -2],
      [(7 * i + 1) % slots.length, 3],
    ]),
    limits: [{ slots: slots.map((_, s) => s).filter((s) => s % 2 === 1), max: 4, label: 'nights' }],
    minMinutes: 2400,
    maxMinutes: 6000,
    maxConsecutive: 4,
    minConsecutive: 2,
    minConsecutiveOff: 2,
    maxWeekends: 1,
    loadTarget: i % 2 === 0 ? { value: 6, weight: 5 } : undefined,
  });
  return {
    name: 'mixed',
    days,
    slots,
    cliques,
    pairs: [
      { a: 0, b: 3, weight: 4 },
      { a: 10, b: 13, weight: 4 },
    ],
    weekends: [
      [5, 6],
      [12, 13],
    ],
    covers: slots.map((_, s) => ({
      slots: [s],
      target: s % 2 === 0 ? 2 : 1,
      underWeight: 100,
      overWeight: s % 2 === 0 ? 1 : null,
      label: `cover ${s}`,
    })),
    employees: [0, 1, 2, 3, 4].map(employee),
    offset: 0,
  };
}

const KINDS: MoveKind[] = ['one', 'block', 'swap', 'fill', 'slide'];

function checkMoves(problem: CoreProblem, start: CoreRoster, moves: number): number {
  const search = new LocalSearch(problem);
  search.load(start);
  const random = mulberry32(7);
  let objective = modelObjective(problem, start);
  let applied = 0;
  for (let i = 0; i < moves; i++) {
    const before = search.roster();
    const delta = search.tryMove(search.randomMove(KINDS[i % KINDS.length], random, search.shortSlots()));
    if (delta === null) {
      expect(search.roster()).toEqual(before);
      continue;
    }
    applied++;
    const after = search.roster();
    expect(hardViolations(problem, after)).toEqual([]);
    const recomputed = modelObjective(problem, after);
    expect(recomputed - objective).toBeCloseTo(delta, 6);
    if (random() < 0.5) {
      search.undo();
      expect(search.roster()).toEqual(before);
    } else objective = recomputed;
  }
  return applied;
}

describe('LocalSearch (plain-TS moves on the core model)', () => {
  it('never breaks a hard rule and its deltas match the checker on an NRP instance', () => {
    const problem = load('Instance4');
    const start = greedyRoster(problem, { seed: 1, maxRestarts: 0, budgetMs: 60_000 }).roster;
    expect(hardViolations(problem, start)).toEqual([]);
    expect(checkMoves(problem, start, 3000)).toBeGreaterThan(50);
  });

  it('never breaks a hard rule and its deltas match the checker with load targets, pairs and hard maxima', () => {
    const problem = mixedProblem();
    const start: CoreRoster = problem.employees.map((emp) => [...emp.fixed]);
    expect(hardViolations(problem, start)).toEqual([]);
    expect(checkMoves(problem, start, 5000)).toBeGreaterThan(50);
  });

  it('annealing returns a valid roster no worse than its start, with its true objective', () => {
    const problem = load('Instance5');
    const start = greedyRoster(problem, { seed: 1, maxRestarts: 0, budgetMs: 60_000 }).roster;
    const search = new LocalSearch(problem);
    const result = search.run(start, { budgetMs: 60_000, maxMoves: 200_000, seed: 3 });
    expect(hardViolations(problem, result.roster)).toEqual([]);
    expect(result.objective).toBe(modelObjective(problem, result.roster));
    expect(result.objective).toBeLessThan(modelObjective(problem, start));
  });

  it('rejects a move onto a slot the employee may never take, leaving the state unchanged', () => {
    const problem = mixedProblem();
    const start: CoreRoster = problem.employees.map((emp) => [...emp.fixed]);
    const search = new LocalSearch(problem);
    search.load(start);
    // Employee 0 has slot 5 forbidden; employee 1 holds slot 8 fixed.
    expect(search.tryMove([{ e: 0, d: problem.slots[5].day, s: 5 }])).toBeNull();
    expect(search.tryMove([{ e: 1, d: problem.slots[8].day, s: -1 }])).toBeNull();
    expect(search.roster()).toEqual(start.map((slots) => [...slots].sort((a, b) => a - b)));
  });

  it('rejects a move that leaves a framed stretch shorter than its minimum', () => {
    const problem = mixedProblem();
    const search = new LocalSearch(problem);
    // Employee 2 works days 3-5 (day shifts); dropping day 4 leaves framed single days.
    const start: CoreRoster = problem.employees.map((emp, e) => (e === 2 ? [6, 8, 10] : [...emp.fixed]));
    search.load(start);
    expect(search.tryMove([{ e: 2, d: 4, s: -1 }])).toBeNull();
    // Dropping the last day of the stretch keeps a 2-day stretch: allowed.
    expect(search.tryMove([{ e: 2, d: 5, s: -1 }])).not.toBeNull();
  });

  it('is deterministic for a seed and a move count', () => {
    const problem = load('Instance2');
    const start = greedyRoster(problem, { seed: 1, maxRestarts: 0, budgetMs: 60_000 }).roster;
    const a = new LocalSearch(problem).run(start, { budgetMs: 60_000, maxMoves: 20_000, seed: 5 });
    const b = new LocalSearch(problem).run(start, { budgetMs: 60_000, maxMoves: 20_000, seed: 5 });
    expect(a.roster).toEqual(b.roster);
    expect(a.objective).toBe(b.objective);
  });
});
