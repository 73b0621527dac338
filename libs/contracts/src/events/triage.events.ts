import { defineEvent } from '../event';
import { Channel, Disposition, Language, Urgency } from '../codes';

/**
 * A case got (or changed) its urgency. U1 never comes here: it goes to CaseEscalatedTo112.
 * Published only when the case needs a GP (disposition consultation or a home visit); cases that
 * end in advice at the post (phone advice, own GP, emergency department) never reach dispatch.
 */
export const CaseTriaged = defineEvent<{
  caseId: string;
  wachtpostId: string;
  /** null when the postcode lies in no zone of the wachtpost. */
  zoneId: string | null;
  urgency: Exclude<Urgency, 'U1'>;
  channel: Channel;
  /** Proposed disposition, e.g. home_visit_priority; dispatch uses it to prefer short travel. */
  disposition: Disposition;
  language: Language;
  postcode: string;
  receivedAt: string;
  dueAt: string;
  /** Raised by each re-triage of the same case. */
  revision: number;
}>('triage.case-triaged', 1, ['dispatch', 'gateway']);

export const CaseEscalatedTo112 = defineEvent<{ caseId: string; wachtpostId: string; at: string }>(
  'triage.case-escalated-112',
  1,
  ['dispatch', 'gateway'],
);

export const CaseCancelled = defineEvent<{
  caseId: string;
  wachtpostId: string;
  reasonCode: string;
  at: string;
}>('triage.case-cancelled', 1, ['dispatch', 'gateway']);

export const CaseClosed = defineEvent<{
  caseId: string;
  wachtpostId: string;
  disposition: Disposition;
  at: string;
}>('triage.case-closed', 1, ['dispatch', 'gateway']);

/**
 * A call was recorded as a (still untriaged) case. For the dispatchers' live queue only: dispatch
 * is not concerned until CaseTriaged.
 */
export const CaseRecorded = defineEvent<{
  caseId: string;
  wachtpostId: string;
  /** null when the postcode lies in no zone of the wachtpost. */
  zoneId: string | null;
  channel: Channel;
  receivedAt: string;
  /** The triage due time (received + the wachtpost's triage target). */
  dueAt: string;
}>('triage.case-recorded', 1, ['gateway']);

/**
 * A triage (or an override of a case still in advice) ended in advice at the post: phone advice,
 * referral to the own GP or the emergency department. No GP is needed, so dispatch never sees
 * it; the dispatchers' screens do.
 */
export const CaseAdviceGiven = defineEvent<{
  caseId: string;
  wachtpostId: string;
  urgency: Exclude<Urgency, 'U1'>;
  disposition: Disposition;
  at: string;
}>('triage.case-advice-given', 1, ['gateway']);
