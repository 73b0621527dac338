import { DateTime } from 'luxon';
import { Disposition, Urgency } from '@permanentie/contracts';
import { needsGp } from '../protocols/protocol.model';
import { DueRules, dueAt } from '../settings/due-times';

/**
 * The life of a case, as pure decisions. A command handler loads the case, asks one of these
 * functions what happens, saves the patch, writes the history row and publishes the events, in
 * one transaction. A decision that is not allowed throws Refused (HTTP 409; a bus event that
 * arrives too late is ignored).
 *
 *   received -> (triage) -> handed_to_112 | waiting_for_gp | advice_given
 *   waiting_for_gp -> offered -> accepted -> in_progress      (fed by dispatch events)
 *   any open state -> closed (with a disposition) | cancelled (with a reason)
 */
export const CASE_STATUSES = [
  'received',
  'waiting_for_gp',
  'offered',
  'accepted',
  'in_progress',
  'handed_to_112',
  'advice_given',
  'closed',
  'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (s) => s !== 'closed' && s !== 'cancelled',
);

/** What a decision reads of a case. */
export interface CaseState {
  status: CaseStatus;
  receivedAt: Date;
  urgency: Urgency | null;
  disposition: Disposition | null;
  revision: number;
  assignedGpId: string | null;
  offeredGpId: string | null;
  slaBreachedAt: Date | null;
}

/** Bus events a decision publishes; 'advice' goes to the screens only (no GP needed). */
export type Outgoing = 'triaged' | 'advice' | 'escalated' | 'cancelled' | 'closed';

export interface HistoryEntry {
  kind: string;
  data?: Record<string, unknown>;
}

export interface Decision {
  patch: Record<string, unknown>;
  history: HistoryEntry;
  /** Further history rows of the same transition, written after `history` (e.g. an override). */
  moreHistory?: HistoryEntry[];
  publish: Outgoing[];
}

export class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const isOpen = (s: CaseStatus) => OPEN_STATUSES.includes(s);

function refuseUnless(state: CaseState, allowed: readonly CaseStatus[], what: string): void {
  if (!allowed.includes(state.status)) throw new Refused(`${what} kan niet in status ${state.status}`);
}

export interface TriageResult {
  urgency: Urgency;
  disposition: Disposition;
}

/**
 * Where a triage result sends the case. U1 (and only U1) goes to 112 at once and never waits for
 * a GP; consultation and home visits wait for a GP; advice, referral to the own GP or the
 * emergency department are advice given by the post.
 */
function route(
  state: CaseState,
  result: TriageResult,
  now: DateTime,
  targets: DueRules,
): Pick<Decision, 'patch' | 'publish'> {
  const received = DateTime.fromJSDate(state.receivedAt);
  if (result.urgency === 'U1') {
    return {
      patch: {
        status: 'handed_to_112',
        urgency: 'U1',
        disposition: 'handed_to_112',
        dueAt: dueAt(received, 'U1', targets).toJSDate(),
        escalatedAt: now.toJSDate(),
        offeredGpId: null,
        offerExpiresAt: null,
      },
      publish: ['escalated'],
    };
  }
  const gp = needsGp(result.disposition);
  return {
    patch: {
      status: gp ? 'waiting_for_gp' : 'advice_given',
      urgency: result.urgency,
      disposition: result.disposition,
      dueAt: dueAt(received, result.urgency, targets).toJSDate(),
      ...(gp ? { revision: state.revision + 1 } : {}),
    },
    publish: gp ? ['triaged'] : ['advice'],
  };
}

function checkPair(result: TriageResult): void {
  if ((result.urgency === 'U1') !== (result.disposition === 'handed_to_112'))
    throw new Refused('U1 gaat altijd naar 112 en alleen U1 gaat naar 112');
}

/**
 * First triage of a received call, with the protocol's result. With an override (the dispatcher's
 * own result, given in the same request) the protocol's result is only recorded as the proposal
 * and the case is routed once, by the override: a proposed U1 that is downgraded never goes to
 * 112, and a GP is never sought for a result that is overridden at once.
 */
export function decideTriage(
  state: CaseState,
  proposal: TriageResult,
  now: DateTime,
  targets: DueRules,
  override?: TriageResult,
): Decision {
  refuseUnless(state, ['received'], 'Triage');
  checkPair(proposal);
  const result = override ?? proposal;
  if (override) checkPair(override);
  const routed = route(state, result, now, targets);
  return {
    patch: { ...routed.patch, triagedAt: now.toJSDate() },
    history: { kind: 'triaged', data: { urgency: proposal.urgency, disposition: proposal.disposition } },
    ...(override
      ? {
          moreHistory: [
            {
              kind: 'overridden',
              data: {
                from: { urgency: proposal.urgency, disposition: proposal.disposition },
                to: { urgency: override.urgency, disposition: override.disposition },
              },
            },
          ],
        }
      : {}),
    publish: routed.publish,
  };
}

/**
 * The dispatcher overrides the protocol's result, with a reason. Allowed until a GP has accepted.
 * A case a GP is being sought for cannot become advice-only by override: close it instead
 * (CaseClosed tells dispatch to stop).
 */
