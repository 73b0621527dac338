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
  protocol: (wp: string) => `${T}/wachtposten/${e(wp)}/protocol`,
  createCase: `${T}/cases`,
  queue: (wp: string) => `${T}/wachtposten/${e(wp)}/queue`,
  caseDetail: (id: string) => `${T}/cases/${e(id)}`,
  handTo112: (id: string) => `${T}/cases/${e(id)}/escalate-112`,
  cancelCase: (id: string) => `${T}/cases/${e(id)}/cancel`,
  closeCase: (id: string) => `${T}/cases/${e(id)}/close`,
  // dispatch
  onDuty: (wp: string) => `${D}/wachtposten/${e(wp)}/on-duty`,
  dispatchCases: (wp: string) => `${D}/wachtposten/${e(wp)}/cases`,
  reassign: (id: string) => `${D}/cases/${e(id)}/reassign`,
  gpOffers: (gp: string) => `${D}/gps/${e(gp)}/offers`,
  gpCases: (gp: string) => `${D}/gps/${e(gp)}/cases`,
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
  assignment: (rosterId: string, id: string) => `${R}/rosters/${e(rosterId)}/assignments/${e(id)}`,
  assignments: (rosterId: string) => `${R}/rosters/${e(rosterId)}/assignments`,
  gpShifts: (gp: string, q: string) => `${R}/gps/${e(gp)}/shifts${q}`,
  swaps: (kring: string) => `${R}/kringen/${e(kring)}/swaps`,
  offerSwap: `${R}/swaps`,
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

/** A case in the queue, as triage lists it. */
export interface CaseView {
  id: string;
  status: string;
  urgency: Urgency | null;
  disposition: Disposition | null;
  receivedAt: string;
  dueAt: string | null;
  postcode?: string;
  complaintCode?: string;
  zoneId?: string | null;
  gpName?: string;
}

export interface DispatchCase {
  caseId: string;
  status: string;
  gpId: string | null;
  gpName?: string;
}

export interface OnDutyEntry {
  gpId: string;
  gpName?: string;
  zoneId: string;
  zoneName?: string;
  role: DutyRole;
  dutyKind: DutyKind;
  startsAt: string;
  endsAt: string;
  openCases?: number;
}

export interface Offer {
  offerId: string;
  caseId: string;
  urgency: Urgency;
  expiresAt: string | null;
  postcode?: string;
}

export interface GpCase {
  caseId: string;
  status: string;
  urgency: Urgency;
  disposition?: Disposition;
  dueAt?: string | null;
}

export interface GpShift {
  assignmentId: string;
  shiftId: string;
  kind: DutyKind;
  role: DutyRole;
  startsAt: string;
  endsAt: string;
}

export interface SwapView {
  id: string;
  status: string;
  offeredBy: string;
  offeredByName?: string;
  takenBy?: string | null;
  assignmentId: string;
  startsAt?: string;
  kind?: DutyKind;
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

export interface FairnessRow {
  gpId: string;
  name?: string;
  load: number;
  share: number;
}
