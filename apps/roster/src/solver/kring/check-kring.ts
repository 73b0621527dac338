import { DUTY_ROLES, type DutyRole } from '@permanentie/contracts';
import type { KringAssignment, KringGp, KringProblem, KringShift } from '../kring-problem';
import {
  clashWith,
  commitmentsByGp,
  describeCommitment,
  isUnavailable,
  missingCapabilities,
  shiftTimes,
  weekOf,
} from './kring-to-core';

export interface Violation {
  rule:
    | 'unknown'
    | 'coverage'
    | 'double_booking'
    | 'overlap'
    | 'min_rest'
    | 'unavailable'
    | 'capability'
    | 'max_shifts_per_week';
  shiftId?: string;
  gpId?: string;
  role?: DutyRole;
  message: string;
}

/**
 * Checks the kring's hard rules on a set of assignments (a solver result or a planner's edit):
 * capabilities per seat (the shift's and the role's), and rest, overlap and the weekly maximum
 * also against the GPs' shifts in the kring's other rosters (problem.elsewhere). Pure.
 */
export function checkKringAssignments(problem: KringProblem, assignments: KringAssignment[]): Violation[] {
  const violations: Violation[] = [];
  const shifts = new Map(problem.shifts.map((s) => [s.id, s]));
  const gps = new Map(problem.gps.map((g) => [g.id, g]));
  const valid: { a: KringAssignment; shift: KringShift; gp: KringGp }[] = [];
  for (const a of assignments) {
    const shift = shifts.get(a.shiftId);
    const gp = gps.get(a.gpId);
    if (!shift || !gp || !(DUTY_ROLES as readonly string[]).includes(a.role)) {
      violations.push({
        rule: 'unknown',
        ...a,
        message: `assignment of ${a.gpId} to ${a.shiftId} as ${a.role} names an unknown ${!shift ? 'shift' : !gp ? 'GP' : 'role'}`,
      });
      continue;
    }
    valid.push({ a, shift, gp });
  }

  for (const shift of problem.shifts) {
    for (const role of DUTY_ROLES) {
      const need = shift.need[role] ?? 0;
      const have = valid.filter((v) => v.shift === shift && v.a.role === role).length;
      if (have !== need)
        violations.push({
          rule: 'coverage',
          shiftId: shift.id,
          role,
          message: `shift ${shift.id} (${shift.start}) needs ${need} ${role}, has ${have}`,
        });
    }
  }

  for (const { a, shift, gp } of valid) {
    const missing = missingCapabilities(gp, shift, a.role);
    if (missing.length)
      violations.push({
        rule: 'capability',
        ...a,
        message: `${gp.id} lacks capability ${missing.join(', ')} required by shift ${shift.id} as ${a.role}`,
      });
    if (isUnavailable(gp, shift))
      violations.push({
        rule: 'unavailable',
        ...a,
        message: `${gp.id} is unavailable during shift ${shift.id} (${shift.start} - ${shift.end})`,
      });
  }

  const restMs = problem.rules.minRestHours * 3600_000;
  const held = commitmentsByGp(problem);
  for (const gp of problem.gps) {
    const mine = valid
      .filter((v) => v.gp === gp)
      .sort((x, y) => Date.parse(x.shift.start) - Date.parse(y.shift.start));
    for (let i = 0; i < mine.length; i++) {
      for (let j = i + 1; j < mine.length; j++) {
        const first = mine[i].shift;
        const second = mine[j].shift;
        const a = shiftTimes(first);
        const b = shiftTimes(second);
        if (first === second) {
          violations.push({
            rule: 'double_booking',
            gpId: gp.id,
            shiftId: first.id,
            message: `${gp.id} holds two seats on shift ${first.id}`,
          });
        } else if (b.start < a.end) {
          violations.push({
            rule: 'overlap',
            gpId: gp.id,
            shiftId: second.id,
            message: `${gp.id} works overlapping shifts ${first.id} and ${second.id}`,
          });
        } else if (b.start - a.end < restMs) {
          const hours = ((b.start - a.end) / 3600_000).toFixed(1);
          violations.push({
            rule: 'min_rest',
            gpId: gp.id,
            shiftId: second.id,
            message: `${gp.id} gets ${hours} h rest between ${first.id} and ${second.id}, at least ${problem.rules.minRestHours} h required`,
          });
        }
      }
    }
    // Her shifts in other rosters: fixed here, so only pairs with one of this roster's count.
    const elsewhere = held.get(gp.id) ?? [];
    for (const shift of new Set(mine.map((m) => m.shift))) {
      for (const c of elsewhere) {
        const clash = clashWith(c, shift, restMs);
        if (clash === 'overlap')
          violations.push({
            rule: 'overlap',
            gpId: gp.id,
            shiftId: shift.id,
            message: `${gp.id} works shift ${shift.id}, which overlaps her ${describeCommitment(c)}`,
          });
        else if (clash === 'min_rest') {
          const gap = Math.max(
            Date.parse(shift.start) - Date.parse(c.end),
            Date.parse(c.start) - Date.parse(shift.end),
          );
          violations.push({
            rule: 'min_rest',
            gpId: gp.id,
            shiftId: shift.id,
            message: `${gp.id} gets ${(gap / 3600_000).toFixed(1)} h rest between shift ${shift.id} and her ${describeCommitment(c)}, at least ${problem.rules.minRestHours} h required`,
          });
        }
      }
    }
    const perWeek = new Map<string, Set<string>>();
    for (const { shift } of mine)
      perWeek.set(weekOf(shift), (perWeek.get(weekOf(shift)) ?? new Set()).add(shift.id));
    const heldPerWeek = new Map<string, Set<string>>();
    for (const c of elsewhere)
      heldPerWeek.set(weekOf(c), (heldPerWeek.get(weekOf(c)) ?? new Set()).add(c.shiftId));
    for (const [week, ids] of perWeek) {
      const other = heldPerWeek.get(week)?.size ?? 0;
      if (ids.size + other > problem.rules.maxShiftsPerWeek)
        violations.push({
          rule: 'max_shifts_per_week',
          gpId: gp.id,
          message: `${gp.id} works ${ids.size + other} shifts in week ${week}${other ? ` (${other} of them in other rosters)` : ''}, at most ${problem.rules.maxShiftsPerWeek}`,
        });
    }
  }
  return violations;
}
