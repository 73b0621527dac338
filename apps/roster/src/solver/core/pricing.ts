import { CoreProblem, MIN_MINUTES_SHORTFALL_COST } from './roster-core';

/**
 * Exact pricing for column generation: the cheapest roster of one employee over the horizon for
 * given slot costs, by a labelling algorithm over the days (resources: minutes, count limits,
 * weekends; state: the slot of the previous day and the length of the current stretch).
 *
 * It covers the employee rules of the core whose reach is at most one day back (cliques within a
 * day or between consecutive days, as in the benchmark). Anything else (pair costs, load
 * targets, several slots a day, longer-reaching cliques) returns null from buildPricing: that
 * problem is left to the compact MIP.
 */
export interface EmployeePricing {
  days: number;
  /** Slots the employee may take, per day (only the locked one where a slot is locked). */
  daySlots: number[][];
  mustWork: boolean[];
  /** conflict[a * nS + b] = 1: slot b (day d+1) may not follow slot a (day d). */
  conflict: Uint8Array;
  nS: number;
  minutes: Int32Array;
  /** Binding count limits of each slot (indices into limitMax). */
  slotLimits: number[][];
  limitMax: number[];
  minMinutes: number;
  maxMinutes: number;
  maxConsecutive: number;
  minConsecutive: number;
  minConsecutiveOff: number;
  /** Weekend group of each day, or -1. */
  weekendOf: Int32Array;
  maxWeekends: number;
  /** Most slots the employee can take (days, and max minutes over the shortest slot). */
  maxShifts: number;
}

interface Label {
  cost: number;
  minutes: number;
  counts: number[];
  weekends: number;
  /** Slot of the current day, or -1 off. */
  slot: number;
  /** Length of the current stretch (work or off), capped. */
  run: number;
  /** The current stretch started on the first day (exempt from the minimum). */
  edge: boolean;
  /** The current weekend is already counted as worked. */
  weekendCounted: boolean;
  parent: Label | null;
}

export interface PricedColumn {
  slots: number[];
  /** Objective of the column under the given slot costs (plus the minutes shortfall). */
  value: number;
}

export function buildPricing(problem: CoreProblem, e: number): EmployeePricing | null {
  const emp = problem.employees[e];
  if (emp.loadTarget || problem.pairs.length) return null;
  const nS = problem.slots.length;
  const H = problem.days;
  const fixed = new Set(emp.fixed);
  const allowed = (s: number) => fixed.has(s) || !emp.forbidden.has(s);
  const daySlots: number[][] = Array.from({ length: H }, () => []);
  const mustWork: boolean[] = new Array<boolean>(H).fill(false);
  for (let s = 0; s < nS; s++) if (allowed(s)) daySlots[problem.slots[s].day].push(s);
  for (const s of emp.fixed) {
    const d = problem.slots[s].day;
    if (mustWork[d]) return null;
    mustWork[d] = true;
    daySlots[d] = [s];
  }
  // Conflicts from cliques: same-day pairs must all conflict (one slot a day); next-day pairs
  // are remembered; anything reaching further is not supported.
  const sameDay = new Set<number>();
  const conflict = new Uint8Array(nS * nS);
  for (const clique of problem.cliques) {
    const members = clique.filter(allowed);
    for (const a of members)
      for (const b of members) {
        if (a === b) continue;
        const gap = problem.slots[b].day - problem.slots[a].day;
        if (gap === 0) sameDay.add(a * nS + b);
        else if (gap === 1) conflict[a * nS + b] = 1;
        else if (gap > 1) return null;
      }
  }
  for (const slots of daySlots)
    for (const a of slots) for (const b of slots) if (a !== b && !sameDay.has(a * nS + b)) return null;

  const slotLimits: number[][] = Array.from({ length: nS }, () => []);
  const limitMax: number[] = [];
  for (const limit of emp.limits) {
    const members = limit.slots.filter(allowed);
    if (members.length <= limit.max) continue;
    for (const s of members) slotLimits[s].push(limitMax.length);
    limitMax.push(limit.max);
  }
  const weekendOf = new Int32Array(H).fill(-1);
  problem.weekends.forEach((days, w) => {
    for (const d of days) weekendOf[d] = w;
  });
  // Weekends are runs of consecutive days (the flag of the current one is the state).
  for (const days of problem.weekends)
    for (let i = 1; i < days.length; i++) if (days[i] !== days[i - 1] + 1) return null;
  return {
    days: H,
    daySlots,
    mustWork,
    conflict,
    nS,
    minutes: Int32Array.from(problem.slots.map((s) => s.minutes)),
    slotLimits,
    limitMax,
    minMinutes: emp.minMinutes ?? 0,
    maxMinutes: emp.maxMinutes ?? Infinity,
    maxConsecutive: emp.maxConsecutive ?? Infinity,
    minConsecutive: emp.minConsecutive ?? 1,
    minConsecutiveOff: emp.minConsecutiveOff ?? 1,
    weekendOf,
    maxWeekends: emp.maxWeekends ?? Infinity,
    maxShifts: Math.min(
      daySlots.filter((slots) => slots.length).length,
      Math.floor(
        (emp.maxMinutes ?? Infinity) / Math.max(1, Math.min(...problem.slots.map((s) => s.minutes))),
      ),
    ),
  };
}