export function decideOverride(
  state: CaseState,
  result: TriageResult,
  now: DateTime,
  targets: DueRules,
): Decision {
  refuseUnless(state, ['waiting_for_gp', 'offered', 'advice_given'], 'Overschrijven');
  checkPair(result);
  if (state.status !== 'advice_given' && result.urgency !== 'U1' && !needsGp(result.disposition))
    throw new Refused('Er wordt al een arts gezocht: sluit de zaak af met deze dispositie');
  const routed = route(state, result, now, targets);
  // Re-triaged cases are offered anew by dispatch.
  if (routed.publish.includes('triaged'))
    Object.assign(routed.patch, { offeredGpId: null, offerExpiresAt: null });
  return {
    patch: { ...routed.patch },
    history: {
      kind: 'overridden',
      data: {
        from: { urgency: state.urgency, disposition: state.disposition },
        to: { urgency: result.urgency, disposition: result.disposition },
      },
    },
    publish: routed.publish,
  };
}

/** The dispatcher hands an open case to 112 (e.g. the caller's condition worsened). */
export function decideEscalate(state: CaseState, now: DateTime, targets: DueRules): Decision {
  if (!isOpen(state.status) || state.status === 'handed_to_112')
    throw new Refused(`Naar 112 kan niet in status ${state.status}`);
  const routed = route(state, { urgency: 'U1', disposition: 'handed_to_112' }, now, targets);
  return { patch: routed.patch, history: { kind: 'escalated_112' }, publish: routed.publish };
}

export function decideCancel(state: CaseState, reasonCode: string, now: DateTime): Decision {
  if (!isOpen(state.status)) throw new Refused(`Annuleren kan niet in status ${state.status}`);
  return {
    patch: { status: 'cancelled', cancelledAt: now.toJSDate(), cancelReasonCode: reasonCode },
    history: { kind: 'cancelled', data: { reasonCode } },
    publish: ['cancelled'],
  };
}

/**
 * Closing with the disposition the case ended as. A case handed to 112 closes as handed_to_112;
 * a case still untriaged is cancelled, not closed.
 */
export function decideClose(
  state: CaseState,
  disposition: Disposition,
  now: DateTime,
  by: { kind: 'dispatcher' | 'gp'; id: string },
): Decision {
  if (!isOpen(state.status) || state.status === 'received')
    throw new Refused(`Afsluiten kan niet in status ${state.status}`);
  if (state.status === 'handed_to_112' && disposition !== 'handed_to_112')
    throw new Refused('Een zaak bij 112 sluit af als handed_to_112');
  return {
    patch: {
      status: 'closed',
      disposition,
      closedAt: now.toJSDate(),
      offeredGpId: null,
      offerExpiresAt: null,
      ...(by.kind === 'gp' ? { assignedGpId: by.id } : {}),
    },
    history: { kind: 'closed', data: { disposition, by: by.kind } },
    publish: ['closed'],
  };
}

// ---- dispatch's events: keep status and GP current; late events change nothing ----

export function decideOffered(state: CaseState, gpId: string, expiresAt: Date): Decision {
  refuseUnless(state, ['waiting_for_gp', 'offered'], 'Aanbod');
  return {
    patch: { status: 'offered', offeredGpId: gpId, offerExpiresAt: expiresAt },
    history: { kind: 'offered', data: { gpId } },
    publish: [],
  };
}

/**
 * The GP let her offer go (declined, expired, withdrawn): she loses access to the patient's
 * details at once. An end arriving after the next offer went out concerns an older offer: ignored.
 */
export function decideOfferEnded(state: CaseState, gpId: string, outcome: string): Decision {
  refuseUnless(state, ['offered'], 'Einde aanbod');
  if (state.offeredGpId !== gpId) throw new Refused('Einde van een ouder aanbod');
  return {
    patch: { status: 'waiting_for_gp', offeredGpId: null, offerExpiresAt: null },
    history: { kind: 'offer_ended', data: { gpId, outcome } },
    publish: [],
  };
}

export function decideAccepted(state: CaseState, gpId: string): Decision {
  refuseUnless(state, ['waiting_for_gp', 'offered'], 'Aanvaarden');
  return {
    patch: { status: 'accepted', assignedGpId: gpId, offeredGpId: null, offerExpiresAt: null },
    history: { kind: 'accepted', data: { gpId } },
    publish: [],
  };
}

export function decideStarted(state: CaseState, gpId: string, mode: string): Decision {
  refuseUnless(state, ['waiting_for_gp', 'offered', 'accepted'], 'Starten');
  return {
    patch: { status: 'in_progress', assignedGpId: gpId, offeredGpId: null, offerExpiresAt: null },
    history: { kind: 'started', data: { gpId, mode } },
    publish: [],
  };
}

export function decideSlaBreached(state: CaseState, at: DateTime, dueAtIso: string): Decision {
  if (!isOpen(state.status)) throw new Refused('Zaak is al afgesloten');
  return {
    patch: state.slaBreachedAt ? {} : { slaBreachedAt: at.toJSDate() },
    history: { kind: 'sla_breached', data: { dueAt: dueAtIso } },
    publish: [],
  };
}
