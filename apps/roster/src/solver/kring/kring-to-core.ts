import { DateTime } from 'luxon';
import type { DutyRole } from '@permanentie/contracts';
import { CoreEmployee, CorePair, CoreProblem, CoreSlot } from '../core/roster-core';
import type { KringCommitment, KringGp, KringProblem, KringShift } from '../kring-problem';

export const ZONE = 'Europe/Brussels';
/** Cost of one unfilled seat: far above any soft goal, so the MIP covers whatever it can. */
export const UNCOVERED_SEAT_COST = 1_000_000;
const SPREAD_WINDOW_MS = 48 * 3600_000;
/** Below this share (of a full share) the fairness weight stops growing. */
const MIN_FAIRNESS_SHARE = 0.2;
const ROTATION_TAGS = ['christmas_eve', 'new_years_eve'];
/**
 * Years of Christmas/New Year's Eve history the rotation looks at: having had the eve y years
 * ago (1 = last year) costs rotation x (ROTATION_YEARS + 1 - y) / ROTATION_YEARS, so 1, 2/3, 1/3.
 */
export const ROTATION_YEARS = 3;

/** Capabilities a role needs on any shift, on top of the shift's own `requires`. */
export const ROLE_REQUIRES: Partial<Record<DutyRole, string[]>> = { supervisor: ['supervisor'] };

export interface KringSeat {
  shift: KringShift;
  role: DutyRole;
}

export interface KringCoreMapping {
  core: CoreProblem;
  /** Slot index -> (shift, role). */
  seats: KringSeat[];
  slotOf(shiftId: string, role: DutyRole): number | undefined;
}

export function shiftTimes(shift: KringShift): { start: number; end: number } {
  return { start: Date.parse(shift.start), end: Date.parse(shift.end) };
}

/** ISO week key ("2025-W52") of the local start of a shift. */
export function weekOf(shift: { start: string }): string {
  const local = DateTime.fromMillis(Date.parse(shift.start), { zone: ZONE });
  return `${local.weekYear}-W${local.weekNumber}`;
}

/** What one seat (shift, role) requires: the shift's capabilities and the role's. */
export function seatRequires(shift: KringShift, role: DutyRole): string[] {
  return [...new Set([...(shift.requires ?? []), ...(ROLE_REQUIRES[role] ?? [])])];
}

/** The capabilities the seat requires that the GP lacks. */
export function missingCapabilities(
  gp: { capabilities: string[] },
  shift: KringShift,
  role: DutyRole,
): string[] {
  return seatRequires(shift, role).filter((c) => !gp.capabilities.includes(c));
}

/** Each GP's shifts in the kring's other rosters (problem.elsewhere), by GP id. */
export function commitmentsByGp(problem: KringProblem): Map<string, KringCommitment[]> {
  const byGp = new Map<string, KringCommitment[]>();
  for (const c of problem.elsewhere ?? []) byGp.set(c.gpId, [...(byGp.get(c.gpId) ?? []), c]);
  return byGp;
}

/** How a shift clashes with one held in another roster: overlap, too little rest, or not at all. */
export function clashWith(
  held: { start: string; end: string },
  shift: KringShift,
  restMs: number,
): 'overlap' | 'min_rest' | null {
  const a = { start: Date.parse(held.start), end: Date.parse(held.end) };
  const b = shiftTimes(shift);
  if (a.start < b.end && b.start < a.end) return 'overlap';
  if (a.start < b.end + restMs && b.start < a.end + restMs) return 'min_rest';
  return null;
}

/** "shift X (start - end) of roster R": a commitment in another roster, for messages. */
export const describeCommitment = (c: KringCommitment) =>
  `shift ${c.shiftId} (${c.start} - ${c.end}) of roster ${c.rosterId}`;

