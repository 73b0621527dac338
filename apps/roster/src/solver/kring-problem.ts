/**
 * The kring's front door to the solver core: what the roster service hands over and gets back.
 * Pure data (JSON-serialisable, crosses a worker thread); times are ISO strings with offset,
 * durations in real minutes (DST nights included). The solver core (same folder) turns this into
 * the one model builder shared with the NRP benchmark front door.
 */
import type { DutyKind, DutyRole } from '@permanentie/contracts';

export interface KringShift {
  id: string;
  kind: DutyKind;
  zoneId: string;
  start: string;
  end: string;
  /** Real minutes between start and end. */
  minutes: number;
  /** Fairness weight per hour (nights and weekends weigh more). */
  weight: number;
  /** How many GPs per role this shift needs. */
  need: Partial<Record<DutyRole, number>>;
  /**
   * Capabilities a GP must have to take this shift in any role, e.g. 'home_visits'. A role may
   * require more on top (ROLE_REQUIRES in kring/kring-to-core.ts: the supervisor seat needs
   * 'supervisor').
   */
  requires?: string[];
  /** Labels used by rules: 'weekend', 'night', 'holiday', 'christmas_eve', 'new_years_eve'. */
  tags: string[];
}

export interface KringGp {
  id: string;
  /** Target share of the period's weighted load, relative to the others (participation x age rules). */
  share: number;
  capabilities: string[];
  /** Intervals (ISO) in which she cannot work: unavailability and exemptions. */
  unavailable: { start: string; end: string }[];
  /** Shift ids she wishes for (+) or wants to avoid (-), with a weight. */
  wishes: { shiftId: string; want: boolean; weight: number }[];
  /** Weighted hours already carried earlier this year, over her share (year balance); may be negative. */
  carriedOver: number;
  /**
   * Christmas/New Year's Eve tags she had in earlier years (yearsAgo 1 = last year), for the
   * rotation: repeating one costs `rotation` x (ROTATION_YEARS + 1 - yearsAgo) / ROTATION_YEARS,
   * summed over the years she had it (3 years: 1, 2/3, 1/3). Older years are ignored.
   */
  eveHistory: { tag: string; yearsAgo: number }[];
}

export interface KringRules {
  /** Hours of rest required between the end of one shift and the start of the next. Default 11. */
  minRestHours: number;
  maxShiftsPerWeek: number;
  weights: {
    /** Per weighted hour of deviation from the fair share. */
    fairness: number;
    /** Per wish honoured (want) or broken (avoid), times the wish weight. */
    wish: number;
    /** Per pair of shifts of one GP starting less than 48 h apart (bunching). */
    spread: number;
    /** Per Christmas/New Year's Eve repeated from last year (less for earlier years, see eveHistory). */
    rotation: number;
  };
}

export interface KringProblem {
  shifts: KringShift[];
  gps: KringGp[];
  rules: KringRules;
  /** Assignments the planner locked: kept as they are. */
  locked: KringAssignment[];
  /**
   * Assignments of these GPs in the kring's other rosters (published or draft) close to this
   * period: fixed here, they count for the rest rule, overlap and the weekly maximum (an ISO week
   * can be split across two rosters). Omitted: none.
   */
  elsewhere?: KringCommitment[];
  /**
   * GPs of the kring who take no part in this period, with the reason (age, exemption, inactive):
   * not given to the solver, only used to explain a refused change. Omitted: none.
   */
  absent?: { gpId: string; reason: string }[];
}

/** A shift a GP already holds in another roster of the kring. */
export interface KringCommitment {
  gpId: string;
  shiftId: string;
  rosterId: string;
  start: string;
  end: string;
}

export interface KringAssignment {
  shiftId: string;
  role: DutyRole;
  gpId: string;
}

export interface KringSolution {
  status: 'optimal' | 'feasible' | 'partial' | 'cancelled';
  assignments: KringAssignment[];
  /** Seats that no GP can fill under the hard rules, with the reason in a code + text. */
  uncovered: { shiftId: string; role: DutyRole; missing: number; reason: string }[];
  objective: number;
  lowerBound: number | null;
  solveSeconds: number;
}

export interface SolveProgressUpdate {
  phase: 'building' | 'solving' | 'improving' | 'done';
  percent: number;
  objective: number | null;
}
