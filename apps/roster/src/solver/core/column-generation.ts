import type { Highs } from 'highs';
import { CoreProblem, CoreRoster, MIN_MINUTES_SHORTFALL_COST } from './roster-core';
import { buildPricing, EmployeePricing, forceSlot, priceEmployee } from './pricing';

/**
 * Column generation on the core problem (Dantzig-Wolfe by employee): the master chooses one
 * roster per employee so that the covers are met at least cost; pricing (pricing.ts) finds each
 * employee's cheapest roster under the master's duals. Its LP bound is far tighter than the
 * compact MIP's (NRP 5: 1141 against 779 for a best known 1143), and dives from its LP (fix an
 * assignment, price again) end in rosters close to that bound: the start for the rest of the search.
 */
export interface ColumnGenerationOptions {
  /** Seconds for generating columns at the root (the bound). */
  rootSeconds: number;
  /** Seconds left for the dives (<= 0: they end). */
  diveSecondsLeft: () => number;
  /** Rosters to start the master with (the incumbent). */
  start: CoreRoster;
  /** Each roster a dive ends with that beats the dives before it. */
  onRoster: (roster: CoreRoster) => void;
  /** The Lagrangian lower bound of the root (rounded up when the objective is integral). */
  onBound: (bound: number) => void;
  /** True when a roster of this value is proven optimal: the dives stop. */
  isOptimal: (value: number) => boolean;
  shouldStop: () => boolean;
  log: (line: string) => void;
  random: () => number;
}

/** Labels kept a state while pricing heuristically. */
const PRICING_BEAM = 6;
/** Pricing rounds after each fixing step of the dive (fewer once it runs late). */
const DIVE_ROUNDS = 8;
const DIVE_ROUNDS_LATE = 2;
/** Assignments fixed a dive step (each of another employee), at least; more when time is short. */
const DIVE_FIX = 3;
/** Steps a dive plans for beyond its estimate (fixings that leave others fractional). */
const DIVE_STEP_MARGIN = 1.5;
/** Random share subtracted from an assignment's LP value when later dives rank them. */
const DIVE_NOISE = 0.3;

interface Column {
  employee: number;
  slots: number[];
}