/** Rotation cost factor (times the rotation weight) of her taking a shift with these tags. */
export function rotationFactor(gp: KringGp, tags: string[]): number {
  const seen = new Set<string>();
  let factor = 0;
  for (const h of gp.eveHistory) {
    const key = `${h.tag}/${h.yearsAgo}`;
    if (seen.has(key) || !ROTATION_TAGS.includes(h.tag) || !tags.includes(h.tag)) continue;
    if (h.yearsAgo < 1 || h.yearsAgo > ROTATION_YEARS) continue;
    seen.add(key);
    factor += (ROTATION_YEARS + 1 - h.yearsAgo) / ROTATION_YEARS;
  }
  return factor;
}

export function isUnavailable(gp: KringProblem['gps'][number], shift: KringShift): boolean {
  const { start, end } = shiftTimes(shift);
  return gp.unavailable.some((u) => Date.parse(u.start) < end && start < Date.parse(u.end));
}

/** The kring front door: real-time shifts and roles become day-indexed slots of the core. */
export function kringToCore(problem: KringProblem): KringCoreMapping {
  const shifts = [...problem.shifts].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const firstDay = shifts.length
    ? DateTime.fromMillis(Date.parse(shifts[0].start), { zone: ZONE }).startOf('day')
    : null;
  const dayOf = (shift: KringShift) =>
    Math.round(
      DateTime.fromMillis(Date.parse(shift.start), { zone: ZONE }).startOf('day').diff(firstDay!, 'days')
        .days,
    );

  const seats: KringSeat[] = [];
  const slots: CoreSlot[] = [];
  const slotIndex = new Map<string, number>();
  const slotsOfShift = new Map<string, number[]>();
  for (const shift of shifts) {
    for (const [role, need] of Object.entries(shift.need) as [DutyRole, number][]) {
      if (!need) continue;
      slotIndex.set(`${shift.id}/${role}`, slots.length);
      slotsOfShift.set(shift.id, [...(slotsOfShift.get(shift.id) ?? []), slots.length]);
      seats.push({ shift, role });
      slots.push({
        day: dayOf(shift),
        minutes: shift.minutes,
        load: (shift.minutes / 60) * shift.weight,
        label: `${shift.id} (${role})`,
      });
    }
  }
  const covers = seats.map((seat, s) => ({
    slots: [s],
    target: seat.shift.need[seat.role] ?? 0,
    underWeight: UNCOVERED_SEAT_COST,
    overWeight: null,
    label: `${seat.shift.id} ${seat.role}`,
  }));

  const restMs = problem.rules.minRestHours * 3600_000;
  const cliques = restCliques(seats, restMs);
  const conflicting = new Set<string>();
  for (const clique of cliques) for (const a of clique) for (const b of clique) conflicting.add(`${a}/${b}`);

  const pairs: CorePair[] = [];
  if (problem.rules.weights.spread > 0) {
    for (let a = 0; a < seats.length; a++)
      for (let b = a + 1; b < seats.length; b++) {
        if (seats[a].shift.id === seats[b].shift.id || conflicting.has(`${a}/${b}`)) continue;
        const gap = Math.abs(Date.parse(seats[b].shift.start) - Date.parse(seats[a].shift.start));
        if (gap < SPREAD_WINDOW_MS) pairs.push({ a, b, weight: problem.rules.weights.spread });
      }
  }

  const weeks = new Map<string, number[]>();
  seats.forEach((seat, s) => weeks.set(weekOf(seat.shift), [...(weeks.get(weekOf(seat.shift)) ?? []), s]));

  const totalLoad = seats.reduce(
    (t, seat) => t + (seat.shift.need[seat.role] ?? 0) * (seat.shift.minutes / 60) * seat.shift.weight,
    0,
  );
  const totalShare = problem.gps.reduce((t, gp) => t + Math.max(0, gp.share), 0);
  const fullShare = Math.max(0, ...problem.gps.map((gp) => gp.share));
  const held = commitmentsByGp(problem);
  let offset = 0;
  const employees: CoreEmployee[] = problem.gps.map((gp) => {
    const forbidden = new Map<number, string>();
    const mine = held.get(gp.id) ?? [];
    seats.forEach((seat, s) => {
      const missing = missingCapabilities(gp, seat.shift, seat.role);
      if (missing.length) {
        forbidden.set(s, `lacks capability ${missing.join(', ')}`);
        return;
      }
      if (isUnavailable(gp, seat.shift)) {
        forbidden.set(s, 'unavailable');
        return;
      }
      for (const c of mine) {
        const clash = clashWith(c, seat.shift, restMs);
        if (clash) {
          forbidden.set(
            s,
            clash === 'overlap'
              ? `overlaps her ${describeCommitment(c)}`
              : `less than ${problem.rules.minRestHours} h rest from her ${describeCommitment(c)}`,
          );
          return;
        }
      }
    });
    // Shifts she already holds that week in other rosters count for the weekly maximum.
    const heldPerWeek = new Map<string, Set<string>>();
    for (const c of mine) {
      const week = weekOf(c);
      heldPerWeek.set(week, (heldPerWeek.get(week) ?? new Set()).add(c.shiftId));
    }
    const costs = new Map<number, number>();
    const addCost = (s: number, cost: number) => costs.set(s, (costs.get(s) ?? 0) + cost);
    for (const wish of gp.wishes) {
      const wished = slotsOfShift.get(wish.shiftId) ?? [];
      const cost = wish.weight * problem.rules.weights.wish;
      if (wish.want && wished.length) {
        offset += cost; // refunded when she gets the shift
        for (const s of wished) addCost(s, -cost);
      } else if (!wish.want) for (const s of wished) addCost(s, cost);
    }
    seats.forEach((seat, s) => {
      const factor = rotationFactor(gp, seat.shift.tags);
      if (factor > 0) addCost(s, factor * problem.rules.weights.rotation);
    });
    const share = totalShare > 0 ? Math.max(0, gp.share) / totalShare : 0;
    // Her fair part of this period, less what she already carried over her share this year.
    const target = Math.max(0, share * totalLoad - gp.carriedOver);
    return {
      id: gp.id,
      forbidden,
      fixed: problem.locked
        .filter((l) => l.gpId === gp.id)
        .flatMap((l) => slotIndex.get(`${l.shiftId}/${l.role}`) ?? []),
      costs,
      limits: [...weeks].map(([week, weekSlots]) => {
        const already = heldPerWeek.get(week)?.size ?? 0;
        return {
          slots: weekSlots,
          max: Math.max(0, problem.rules.maxShiftsPerWeek - already),
          label: already
            ? `shifts in week ${week} (besides ${already} in other rosters)`
            : `shifts in week ${week}`,
        };
      }),
      // Fairness is judged on her load as a full-share load (hours / share): an hour above her
      // target weighs 1/share, so a half-time GP's surplus counts twice (capped for tiny shares).
      loadTarget:
        problem.rules.weights.fairness > 0
          ? {
              value: target,
              weight:
                problem.rules.weights.fairness /
                Math.max(MIN_FAIRNESS_SHARE, fullShare > 0 ? gp.share / fullShare : 1),
            }
          : undefined,
    };
  });

  return {
    core: {
      name: 'kring',
      days: slots.length ? Math.max(...slots.map((s) => s.day)) + 1 : 0,
      slots,
      cliques,
      pairs,
      weekends: [],
      covers,
      employees,
      offset,
    },
    seats,
    slotOf: (shiftId, role) => slotIndex.get(`${shiftId}/${role}`),
  };
}

/**
 * Maximal sets of seats one GP can hold at most one of: shifts overlapping once each is
 * stretched by the rest period. Stretched shifts are intervals, so the sets at each start time
 * are the maximal cliques of the conflict graph (two roles of one shift overlap too).
 */
function restCliques(seats: KringSeat[], restMs: number): number[][] {
  const spans = seats.map((seat, s) => ({ s, ...shiftTimes(seat.shift) }));
  const cliques: number[][] = [];
  for (const at of [...new Set(spans.map((x) => x.start))].sort((a, b) => a - b)) {
    const clique = spans.filter((x) => x.start <= at && at < x.end + restMs).map((x) => x.s);
    if (clique.length > 1) cliques.push(clique);
  }
  return cliques.filter(
    (c, i) => !cliques.some((d, j) => j !== i && d.length > c.length && c.every((s) => d.includes(s))),
  );
}
