import { parseNrpInstance } from '../nrp/nrp-instance';
import { nrpToCore } from '../nrp/nrp-to-core';
import { evaluateRoster } from './evaluate';
import { buildPricing, forceSlot, priceEmployee } from './pricing';
import { CoreProblem, MIN_MINUTES_SHORTFALL_COST } from './roster-core';

/**
 * Eight days, shifts D and N (no D after N), one employee with every family that binds: a day
 * off, at most 2 N, 3 consecutive shifts, stretches of at least 2 (shifts and days off), at most
 * 1 of two weekends (days 0-1 and 5-6 here), between 3 and 5 shifts.
 */
const FROM_TEXT = nrpToCore(
  parseNrpInstance(`SECTION_HORIZON
8
SECTION_SHIFTS
D,480,
N,480,D
SECTION_STAFF
A,D=8|N=2,2400,1440,3,2,2,1
SECTION_DAYS_OFF
A,2
SECTION_COVER
0,D,1,100,1
`),
);
const TINY: CoreProblem = { ...FROM_TEXT, weekends: [[0, 1], ...FROM_TEXT.weekends] };

/** Employee 0 alone, covers gone: what pricing optimises. */
const single = (problem: CoreProblem): CoreProblem => ({ ...problem, covers: [], offset: 0 });

function valueOf(problem: CoreProblem, slots: number[], cost: ArrayLike<number>): number {
  const emp = problem.employees[0];
  const minutes = slots.reduce((m, s) => m + problem.slots[s].minutes, 0);
  return (
    slots.reduce((t, s) => t + cost[s], 0) +
    MIN_MINUTES_SHORTFALL_COST * Math.max(0, (emp.minMinutes ?? 0) - minutes)
  );
}

/** Every rule but min minutes (priced, as in the MIP) holds. */
function feasible(problem: CoreProblem, slots: number[]): boolean {
  return evaluateRoster(single(problem), [slots]).violations.every((v) => v.rule === 'min_minutes');
}

/** Every roster of employee 0 (off or one shift a day): 3^8 = 6561 on TINY. */
function allRosters(problem: CoreProblem): number[][] {
  const T = problem.slots.length / problem.days;
  let rosters: number[][] = [[]];
  for (let d = 0; d < problem.days; d++)
    rosters = rosters.flatMap((r) => [r, ...Array.from({ length: T }, (_, t) => [...r, d * T + t])]);
  return rosters.filter((r) => feasible(problem, r));
}

function randomCosts(n: number, seed: number): Float64Array {
  let a = seed;
  const random = () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Float64Array.from({ length: n }, () => Math.round((random() - 0.6) * 2000) / 10);
}

describe('pricing (the cheapest roster of one employee, by labelling)', () => {
  const rosters = allRosters(TINY);
  const pricing = buildPricing(TINY, 0)!;

  it('finds exactly the cheapest feasible roster, against every roster enumerated', () => {
    expect(rosters.length).toBeGreaterThan(10);
    for (let seed = 1; seed <= 25; seed++) {
      const cost = randomCosts(TINY.slots.length, seed);
      const best = Math.min(...rosters.map((r) => valueOf(TINY, r, cost)));
      const [found] = priceEmployee(pricing, cost);
      expect(feasible(TINY, found.slots)).toBe(true);
      expect(found.value).toBeCloseTo(valueOf(TINY, found.slots, cost), 6);
      expect(found.value).toBeCloseTo(best, 6);
    }
  });

  it('prices the minutes shortfall when shifts are too dear to reach the minimum', () => {
    const cost = new Float64Array(TINY.slots.length).fill(1e7);
    const [found] = priceEmployee(pricing, cost);
    expect(found.slots).toEqual([]);
    expect(found.value).toBe(1440 * MIN_MINUTES_SHORTFALL_COST);
  });

  it('with a threshold returns only rosters below it, the cheapest first, and none when none is', () => {
    for (let seed = 30; seed <= 40; seed++) {
      const cost = randomCosts(TINY.slots.length, seed);
      const values = rosters.map((r) => valueOf(TINY, r, cost)).sort((a, b) => a - b);
      const threshold = values[5];
      const found = priceEmployee(pricing, cost, 10, { threshold });
      expect(found.length).toBeGreaterThan(0);
      expect(found[0].value).toBeCloseTo(values[0], 6);
      for (const column of found) {
        expect(column.value).toBeLessThan(threshold);
        expect(feasible(TINY, column.slots)).toBe(true);
      }
      expect(priceEmployee(pricing, cost, 1, { threshold: values[0] })).toEqual([]);
    }
  });

  it('with a beam still returns feasible rosters, never better than the exact one', () => {
    for (let seed = 50; seed <= 60; seed++) {
      const cost = randomCosts(TINY.slots.length, seed);
      const [exact] = priceEmployee(pricing, cost);
      const [beam] = priceEmployee(pricing, cost, 1, { beam: 1 });
      expect(feasible(TINY, beam.slots)).toBe(true);
      expect(beam.value).toBeGreaterThanOrEqual(exact.value - 1e-9);
    }
  });

  it('holds a forced slot', () => {
    const slot = 4 * 2 + 1; // day 4, N
    const forced = forceSlot(pricing, slot, 4);
    for (let seed = 70; seed <= 75; seed++) {
      const cost = randomCosts(TINY.slots.length, seed);
      const best = Math.min(...rosters.filter((r) => r.includes(slot)).map((r) => valueOf(TINY, r, cost)));
      const [found] = priceEmployee(forced, cost);
      expect(found.slots).toContain(slot);
      expect(found.value).toBeCloseTo(best, 6);
    }
  });

  it('declines rules it does not cover (pair costs, load targets), leaving them to the compact MIP', () => {
    expect(buildPricing({ ...TINY, pairs: [{ a: 0, b: 2, weight: 1 }] }, 0)).toBeNull();
    const emp = { ...TINY.employees[0], loadTarget: { value: 10, weight: 1 } };
    expect(buildPricing({ ...TINY, employees: [emp] }, 0)).toBeNull();
    // Two slots of one day that may both be taken: not one slot a day.
    expect(buildPricing({ ...TINY, cliques: TINY.cliques.slice(1) }, 0)).toBeNull();
  });
});