/** False (nothing done) when the pricing does not cover the problem's rules: left to the compact MIP. */
export function columnGeneration(highs: Highs, problem: CoreProblem, opts: ColumnGenerationOptions): boolean {
  const pricings: EmployeePricing[] = [];
  for (let e = 0; e < problem.employees.length; e++) {
    const pricing = buildPricing(problem, e);
    if (!pricing) return false;
    pricings.push(pricing);
  }
  const now = () => performance.now() / 1000;
  const random = opts.random;
  const nE = problem.employees.length;
  const nC = problem.covers.length;
  const coversOf: number[][] = problem.slots.map(() => []);
  problem.covers.forEach((cover, i) => cover.slots.forEach((s) => coversOf[s].push(i)));
  const costOf = (e: number, slots: number[]) => {
    const emp = problem.employees[e];
    let cost = 0;
    let minutes = 0;
    for (const s of slots) {
      cost += emp.costs.get(s) ?? 0;
      minutes += problem.slots[s].minutes;
    }
    return cost + MIN_MINUTES_SHORTFALL_COST * Math.max(0, (emp.minMinutes ?? 0) - minutes);
  };

  const master = highs.createModel();
  try {
    master.options.set({ output_flag: false });
    for (const cover of problem.covers)
      master.addRow(cover.target, cover.target, { indices: [], values: [] });
    for (let e = 0; e < nE; e++) master.addRow(1, 1, { indices: [], values: [] });
    for (let i = 0; i < nC; i++) {
      const cover = problem.covers[i];
      master.addCol(cover.underWeight, 0, cover.target, { indices: [i], values: [1] });
      master.addCol(cover.overWeight ?? 0, 0, cover.overWeight === null ? 0 : Infinity, {
        indices: [i],
        values: [-1],
      });
    }
    const firstColumn = 2 * nC;
    const diveOver = () => opts.diveSecondsLeft() <= 0;
    const columns: Column[] = [];
    const seen = new Set<string>();
    const addColumn = (employee: number, slots: number[]) => {
      const key = `${employee}:${slots.join(',')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      const perCover = new Map<number, number>();
      for (const s of slots) for (const i of coversOf[s]) perCover.set(i, (perCover.get(i) ?? 0) + 1);
      master.addCol(costOf(employee, slots), 0, 1, {
        indices: [...perCover.keys(), nC + employee],
        values: [...perCover.values(), 1],
      });
      columns.push({ employee, slots });
      return true;
    };
    opts.start.forEach((slots, e) =>
      addColumn(
        e,
        [...slots].sort((a, b) => a - b),
      ),
    );

    let lowerBound: number | null = null;
    let lpValue = Infinity;
    let rounds = 0;
    const slotCost = new Float64Array(problem.slots.length);
    const integral =
      problem.covers.every((c) => Number.isInteger(c.underWeight) && Number.isInteger(c.overWeight ?? 0)) &&
      problem.employees.every((emp) => [...emp.costs.values()].every(Number.isInteger)) &&
      Number.isInteger(problem.offset);
    const solveMaster = () => {
      master.run();
      lpValue = master.getObjectiveValue() + problem.offset;
      return master.getSolution();
    };
    // Fixings of a dive can make the master infeasible where covers have a hard maximum.
    const masterSolved = () => master.getModelStatus() === highs.constants.modelStatus.optimal;

    /**
     * Pricing rounds until no column prices out (or the round limit): beam pricing while it
     * finds columns, then exact pricing; at the root (nothing fixed), its complete rounds give
     * the Lagrangian bound.
     */
    const generate = (maxRounds: number, root: boolean, rootEnd = Infinity) => {
      const over = () => (root ? now() >= rootEnd : diveOver()) || opts.shouldStop();
      let exact = false;
      for (let round = 0; round < maxRounds && !over(); round++) {
        const duals = solveMaster().rowDual;
        if (!masterSolved()) return;
        rounds++;
        let added = 0;
        let reducedSum = 0;
        let complete = true;
        for (let e = 0; e < nE; e++) {
          if (over()) {
            complete = false;
            break;
          }
          const emp = problem.employees[e];
          for (let s = 0; s < slotCost.length; s++) {
            let c = emp.costs.get(s) ?? 0;
            for (const i of coversOf[s]) c -= duals[i];
            slotCost[s] = c;
          }
          const priced = priceEmployee(pricings[e], slotCost, 3, {
            threshold: duals[nC + e] - 1e-6,
            beam: exact ? undefined : PRICING_BEAM,
          });
          if (!priced.length) continue;
          reducedSum += priced[0].value - duals[nC + e];
          for (const column of priced)
            if (column.value - duals[nC + e] < -1e-6 && addColumn(e, column.slots)) added++;
        }
        if (complete && exact && root) {
          const bound = lpValue + reducedSum;
          lowerBound = Math.max(lowerBound ?? -Infinity, integral ? Math.ceil(bound - 1e-6) : bound);
        }
        if (added === 0) {
          if (exact || !complete || !root) return;
          exact = true;
          continue;
        }
        // Integral objective: once the bound reaches the LP value rounded up, it cannot rise.
        if (lowerBound !== null && integral && lowerBound >= Math.ceil(lpValue - 1e-6)) return;
      }
    };

    generate(Infinity, true, now() + opts.rootSeconds);
    if (lowerBound !== null) opts.onBound(lowerBound);
    const nS = problem.slots.length;
    opts.log(
      `column generation: LP ${lpValue.toFixed(2)}, bound ${lowerBound ?? '-'}, ${columns.length} columns, ${rounds} rounds`,
    );

    // Dives: fix to 1 the fractional assignments the LP is surest of (one per employee, a few a
    // step), restrict those employees' pricing and columns to them, re-generate, until the LP is
    // integral: a complete roster. Then again from the root, with the choice perturbed, while
    // time is left; the best roster wins.
    const basePricings = pricings.slice();
    let rosterValue = Infinity;
    let dives = 0;
    while (!diveOver() && !opts.shouldStop() && !opts.isOptimal(rosterValue)) {
      const noise = dives === 0 ? 0 : DIVE_NOISE;
      dives++;
      let steps = 0;
      const diveStarted = now();
      let fix = DIVE_FIX;
      let ended = false;
      let fixed = 0;
      let firstOpen = 0;
      for (;;) {
        if (opts.shouldStop()) break;
        const value = solveMaster().colValue;
        if (!masterSolved()) break;
        const x = new Float64Array(nE * nS);
        columns.forEach((column, k) => {
          const v = value[firstColumn + k];
          if (v > 1e-9) for (const s of column.slots) x[column.employee * nS + s] += v;
        });
        const fractional: { i: number; key: number }[] = [];
        for (let i = 0; i < x.length; i++)
          if (x[i] > 1e-6 && x[i] < 1 - 1e-6) fractional.push({ i, key: x[i] - noise * random() });
        if (!fractional.length) {
          if (lpValue < rosterValue - 1e-6) {
            rosterValue = lpValue;
            const roster: CoreRoster = problem.employees.map(() => []);
            columns.forEach((column, k) => {
              if (value[firstColumn + k] > 0.5) roster[column.employee] = column.slots;
            });
            opts.onRoster(roster);
          }
          opts.log(`dive ${dives}: ${lpValue.toFixed(1)} after ${steps} steps, ${columns.length} columns`);
          ended = true;
          break;
        }
        if (diveOver()) break;
        fractional.sort((a, b) => b.key - a.key);
        // Pace the dive to end in its time (a slow machine, a short limit): once it has used more
        // time than is left, fix as many a step as finishing needs, judged by how many open
        // employees each fixing has closed so far (early fixings close few: hence the wait), or
        // twice as many as before while none has closed one; and price less between the steps.
        const open = new Set(fractional.map(({ i }) => Math.floor(i / nS))).size;
        if (steps === 0) firstOpen = open;
        const used = now() - diveStarted;
        const left = opts.diveSecondsLeft();
        const late = steps > 0 && used > left;
        if (late) {
          const closedPerFix = (firstOpen - open) / fixed;
          const stepsLeft = Math.max(1, left / (used / steps));
          const needed =
            closedPerFix > 0 ? Math.ceil((DIVE_STEP_MARGIN * open) / (closedPerFix * stepsLeft)) : 2 * fix;
          fix = Math.min(nE, Math.max(fix, needed));
        }
        const chosen = new Set<number>();
        for (const { i } of fractional) {
          const e = Math.floor(i / nS);
          if (chosen.has(e)) continue;
          chosen.add(e);
          const slot = i % nS;
          pricings[e] = forceSlot(pricings[e], slot, problem.slots[slot].day);
          columns.forEach((column, k) => {
            if (column.employee === e && !column.slots.includes(slot))
              master.changeColBounds(firstColumn + k, 0, 0);
          });
          if (chosen.size >= fix) break;
        }
        fixed += chosen.size;
        steps++;
        generate(late ? DIVE_ROUNDS_LATE : DIVE_ROUNDS, false);
      }
      if (!ended) opts.log(`dive ${dives} cut short after ${steps} steps (${fix} fixings a step at the end)`);
      // Back to the root: every column open, every pricing unrestricted.
      pricings.splice(0, nE, ...basePricings);
      const n = columns.length;
      if (n > 0)
        master.changeColsBounds(
          { kind: 'range', from: firstColumn, to: firstColumn + n - 1 },
          new Float64Array(n),
          new Float64Array(n).fill(1),
        );
    }
    return true;
  } finally {
    try {
      master.dispose();
    } catch {
      // already gone
    }
  }
}
