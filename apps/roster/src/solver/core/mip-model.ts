import { CoreProblem, CoreRoster, MIN_MINUTES_SHORTFALL_COST, slotsByDay } from './roster-core';

/**
 * The one model builder: CoreProblem -> MIP in HiGHS's sparse row form.
 * Columns 0..xCount-1 are the assignment binaries x[e,s]; the rest are continuous helpers
 * (cover shortfall/surplus, weekend worked, minutes shortfall, load deviation, bunching pairs)
 * whose values follow from x, so completeColumns() can rebuild a full start vector from a roster.
 */
export interface MipModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  integrality: Int32Array;
  offset: number;
  xCount: number;
  /** x column of (employee, slot), or -1 when the employee cannot take the slot. */
  xCol: Int32Array[];
  xEmployee: Int32Array;
  xSlot: Int32Array;
  /** Shortfall column of each cover (same order as problem.covers). */
  coverUnderCol: Int32Array;
  /** Rebuilds every column's value from the x part. */
  completeColumns(x: ArrayLike<number>): Float64Array;
}

type Term = [col: number, coef: number];
type Helper = (x: ArrayLike<number>) => number;

export function buildMipModel(problem: CoreProblem): MipModel {
  const nE = problem.employees.length;
  const nS = problem.slots.length;
  const byDay = slotsByDay(problem);
  const xCol = problem.employees.map(() => new Int32Array(nS).fill(-1));
  const xEmployee: number[] = [];
  const xSlot: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const cost: number[] = [];
  problem.employees.forEach((emp, e) => {
    const fixed = new Set(emp.fixed);
    for (let s = 0; s < nS; s++) {
      if (emp.forbidden.has(s) && !fixed.has(s)) continue;
      xCol[e][s] = xEmployee.length;
      xEmployee.push(e);
      xSlot.push(s);
      lower.push(fixed.has(s) ? 1 : 0);
      upper.push(1);
      cost.push(emp.costs.get(s) ?? 0);
    }
  });
  const xCount = xEmployee.length;
  const helpers: Helper[] = [];
  const addHelper = (c: number, lo: number, hi: number, value: Helper): number => {
    cost.push(c);
    lower.push(lo);
    upper.push(hi);
    helpers.push(value);
    return cost.length - 1;
  };

  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const addRow = (terms: Term[], lo: number, hi: number) => {
    const merged = new Map<number, number>();
    for (const [col, coef] of terms) merged.set(col, (merged.get(col) ?? 0) + coef);
    for (const [col, coef] of merged) {
      if (coef === 0) continue;
      indices.push(col);
      values.push(coef);
    }
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };
  const sumX = (cols: number[], x: ArrayLike<number>) => cols.reduce((t, c) => t + x[c], 0);
  const xTerms = (e: number, slots: number[], coef = 1): Term[] =>
    slots.filter((s) => xCol[e][s] >= 0).map((s) => [xCol[e][s], coef]);
  const dayTerms = (e: number, d: number, coef: number): Term[] => xTerms(e, byDay[d], coef);

  const coverUnderCol: number[] = [];
  for (const cover of problem.covers) {
    const terms: Term[] = [];
    for (let e = 0; e < nE; e++) terms.push(...xTerms(e, cover.slots));
    const cols = terms.map(([c]) => c);
    const under = addHelper(cover.underWeight, 0, cover.target, (x) =>
      Math.max(0, cover.target - sumX(cols, x)),
    );
    coverUnderCol.push(under);
    const overCap = cover.overWeight === null ? 0 : Infinity;
    const over = addHelper(cover.overWeight ?? 0, 0, overCap, (x) =>
      Math.max(0, sumX(cols, x) - cover.target),
    );
    addRow([...terms, [under, 1], [over, -1]], cover.target, cover.target);
  }

  problem.employees.forEach((emp, e) => {
    for (const clique of problem.cliques) {
      const terms = xTerms(e, clique);
      if (terms.length > 1) addRow(terms, -Infinity, 1);
    }
    for (const limit of emp.limits) {
      const terms = xTerms(e, limit.slots);
      if (terms.length > limit.max) addRow(terms, -Infinity, limit.max);
    }
    const minuteTerms: Term[] = xTerms(e, range(nS)).map(([c]) => [c, problem.slots[xSlot[c]].minutes]);
    const minutesOf = (x: ArrayLike<number>) => minuteTerms.reduce((t, [c, m]) => t + m * x[c], 0);
    if (emp.minMinutes !== undefined && emp.minMinutes > 0) {
      const min = emp.minMinutes;
      const short = addHelper(MIN_MINUTES_SHORTFALL_COST, 0, min, (x) => Math.max(0, min - minutesOf(x)));
      addRow([...minuteTerms, [short, 1]], min, Infinity);
    }
    if (emp.maxMinutes !== undefined) addRow(minuteTerms, -Infinity, emp.maxMinutes);

    const H = problem.days;
    if (emp.maxConsecutive !== undefined && emp.maxConsecutive < H) {
      const C = emp.maxConsecutive;
      for (let d = 0; d + C < H; d++)
        addRow(
          range(C + 1).flatMap((i) => dayTerms(e, d + i, 1)),
          -Infinity,
          C,
        );
    }
    // Forbid every too-short stretch that is framed on both sides (so never one touching an edge):
    // off(d), on(d+1..d+s), off(d+s+1). Pattern form: tight, one row per (d, s).
    if (emp.minConsecutive !== undefined) {
      for (let s = 1; s < emp.minConsecutive; s++)
        for (let d = 0; d + s + 1 < H; d++)
          addRow(
            [
              ...dayTerms(e, d, -1),
              ...range(s).flatMap((i) => dayTerms(e, d + 1 + i, 1)),
              ...dayTerms(e, d + s + 1, -1),
            ],
            -Infinity,
            s - 1,
          );
    }
    if (emp.minConsecutiveOff !== undefined) {
      for (let s = 1; s < emp.minConsecutiveOff; s++)
        for (let d = 0; d + s + 1 < H; d++)
          addRow(
            [
              ...dayTerms(e, d, 1),
              ...range(s).flatMap((i) => dayTerms(e, d + 1 + i, -1)),
              ...dayTerms(e, d + s + 1, 1),
            ],
            -Infinity,
            1,
          );
    }
    if (emp.maxWeekends !== undefined && emp.maxWeekends < problem.weekends.length) {
      const weekendCols: Term[] = [];
      for (const days of problem.weekends) {
        const dayCols = days.map((d) => dayTerms(e, d, 1).map(([c]) => c));
        if (dayCols.every((cols) => cols.length === 0)) continue;
        const worked = addHelper(0, 0, 1, (x) => Math.max(0, ...dayCols.map((cols) => sumX(cols, x))));
        for (const cols of dayCols)
          if (cols.length) addRow([[worked, 1], ...cols.map((c): Term => [c, -1])], 0, Infinity);
        weekendCols.push([worked, 1]);
      }
      if (weekendCols.length > emp.maxWeekends) addRow(weekendCols, -Infinity, emp.maxWeekends);
    }
    if (emp.loadTarget) {
      const { value, weight } = emp.loadTarget;
      const loadTerms: Term[] = xTerms(e, range(nS)).map(([c]) => [c, problem.slots[xSlot[c]].load]);
      const loadOf = (x: ArrayLike<number>) => loadTerms.reduce((t, [c, l]) => t + l * x[c], 0);
      const above = addHelper(weight, 0, Infinity, (x) => Math.max(0, loadOf(x) - value));
      const below = addHelper(weight, 0, Infinity, (x) => Math.max(0, value - loadOf(x)));
      addRow([...loadTerms, [above, -1], [below, 1]], value, value);
    }
    for (const pair of problem.pairs) {
      const a = xCol[e][pair.a];
      const b = xCol[e][pair.b];
      if (a < 0 || b < 0) continue;
      const both = addHelper(pair.weight, 0, 1, (x) => Math.max(0, x[a] + x[b] - 1));
      addRow(
        [
          [a, 1],
          [b, 1],
          [both, -1],
        ],
        -Infinity,
        1,
      );
    }
  });

  const numCols = cost.length;
  const integrality = new Int32Array(numCols);
  integrality.fill(1, 0, xCount);
  return {
    numCols,
    numRows: rowLower.length,
    colCost: Float64Array.from(cost),
    colLower: Float64Array.from(lower),
    colUpper: Float64Array.from(upper),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    starts: Int32Array.from(starts),
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
    integrality,
    offset: problem.offset,
    xCount,
    xCol,
    xEmployee: Int32Array.from(xEmployee),
    xSlot: Int32Array.from(xSlot),
    coverUnderCol: Int32Array.from(coverUnderCol),
    completeColumns(x) {
      const full = new Float64Array(numCols);
      for (let c = 0; c < xCount; c++) full[c] = Math.round(x[c]);
      helpers.forEach((value, i) => (full[xCount + i] = value(full)));
      return full;
    },
  };
}

export function rosterFromColumns(model: MipModel, problem: CoreProblem, x: ArrayLike<number>): CoreRoster {
  const roster: CoreRoster = problem.employees.map(() => []);
  for (let c = 0; c < model.xCount; c++) if (x[c] > 0.5) roster[model.xEmployee[c]].push(model.xSlot[c]);
  return roster;
}

export function columnsFromRoster(model: MipModel, roster: CoreRoster): Float64Array {
  const x = new Float64Array(model.xCount);
  roster.forEach((slots, e) => {
    for (const s of slots) if (model.xCol[e][s] >= 0) x[model.xCol[e][s]] = 1;
  });
  return x;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
