import { defineEvent } from '../event';
import { CommunityHoliday, DutyKind, DutyRole, Language } from '../codes';

/** The community holidays a kring observes; sent when the kring is created and when they change. */
export const KringCalendarChanged = defineEvent<{
  kringId: string;
  communityHolidays: CommunityHoliday[];
}>('roster.kring-calendar-changed', 1, ['triage']);

/** A zone and the postcodes it covers, with the zones to overflow to, in order. */
export const ZoneChanged = defineEvent<{
  zoneId: string;
  kringId: string;
  wachtpostId: string;
  postcodes: string[];
  overflowZoneIds: string[];
  active: boolean;
}>('roster.zone-changed', 1, ['triage', 'dispatch', 'gateway']);

/** What dispatch needs to know of a GP to route to her. No name: the gateway shows names via HTTP. */
export const GpChanged = defineEvent<{
  gpId: string;
  kringId: string;
  languages: Language[];
  practicePostcode: string;
  capabilities: string[];
  active: boolean;
}>('roster.gp-changed', 1, ['dispatch', 'gateway']);

/** A published assignment of a GP to a duty, or its change. */
export const DutyAssigned = defineEvent<{
  assignmentId: string;
  rosterId: string;
  shiftId: string;
  kringId: string;
  zoneId: string;
  dutyKind: DutyKind;
  role: DutyRole;
  gpId: string;
  startsAt: string;
  endsAt: string;
}>('roster.duty-assigned', 1, ['dispatch', 'gateway']);

export const DutyUnassigned = defineEvent<{
  assignmentId: string;
  shiftId: string;
  gpId: string;
  kringId: string;
}>('roster.duty-unassigned', 1, ['dispatch', 'gateway']);

export const RosterPublished = defineEvent<{
  rosterId: string;
  kringId: string;
  periodStart: string;
  periodEnd: string;
}>('roster.roster-published', 1, ['gateway']);

export const SolveProgress = defineEvent<{
  runId: string;
  rosterId: string;
  kringId: string;
  phase: 'queued' | 'building' | 'solving' | 'improving' | 'done' | 'failed' | 'cancelled';
  percent: number;
  objective: number | null;
}>('roster.solve-progress', 1, ['gateway']);
