/**
 * Every service call the console makes, in one place, and the shapes it reads. Paths go through
 * the gateway's proxy: /api/roster/*, /api/triage/*, /api/dispatch/*.
 */
import type { Disposition, DutyKind, DutyRole, Urgency } from './codes.js';

const R = '/api/roster';
const T = '/api/triage';
const D = '/api/dispatch';
const e = encodeURIComponent;

export const ROUTES = {
  // triage
  protocol: (wp: string) => `${T}/wachtposten/${e(wp)}/protocols/active`,
  createCase: `${T}/cases`,
  /** POST {@link TriageBody}: the protocol and the dispatcher's override in one step. */
  triageCase: (id: string) => `${T}/cases/${e(id)}/triage`,
  queue: (wp: string) => `${T}/queue?wachtpostId=${e(wp)}`,
  caseDetail: (id: string, purpose: string) => `${T}/cases/${e(id)}?purpose=${e(purpose)}`,
  handTo112: (id: string) => `${T}/cases/${e(id)}/escalate-112`,
  cancelCase: (id: string) => `${T}/cases/${e(id)}/cancel`,
  closeCase: (id: string) => `${T}/cases/${e(id)}/close`,
  // dispatch
  board: (wp: string) => `${D}/wachtposts/${e(wp)}/board`,
  dispatchQueue: (wp: string) => `${D}/wachtposts/${e(wp)}/queue`,
  alarms: (wp: string) => `${D}/wachtposts/${e(wp)}/alarms`,
  reassign: (id: string) => `${D}/cases/${e(id)}/reassign`,
  myWork: `${D}/me/work`,
  acceptOffer: (id: string) => `${D}/offers/${e(id)}/accept`,
  declineOffer: (id: string) => `${D}/offers/${e(id)}/decline`,
  startCase: (id: string) => `${D}/cases/${e(id)}/start`,
  completeCase: (id: string) => `${D}/cases/${e(id)}/complete`,
  // roster
  gps: (kring: string) => `${R}/kringen/${e(kring)}/gps`,
  gp: (id: string) => `${R}/gps/${e(id)}`,
  templates: (kring: string) => `${R}/kringen/${e(kring)}/templates`,
  zones: (kring: string) => `${R}/kringen/${e(kring)}/zones`,
  rosters: (kring: string) => `${R}/kringen/${e(kring)}/rosters`,
  roster: (id: string) => `${R}/rosters/${e(id)}`,
  solve: (id: string) => `${R}/rosters/${e(id)}/solve`,
  solveRun: (id: string) => `${R}/solve-runs/${e(id)}`,
  publish: (id: string) => `${R}/rosters/${e(id)}/publish`,
  fairness: (id: string) => `${R}/rosters/${e(id)}/fairness`,
  /** PATCH {locked}: lock or unlock. */
  assignment: (rosterId: string, id: string) => `${R}/rosters/${e(rosterId)}/assignments/${e(id)}`,
  /** POST {shiftId, role, gpId, locked, replacesAssignmentId}: a manual change, checked by the hard rules. */
  assignments: (rosterId: string) => `${R}/rosters/${e(rosterId)}/assignments`,
  gpShifts: (gp: string, q: string) => `${R}/gps/${e(gp)}/shifts${q}`,
  /** The kring's swaps still in play (open, proposed, pending). */
  swaps: `${R}/swaps`,
  /** The offering GP accepts a colleague's counter proposal (status proposed). */
  acceptSwap: (id: string) => `${R}/swaps/${e(id)}/accept`,
  withdrawSwap: (id: string) => `${R}/swaps/${e(id)}/withdraw`,
  offerSwap: `${R}/swaps`,
  /** POST {counterAssignmentId?}: take over, or propose one of her own duties in return. */
  takeSwap: (id: string) => `${R}/swaps/${e(id)}/take`,
  approveSwap: (id: string) => `${R}/swaps/${e(id)}/approve`,
  rejectSwap: (id: string) => `${R}/swaps/${e(id)}/reject`,
};

export interface Labels {
  nl: string;
  fr: string;
  en: string;
}

export interface ProtocolComplaint {
  code: string;
  label: Labels;
  questions: Array<{ id: string; text: Labels; options: Array<{ code: string; label: Labels }> }>;
  rules: Array<{
    when: Record<string, string[]>;
    urgency: Urgency;
    disposition: Disposition;
    advice: Labels;
  }>;
  otherwise: { urgency: Urgency; disposition: Disposition; advice: Labels };
}

export interface Protocol {
  version: number;
  definition: { code: string; title: Labels; complaints: ProtocolComplaint[] };
}

/**
 * Triage and override in one request: triage applies the protocol, then the override, in one
 * transaction, and acts only on the final result (a U1 downgraded here never goes to 112).
 */
export interface TriageBody {
  version: number;
  complaintCode: string;
  answers: Record<string, string>;
  override?: { urgency: Urgency; disposition: Disposition; reason: string };
}

/** A case as triage lists it: ids, codes and times, no patient data. */
export interface CaseView {
  id: string;
  wachtpostId?: string;
  version: number;
  status: string;
  channel: string;
  urgency: Urgency | null;
  disposition: Disposition | null;
  proposedUrgency: Urgency | null;
  proposedDisposition: Disposition | null;
  overridden: boolean;
  receivedAt: string;
  dueAt: string | null;
  postcode: string;
  complaintCode: string | null;
  zoneId: string | null;
  offeredGpId: string | null;
  assignedGpId: string | null;
  slaBreachedAt: string | null;
}

