/**
 * The solver core's problem: employees, slots (a shift on a day, in one role) and the rule
 * families of staff rostering. Both front doors (the NRP benchmark text format and the kring
 * problem) translate into this, and one model builder (mip-model.ts) turns it into a MIP.
 *
 * Day-based families (consecutive days, days off, weekends) read "works on day d" as the sum of
 * the employee's slots on day d, so they need at most one slot per day (a clique per day).
 */

export interface CoreSlot {
  /** Day index from 0 (the day the shift starts). */
  day: number;
  minutes: number;
  /** Weighted load of the slot, used by the load target (kring fairness). */
  load: number;
  /** Human-readable name for messages, e.g. "day 3 shift E". */
  label: string;
}

export interface CoreCover {
  slots: number[];
  target: number;
  /** Cost per person short of the target. */
  underWeight: number;
  /** Cost per person above the target; null makes the target a hard maximum. */
  overWeight: number | null;
  label: string;
}

export interface CoreLimit {
  slots: number[];
  max: number;
  label: string;
}

export interface CoreEmployee {
  id: string;
  /** Slots this employee may not take, with the reason (days off, unavailability, capability). */
  forbidden: Map<number, string>;
  /** Slots locked on for this employee. */
  fixed: number[];
  /** Cost added when the employee takes a slot (negative = a wish rewarded). */
  costs: Map<number, number>;
  limits: CoreLimit[];
  minMinutes?: number;
  maxMinutes?: number;
  maxConsecutive?: number;
  /** Minimum length of a working stretch; a stretch touching the first or last day is exempt. */
  minConsecutive?: number;
  /** Minimum length of a stretch of days off; a stretch touching the first or last day is exempt. */
  minConsecutiveOff?: number;
  maxWeekends?: number;
  /** Soft target on the summed slot load: weight per unit of deviation either way. */
  loadTarget?: { value: number; weight: number };
}

export interface CorePair {
  a: number;
  b: number;
  weight: number;
}

export interface CoreProblem {
  name: string;
  days: number;
  slots: CoreSlot[];
  /** Sets of slots of which one employee can take at most one (same day, overlap, rest, successions). */
  cliques: number[][];
  /** Soft: cost when one employee takes both slots (bunching). */
  pairs: CorePair[];
  /** Day indices of each weekend; a weekend counts as worked when any of its days is. */
  weekends: number[][];
  covers: CoreCover[];
  employees: CoreEmployee[];
  /** Constant part of the objective (e.g. the weight of every shift-on request, refunded when met). */
  offset: number;
}

/** A roster: for each employee (same order as problem.employees) the slots it takes. */
export type CoreRoster = number[][];

/** Cost per minute below an employee's minimum total minutes; keeps the model feasible from an empty roster. */
export const MIN_MINUTES_SHORTFALL_COST = 1000;

export function slotsByDay(problem: CoreProblem): number[][] {
  const byDay: number[][] = Array.from({ length: problem.days }, () => []);
  problem.slots.forEach((slot, s) => byDay[slot.day].push(s));
  return byDay;
}
