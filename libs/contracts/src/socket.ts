/**
 * The socket.io contract between the gateway and the browser console. Server -> client pushes
 * carry ids and codes only: a screen that gets one fetches the details over HTTP (and that
 * read is access-logged). Both sides import these types, so a renamed field breaks the build.
 */
import { Disposition, Urgency } from './codes';

/** What happened to a case; the wachtpost's screens (and the GP concerned) refetch it. */
export type CaseChange =
  | 'triaged'
  | 'escalated_112'
  | 'cancelled'
  | 'closed'
  | 'offered'
  | 'offer_ended'
  | 'accepted'
  | 'started'
  | 'completed'
  | 'rerouted'
  | 'reassigned'
  /** A call was recorded, not yet triaged (triage.case-recorded). */
  | 'recorded'
  /** Triage ended in advice at the post, no GP needed (triage.case-advice-given). */
  | 'advice_given';

export interface CaseChangedPush {
  caseId: string;
  wachtpostId: string;
  change: CaseChange;
  urgency?: Urgency;
  gpId?: string | null;
  /** For 'reassigned': the GP who had the offer or the case before, null when nobody had it. */
  fromGpId?: string | null;
  offerId?: string;
  /** A reason or outcome code (e.g. 'declined', 'patient_recovered'), never free text. */
  code?: string;
  disposition?: Disposition;
  /** ISO time of the change, when the event has one. */
  at?: string;
}

/** A case offered to this GP. Acknowledge it (the ack callback) on receipt. */
export interface OfferPush {
  offerId: string;
  caseId: string;
  wachtpostId: string;
  gpId: string;
  urgency: Urgency;
  expiresAt: string;
  attempt: number;
  zoneId: string;
}

export interface OfferAck {
  received: true;
}

export interface OfferEndedPush {
  offerId: string;
  caseId: string;
  wachtpostId: string;
  gpId: string;
  outcome: 'declined' | 'expired' | 'withdrawn' | 'accepted';
  reasonCode: string;
}

/** Nobody could be found for a case: the dispatchers and the supervisor must act. */
export interface AlarmPush {
  caseId: string;
  wachtpostId: string;
  reasonCode: string;
  zoneId: string | null;
  supervisorGpId: string | null;
}

export interface SlaPush {
  caseId: string;
  wachtpostId: string;
  level: 'warning' | 'breached';
  dueAt: string;
  gpId: string | null;
}

export interface RosterProgressPush {
  runId: string;
  rosterId: string;
  kringId: string;
  phase: 'queued' | 'building' | 'solving' | 'improving' | 'done' | 'failed' | 'cancelled';
  percent: number;
  objective: number | null;
}

export type RosterChange = 'published' | 'duty_assigned' | 'duty_unassigned' | 'zone_changed' | 'gp_changed';

export interface RosterChangedPush {
  kringId: string;
  change: RosterChange;
  rosterId?: string;
  assignmentId?: string;
  shiftId?: string;
  gpId?: string;
  zoneId?: string;
  startsAt?: string;
  endsAt?: string;
}

/** Sent just before the server closes the socket: refresh the token and reconnect (or log in). */
export interface SessionEndedPush {
  reason: 'expired' | 'logout' | 'revoked';
}

export interface ServerToClientEvents {
  'case.changed': (p: CaseChangedPush) => void;
  'offer.new': (p: OfferPush, ack: (a: OfferAck) => void) => void;
  'offer.ended': (p: OfferEndedPush) => void;
  alarm: (p: AlarmPush) => void;
  sla: (p: SlaPush) => void;
  'roster.progress': (p: RosterProgressPush) => void;
  'roster.changed': (p: RosterChangedPush) => void;
  'session.ended': (p: SessionEndedPush) => void;
}

export interface RenewResult {
  ok: boolean;
  /** Seconds since the epoch at which the socket will be closed unless renewed again. */
  exp?: number;
  reason?: string;
}

export interface ClientToServerEvents {
  /** A refreshed access token for the same account: keeps the socket open past the old expiry. */
  'auth.renew': (token: string, ack: (r: RenewResult) => void) => void;
}

/** What the client sends in the handshake: `io(url, { auth: { token }, transports: ['websocket'] })`. */
export interface SocketHandshakeAuth {
  token: string;
}

/** Room names; the gateway joins each socket to the rooms its token's role and scope allow. */
export const SocketRooms = {
  user: (accountId: string) => `user:${accountId}`,
  gp: (gpId: string) => `gp:${gpId}`,
  wachtpost: (wachtpostId: string) => `wachtpost:${wachtpostId}`,
  kring: (kringId: string) => `kring:${kringId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  admin: 'admin',
} as const;

export const SOCKET_PATH = '/socket.io';