/** The case with patient data (every read is access-logged by triage). */
export interface CaseDetails extends CaseView {
  caller: { name: string | null; phone: string | null; relation: string };
  patient: {
    name: string;
    birthDate: string;
    insz: string | null;
    phone: string | null;
    address: { street: string | null; postcode: string; city: string | null };
    language: string;
  };
  answers: Record<string, string> | null;
}

/** A case in play at dispatch: its offer or holder, alarm and SLA state. */
export interface DispatchCase {
  caseId: string;
  urgency: Urgency;
  dueAt: string;
  status: 'waiting' | 'offered' | 'accepted' | 'started';
  zoneId: string | null;
  gpId: string | null;
  offerId: string | null;
  offerExpiresAt: string | null;
  alarmCode: string | null;
  slaState: string | null;
}

export interface Board {
  wachtpostId: string;
  at: string;
  zones: Array<{
    zoneId: string;
    overflowZoneIds: string[];
    onDuty: Array<{
      gpId: string;
      role: DutyRole;
      dutyKind: DutyKind;
      from: string;
      to: string;
      openCases: number;
    }>;
  }>;
}

export const REASSIGN_REASONS = ['gp_unreachable', 'closer_gp', 'patient_request', 'language'] as const;

export interface Offer {
  offerId: string;
  caseId: string;
  urgency: Urgency;
  expiresAt: string;
}

export interface GpCase {
  caseId: string;
  offerId: string;
  status: 'accepted' | 'started';
  urgency: Urgency;
  disposition: Disposition | null;
  postcode: string;
  dueAt: string | null;
}

export interface MyWork {
  offers: Offer[];
  cases: GpCase[];
}

export interface GpShift {
  assignmentId: string;
  shiftId: string;
  zoneId: string;
  kind: DutyKind;
  role: DutyRole;
  startsAt: string;
  endsAt: string;
}

export interface GpRef {
  gpId: string;
  name: string;
}

/** The duty a swap is about, as the roster lists it with the swap. */
export interface SwapShift {
  id: string;
  start: string;
  end: string;
  kind: DutyKind;
  zoneId: string;
  role: DutyRole;
}

/** A swap in play (open, proposed, pending), with its duty and the GPs by name. */
export interface SwapView {
  id: string;
  status: 'open' | 'proposed' | 'pending' | 'done' | 'rejected' | 'withdrawn';
  assignmentId: string;
  counterAssignmentId?: string | null;
  shift: SwapShift | null;
  offeredBy: GpRef;
  takenBy: GpRef | null;
  /** The duty offered in return, when the roster lists it. */
  counterShift?: SwapShift | null;
}

/** Reads a swap item; ids without names (a roster without the named fields) still show. */
export function toSwap(raw: unknown): SwapView {
  const r = (raw ?? {}) as Record<string, unknown>;
  const ref = (v: unknown): GpRef | null => {
    if (typeof v === 'string') return { gpId: v, name: '' };
    if (v && typeof v === 'object' && typeof (v as GpRef).gpId === 'string') {
      const g = v as Partial<GpRef>;
      return { gpId: g.gpId as string, name: g.name ?? '' };
    }
    return null;
  };
  const shift = (v: unknown): SwapShift | null =>
    v && typeof v === 'object' && typeof (v as SwapShift).start === 'string' ? (v as SwapShift) : null;
  return {
    id: String(r.id),
    status: r.status as SwapView['status'],
    assignmentId: String(r.assignmentId ?? ''),
    counterAssignmentId: (r.counterAssignmentId as string | null | undefined) ?? null,
    shift: shift(r.shift),
    offeredBy: ref(r.offeredBy) ?? { gpId: '', name: '' },
    takenBy: ref(r.takenBy),
    counterShift: shift(r.counterShift),
  };
}

export interface ZoneView {
  id: string;
  name: string;
  postcodes: string[];
  overflowZoneIds: string[];
}

export interface GpView {
  id: string;
  name: string;
  riziv: string;
  languages: string[];
  practicePostcode: string;
  participationFactor: number;
  birthYear: number;
  capabilities: string[];
  exemptions: Array<{ reason: string; from: string; to: string }>;
  active: boolean;
}

export interface TemplateView {
  id: string;
  kind: DutyKind;
  zoneId: string;
  startTime: string;
  endTime: string;
  endDayOffset: number;
  days: number[];
  need: Partial<Record<DutyRole, number>>;
  weight: number;
}

export interface RosterView {
  id: string;
  kringId: string;
  periodStart: string;
  periodEnd: string;
  status: 'draft' | 'published';
}

export interface ShiftView {
  id: string;
  zoneId: string;
  kind: DutyKind;
  startsAt: string;
  endsAt: string;
  holiday: string | null;
  need: Partial<Record<DutyRole, number>>;
}

export interface AssignmentView {
  id: string;
  shiftId: string;
  role: DutyRole;
  gpId: string;
  locked: boolean;
}

export interface RosterDetail {
  roster: RosterView;
  shifts: ShiftView[];
  assignments: AssignmentView[];
}

export interface SolveRunView {
  id: string;
  rosterId: string;
  status: 'queued' | 'building' | 'solving' | 'improving' | 'done' | 'failed' | 'cancelled';
  percent: number;
  objective: number | null;
}

/** Each GP's weighted hours against the hours her share asks (the roster's fairness report). */
export interface FairnessRow {
  gpId: string;
  share: number;
  shifts: number;
  weightedHours: number;
  targetHours: number;
  deviation: number;
}

export interface FairnessReport {
  rows: FairnessRow[];
  spread: number;
}
