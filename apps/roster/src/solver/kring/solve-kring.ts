import { evaluateRoster } from '../core/evaluate';
import { solveInWorker } from '../core/run-in-worker';
import type { KringAssignment, KringProblem, KringSolution, SolveProgressUpdate } from '../kring-problem';
import {
  clashWith,
  commitmentsByGp,
  isUnavailable,
  kringToCore,
  KringSeat,
  missingCapabilities,
  seatRequires,
  shiftTimes,
  UNCOVERED_SEAT_COST,
  weekOf,
} from './kring-to-core';

export interface SolveKringOptions {
  timeLimitSeconds: number;
  signal?: AbortSignal;
  onProgress?: (p: SolveProgressUpdate) => void;
}

/** Solves a kring roster in a worker; unfillable seats come back explained, never as a failure. */
export async function solveKring(problem: KringProblem, opts: SolveKringOptions): Promise<KringSolution> {
  const mapping = kringToCore(problem);
  const result = await solveInWorker(mapping.core, {
    timeLimitSeconds: opts.timeLimitSeconds,
    signal: opts.signal,
    onProgress: (phase, percent, objective) =>
      opts.onProgress?.({ phase, percent, objective: softPart(objective) }),
  });
  const assignments: KringAssignment[] = result.roster.flatMap((slots, e) =>
    slots.map((s) => ({
      shiftId: mapping.seats[s].shift.id,
      role: mapping.seats[s].role,
      gpId: problem.gps[e].id,
    })),
  );
  const evaluation = evaluateRoster(mapping.core, result.roster);
  const uncovered = mapping.seats.flatMap((seat) => {
    const need = seat.shift.need[seat.role] ?? 0;
    const have = assignments.filter((a) => a.shiftId === seat.shift.id && a.role === seat.role).length;
    return have < need
      ? [
          {
            shiftId: seat.shift.id,
            role: seat.role,
            missing: need - have,
            reason: explainUncovered(problem, seat, assignments),
          },
        ]
      : [];
  });
  const objective = evaluation.objective - evaluation.uncovered * UNCOVERED_SEAT_COST;
  opts.onProgress?.({ phase: 'done', percent: 100, objective });
  return {
    status: result.cancelled
      ? 'cancelled'
      : uncovered.length
        ? 'partial'
        : result.optimal
          ? 'optimal'
          : 'feasible',
    assignments,
    uncovered,
    objective,
    lowerBound:
      uncovered.length === 0 && result.lowerBound !== null && result.lowerBound < UNCOVERED_SEAT_COST
        ? result.lowerBound
        : null,
    solveSeconds: result.seconds,
  };
}

function softPart(objective: number | null): number | null {
  return objective === null ? null : objective % UNCOVERED_SEAT_COST;
}

/** Why nobody can take a seat, given the rest of the roster: "code: text". */
export function explainUncovered(
  problem: KringProblem,
  seat: KringSeat,
  assignments: KringAssignment[],
): string {
  const shift = seat.shift;
  const required = seatRequires(shift, seat.role);
  const capable = problem.gps.filter((gp) => missingCapabilities(gp, shift, seat.role).length === 0);
  if (capable.length === 0)
    return `no_capability: no GP with capability ${required.join(' and ')} is available`;
  const available = capable.filter((gp) => !isUnavailable(gp, shift));
  if (available.length === 0)
    return `unavailable: every GP${required.length ? ` with capability ${required.join(' and ')}` : ''} is unavailable during ${shift.id}`;

  const shifts = new Map(problem.shifts.map((s) => [s.id, s]));
  const restMs = problem.rules.minRestHours * 3600_000;
  const { start, end } = shiftTimes(shift);
  const held = commitmentsByGp(problem);
  const blockers = new Map<string, number>();
  for (const gp of available) {
    const mine = assignments.filter((a) => a.gpId === gp.id).map((a) => shifts.get(a.shiftId)!);
    // Her shifts in the kring's other rosters count like her own here.
    const elsewhere = held.get(gp.id) ?? [];
    const clashes = elsewhere.map((c) => clashWith(c, shift, restMs));
    let reason = 'free';
    if (mine.includes(shift)) reason = 'on_shift';
    else if (
      clashes.includes('overlap') ||
      mine.some((o) => Date.parse(o.start) < end && start < Date.parse(o.end))
    )
      reason = 'overlap';
    else if (
      clashes.includes('min_rest') ||
      mine.some((o) => Date.parse(o.start) < end + restMs && start < Date.parse(o.end) + restMs)
    )
      reason = 'min_rest';
    else if (
      new Set(mine.filter((o) => weekOf(o) === weekOf(shift)).map((o) => o.id)).size +
        new Set(elsewhere.filter((c) => weekOf(c) === weekOf(shift)).map((c) => c.shiftId)).size >=
      problem.rules.maxShiftsPerWeek
    )
      reason = 'max_shifts_per_week';
    blockers.set(reason, (blockers.get(reason) ?? 0) + 1);
  }
  const texts: Record<string, string> = {
    on_shift: 'already holds another seat on this shift',
    overlap: 'already works an overlapping shift (this roster or another)',
    min_rest: `would break the ${problem.rules.minRestHours} h rest rule (with a shift in this roster or another)`,
    max_shifts_per_week: `already has ${problem.rules.maxShiftsPerWeek} shifts that week`,
    free: 'could take it but was not placed (time limit)',
  };
  if (blockers.size === 1) {
    const [reason] = [...blockers.keys()];
    return `${reason}: every eligible GP ${texts[reason]}`;
  }
  return `blocked: of ${available.length} eligible GPs, ${[...blockers].map(([r, n]) => `${n} ${texts[r]}`).join('; ')}`;
}