/** The same pricing with the employee held to a slot on its day. */
export function forceSlot(p: EmployeePricing, slot: number, day: number): EmployeePricing {
  const daySlots = p.daySlots.slice();
  daySlots[day] = [slot];
  const mustWork = p.mustWork.slice();
  mustWork[day] = true;
  return { ...p, daySlots, mustWork };
}

/**
 * The cheapest rosters of the employee under slotCost (at most `count`, cheapest first), each
 * with its value: the sum of its slot costs plus the minutes shortfall penalty.
 */
export interface PricingLimits {
  /** Rosters of value at or above this are not wanted: labels that cannot get below it are dropped. */
  threshold?: number;
  /** Keep at most this many labels a state (cheapest first): fast, but no longer exact. */
  beam?: number;
}

export function priceEmployee(
  p: EmployeePricing,
  slotCost: ArrayLike<number>,
  count = 1,
  limits: PricingLimits = {},
): PricedColumn[] {
  const threshold = limits.threshold ?? Infinity;
  const completion = completionBounds(p, slotCost);
  const minSlotMinutes = Math.max(1, Math.min(...p.minutes));
  const workCap = Math.max(Number.isFinite(p.maxConsecutive) ? p.maxConsecutive : 0, p.minConsecutive);
  const offCap = p.minConsecutiveOff;
  const shortfall = (minutes: number) => MIN_MINUTES_SHORTFALL_COST * Math.max(0, p.minMinutes - minutes);
  const maxSlotMinutes = Math.max(...p.minutes);
  // Weekends with a day after d: the most a completion can still add.
  const weekendsAfter = new Int32Array(p.days);
  for (let d = 0; d < p.days; d++) {
    const groups = new Set<number>();
    for (let t = d + 1; t < p.days; t++) if (p.weekendOf[t] >= 0) groups.add(p.weekendOf[t]);
    weekendsAfter[d] = groups.size;
  }
  /**
   * a dominates b (same state, after day d) when every completion of b is open to a at no more
   * cost. A resource on which a is behind is no obstacle where no completion can reach its limit.
   */
  const dominates = (a: Label, b: Label, d: number) => {
    const daysLeft = p.days - 1 - d;
    if (a.weekends > b.weekends && a.weekends + weekendsAfter[d] > p.maxWeekends) return false;
    if (a.minutes > b.minutes && a.minutes + daysLeft * maxSlotMinutes > p.maxMinutes) return false;
    if (a.counts.length) {
      const slotsLeft = Math.min(daysLeft, Math.floor((p.maxMinutes - b.minutes) / minSlotMinutes));
      for (let k = 0; k < a.counts.length; k++)
        if (a.counts[k] > b.counts[k] && a.counts[k] + slotsLeft > p.limitMax[k]) return false;
    }
    const penalty =
      MIN_MINUTES_SHORTFALL_COST *
      Math.max(0, Math.min(b.minutes, p.minMinutes) - Math.min(a.minutes, p.minMinutes));
    return a.cost + penalty <= b.cost + 1e-9;
  };
  const keyOf = (l: Label) =>
    (((l.slot + 1) * 64 + l.run) * 2 + (l.edge ? 1 : 0)) * 2 + (l.weekendCounted ? 1 : 0);

  let buckets = new Map<number, Label[]>();
  const insert = (into: Map<number, Label[]>, label: Label, d: number) => {
    if (Number.isFinite(threshold)) {
      const left = Math.min(p.maxShifts, Math.floor((p.maxMinutes - label.minutes) / minSlotMinutes));
      const rest = completion[(d * (p.nS + 1) + label.slot + 1) * (p.maxShifts + 1) + Math.max(0, left)];
      if (label.cost + rest >= threshold - 1e-9) return;
    }
    const key = keyOf(label);
    const list = into.get(key);
    if (!list) {
      into.set(key, [label]);
      return;
    }
    for (const other of list) if (dominates(other, label, d)) return;
    let w = 0;
    for (let r = 0; r < list.length; r++) if (!dominates(label, list[r], d)) list[w++] = list[r];
    list.length = w;
    list.push(label);
  };
  const start: Label = {
    cost: 0,
    minutes: 0,
    counts: p.limitMax.map(() => 0),
    weekends: 0,
    slot: -1,
    run: 0,
    edge: true,
    weekendCounted: false,
    parent: null,
  };
  buckets.set(keyOf(start), [start]);
  for (let d = 0; d < p.days; d++) {
    const next = new Map<number, Label[]>();
    const weekend = p.weekendOf[d];
    const newWeekend = weekend >= 0 && (d === 0 || p.weekendOf[d - 1] !== weekend);
    for (const list of buckets.values())
      for (const from of list) {
        const working = from.slot >= 0;
        const counted = newWeekend ? false : weekend >= 0 && from.weekendCounted;
        // Off today.
        if (!p.mustWork[d]) {
          const closesShortStretch = working && !from.edge && from.run < p.minConsecutive;
          if (!closesShortStretch)
            insert(
              next,
              {
                cost: from.cost,
                minutes: from.minutes,
                counts: from.counts,
                weekends: from.weekends,
                slot: -1,
                run: working ? 1 : Math.min(offCap, from.run + 1),
                edge: working ? false : from.edge,
                weekendCounted: counted,
                parent: from,
              },
              d,
            );
        }
        // A slot today.
        if (working && from.run + 1 > p.maxConsecutive) continue;
        if (!working && d > 0 && !from.edge && from.run < p.minConsecutiveOff) continue;
        const weekends = weekend >= 0 && !counted ? from.weekends + 1 : from.weekends;
        if (weekends > p.maxWeekends) continue;
        for (const s of p.daySlots[d]) {
          if (working && p.conflict[from.slot * p.nS + s]) continue;
          const minutes = from.minutes + p.minutes[s];
          if (minutes > p.maxMinutes) continue;
          let counts = from.counts;
          const limits = p.slotLimits[s];
          if (limits.length) {
            counts = counts.slice();
            let over = false;
            for (const k of limits) if (++counts[k] > p.limitMax[k]) over = true;
            if (over) continue;
          }
          insert(
            next,
            {
              cost: from.cost + slotCost[s],
              minutes,
              counts,
              weekends,
              slot: s,
              run: working ? Math.min(workCap, from.run + 1) : 1,
              edge: working ? from.edge : d === 0,
              weekendCounted: weekend >= 0,
              parent: from,
            },
            d,
          );
        }
      }
    if (limits.beam !== undefined)
      for (const list of next.values())
        if (list.length > limits.beam) {
          list.sort((a, b) => a.cost - b.cost);
          list.length = limits.beam;
        }
    buckets = next;
  }
  // A stretch touching the last day is exempt from the minimums: every label is a complete roster.
  const finals: { label: Label; value: number }[] = [];
  for (const list of buckets.values())
    for (const label of list) {
      const value = label.cost + shortfall(label.minutes);
      if (value < threshold - 1e-9) finals.push({ label, value });
    }
  finals.sort((a, b) => a.value - b.value);
  return finals.slice(0, count).map(({ label, value }) => {
    const slots: number[] = [];
    for (let l: Label | null = label; l; l = l.parent) if (l.slot >= 0) slots.push(l.slot);
    return { slots: slots.reverse(), value };
  });
}

