import { DUTY_ROLES } from '@permanentie/contracts';
import { FieldError } from '@permanentie/platform';
import { checkKringAssignments, KringAssignment, KringProblem, Violation } from '../solver';

const key = (v: Violation) => `${v.rule}|${v.shiftId ?? ''}|${v.gpId ?? ''}|${v.role ?? ''}`;

/** Seats with fewer GPs than needed: fine in a draft, which is still being filled. */
function isUnderCoverage(problem: KringProblem, assignments: KringAssignment[], v: Violation): boolean {
  if (v.rule !== 'coverage') return false;
  const shift = problem.shifts.find((s) => s.id === v.shiftId);
  const have = assignments.filter((a) => a.shiftId === v.shiftId && a.role === v.role).length;
  return !!shift && have < (shift.need[v.role!] ?? 0);
}

/**
 * Decides a change of assignments (a planner's edit, a swap, a taken offer): the hard rules are
 * checked on the whole roster after the change, and every violation the change would introduce
 * is explained. A draft may have empty seats; a published roster may not lose coverage.
 */
export function decideAssignments(
  problem: KringProblem,
  before: KringAssignment[],
  after: KringAssignment[],
  opts: { published: boolean; field: string },
): FieldError[] {
  const errors: FieldError[] = [];
  for (const a of after) {
    if (!problem.shifts.some((s) => s.id === a.shiftId))
      errors.push({ field: 'shiftId', reason: 'onbekende wacht' });
    if (!problem.gps.some((g) => g.id === a.gpId)) {
      // A GP of the kring who takes no part in this period says why (65+, exempted, inactive).
      const absent = problem.absent?.find((g) => g.gpId === a.gpId);
      errors.push({ field: opts.field, reason: absent?.reason ?? 'onbekende huisarts in deze kring' });
    }
    if (!(DUTY_ROLES as readonly string[]).includes(a.role))
      errors.push({ field: 'role', reason: 'onbekende rol' });
  }
  if (errors.length) return errors;
  const existing = new Set(checkKringAssignments(problem, before).map(key));
  for (const v of checkKringAssignments(problem, after)) {
    if (existing.has(key(v))) continue;
    if (!opts.published && isUnderCoverage(problem, after, v)) continue;
    errors.push({ field: opts.field, reason: `${v.rule}: ${v.message}` });
  }
  return errors;
}
