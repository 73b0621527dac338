import { DateTime } from 'luxon';
import { Urgency } from '@permanentie/contracts';

/** Pure rules on one case and its offers: who may do what, and the SLA marks. */

export type CaseStatus = 'waiting' | 'offered' | 'accepted' | 'started' | 'completed' | 'advice' | 'ended';
export type OfferStatus = 'open' | 'held' | 'declined' | 'expired' | 'withdrawn' | 'done';

/** Statuses in which a case still needs or has a GP and can be routed, reassigned, re-triaged. */
export const LIVE_STATUSES: CaseStatus[] = ['waiting', 'offered', 'accepted', 'started'];

export interface AcceptanceTimes {
  U2: number;
  U3: number;
  U4: number;
}

/** Seconds a GP has to accept. U5 (when it needs a GP at all) gets the U4 time. */
export function acceptanceSeconds(times: AcceptanceTimes, urgency: Urgency): number {
  if (urgency === 'U2') return times.U2;
  if (urgency === 'U3') return times.U3;
  return times.U4;
}

/** Warning at 75% of receivedAt..dueAt, breach at 100%. */
export function slaWarnAt(receivedAt: DateTime, dueAt: DateTime): DateTime {
  const span = Math.max(0, dueAt.toMillis() - receivedAt.toMillis());
  return receivedAt.plus({ milliseconds: Math.round(span * 0.75) });
}

export type Refusal = 'not_found' | 'not_yours' | 'not_open' | 'expired' | 'not_held';

export interface OfferState {
  gpId: string;
  status: OfferStatus;
  expiresAt: DateTime;
}

/** Accepting or declining needs an open offer of this GP that has not expired yet. */
export function checkAnswer(offer: OfferState | undefined, gpId: string, now: DateTime): Refusal | null {
  if (!offer) return 'not_found';
  if (offer.gpId !== gpId) return 'not_yours';
  if (offer.status !== 'open') return 'not_open';
  if (offer.expiresAt <= now) return 'expired';
  return null;
}

/** Start and complete: only the GP who holds the case. */
export function checkHolderAction(
  c: { status: CaseStatus; holderGpId: string | null } | undefined,
  gpId: string,
): Refusal | null {
  if (!c) return 'not_found';
  if (c.status !== 'accepted' && c.status !== 'started') return 'not_held';
  if (c.holderGpId !== gpId) return 'not_yours';
  return null;
}

/** A re-triage keeps the holder when routing inputs that decide the duty did not change. */
export function keepsHolder(
  before: { zoneId: string | null; channel: string },
  after: { zoneId: string | null; channel: string },
  status: CaseStatus,
): boolean {
  if (status === 'accepted' || status === 'started') return true;
  return before.zoneId === after.zoneId && before.channel === after.channel;
}