/**
 * Lower bound on the cost of the days after d, by the slot of day d (index slot + 1, 0 = off)
 * and the number of shifts still allowed, ignoring every other rule: what lets the labelling drop
 * labels that cannot reach the threshold. Flat array [(d * (nS + 1) + slot + 1) * (K + 1) + k].
 */
function completionBounds(p: EmployeePricing, slotCost: ArrayLike<number>): Float64Array {
  const K = p.maxShifts;
  const width = (p.nS + 1) * (K + 1);
  const bound = new Float64Array(p.days * width);
  for (let d = p.days - 2; d >= 0; d--) {
    const next = (d + 1) * width;
    const prevSlots = [-1, ...p.daySlots[d]];
    for (const last of prevSlots) {
      for (let k = 0; k <= K; k++) {
        // Off on day d+1, unless a slot is locked there.
        let best = p.mustWork[d + 1] ? Infinity : bound[next + 0 * (K + 1) + k];
        if (k > 0)
          for (const s of p.daySlots[d + 1]) {
            if (last >= 0 && p.conflict[last * p.nS + s]) continue;
            const v = slotCost[s] + bound[next + (s + 1) * (K + 1) + k - 1];
            if (v < best) best = v;
          }
        bound[d * width + (last + 1) * (K + 1) + k] = best;
      }
    }
  }
  return bound;
}
