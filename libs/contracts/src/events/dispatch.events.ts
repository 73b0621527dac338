import { defineEvent } from '../event';
import { Disposition, Role, Urgency } from '../codes';

interface CaseRef {
  caseId: string;
  wachtpostId: string;
}

export const CaseOffered = defineEvent<
  CaseRef & {
    offerId: string;
    gpId: string;
    urgency: Urgency;
    expiresAt: string;
    attempt: number;
    zoneId: string;
  }
>('dispatch.case-offered', 1, ['gateway', 'triage']);

/** An offer ended without acceptance: declined, expired, withdrawn (case cancelled, reassigned). */
export const OfferEnded = defineEvent<
  CaseRef & {
    offerId: string;
    gpId: string;
    outcome: 'declined' | 'expired' | 'withdrawn';
    reasonCode: string;
  }
>('dispatch.offer-ended', 1, ['gateway', 'triage']);

export const CaseAccepted = defineEvent<CaseRef & { offerId: string; gpId: string; at: string }>(
  'dispatch.case-accepted',
  1,
  ['gateway', 'triage'],
);

export const CaseStarted = defineEvent<
  CaseRef & { gpId: string; mode: 'en_route' | 'consultation'; at: string }
>('dispatch.case-started', 1, ['gateway', 'triage']);

/** The GP finished; triage closes the case with this disposition and writes the report. */
export const CaseCompleted = defineEvent<CaseRef & { gpId: string; disposition: Disposition; at: string }>(
  'dispatch.case-completed',
  1,
  ['gateway', 'triage'],
);

/** Nobody could be found (everyone declined, full or absent): dispatchers and supervisor must act. */
export const DispatchAlarm = defineEvent<
  CaseRef & {
    reasonCode: 'no_gp_on_duty' | 'all_declined' | 'all_full' | 'chain_exhausted';
    zoneId: string | null;
    supervisorGpId: string | null;
  }
>('dispatch.alarm', 1, ['gateway']);

/** The case left its own zone along the overflow chain. */
export const CaseRerouted = defineEvent<
  CaseRef & { fromZoneId: string | null; toZoneId: string; reasonCode: string }
>('dispatch.case-rerouted', 1, ['gateway']);

/**
 * A dispatcher (or admin) gave the case to a GP by hand. Published with every reassign, also when
 * the case had no live offer or holder (waiting, alarmed); the withdrawn offer, if any, still gets
 * its own `offer-ended`. `actorId` is the account id (token subject). Stored in
 * `dispatch.reassignment` under `reassignmentId`.
 */
export const CaseReassigned = defineEvent<
  CaseRef & {
    reassignmentId: string;
    fromGpId: string | null;
    fromOfferId: string | null;
    toGpId: string;
    offerId: string;
    reasonCode: string;
    actorId: string;
    actorRole: Role;
    at: string;
  }
>('dispatch.case-reassigned', 1, ['gateway']);

export const SlaWarning = defineEvent<CaseRef & { dueAt: string; gpId: string | null }>(
  'dispatch.sla-warning',
  1,
  ['gateway'],
);

export const SlaBreached = defineEvent<CaseRef & { dueAt: string; gpId: string | null }>(
  'dispatch.sla-breached',
  1,
  ['gateway', 'triage'],
);
