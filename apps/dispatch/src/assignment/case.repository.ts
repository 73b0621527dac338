import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { Channel, Disposition, Language, Urgency } from '@permanentie/contracts';
import { ZONE } from '@permanentie/domain';
import { CaseStatus, OfferStatus } from './case-rules';

export interface CaseRow {
  caseId: string;
  wachtpostId: string;
  zoneId: string | null;
  routedZoneId: string | null;
  rerouteReason: string | null;
  urgency: Exclude<Urgency, 'U1'>;
  channel: Channel;
  disposition: Disposition;
  language: Language;
  postcode: string;
  receivedAt: DateTime;
  dueAt: DateTime;
  warnAt: DateTime;
  revision: number;
  status: CaseStatus;
  holderGpId: string | null;
  attempt: number;
  alarmCode: string | null;
  slaState: 'running' | 'warned' | 'done';
  version: number;
}

export interface OfferRow {
  offerId: string;
  caseId: string;
  gpId: string;
  zoneId: string | null;
  attempt: number;
  status: OfferStatus;
  offeredAt: DateTime;
  expiresAt: DateTime;
}

export const toDateTime = (v: Date | string) => DateTime.fromJSDate(new Date(v)).setZone(ZONE);
const dt = toDateTime;

export function toCase(r: Record<string, unknown>): CaseRow {
  return {
    caseId: r.case_id as string,
    wachtpostId: r.wachtpost_id as string,
    zoneId: (r.zone_id as string | null) ?? null,
    routedZoneId: (r.routed_zone_id as string | null) ?? null,
    rerouteReason: (r.reroute_reason as string | null) ?? null,
    urgency: r.urgency as CaseRow['urgency'],
    channel: r.channel as Channel,
    disposition: r.disposition as Disposition,
    language: r.language as Language,
    postcode: r.postcode as string,
    receivedAt: dt(r.received_at as Date),
    dueAt: dt(r.due_at as Date),
    warnAt: dt(r.warn_at as Date),
    revision: r.revision as number,
    status: r.status as CaseStatus,
    holderGpId: (r.holder_gp_id as string | null) ?? null,
    attempt: r.attempt as number,
    alarmCode: (r.alarm_code as string | null) ?? null,
    slaState: r.sla_state as CaseRow['slaState'],
    version: r.version as number,
  };
}

export function toOffer(r: Record<string, unknown>): OfferRow {
  return {
    offerId: r.offer_id as string,
    caseId: r.case_id as string,
    gpId: r.gp_id as string,
    zoneId: (r.zone_id as string | null) ?? null,
    attempt: r.attempt as number,
    status: r.status as OfferStatus,
    offeredAt: dt(r.offered_at as Date),
    expiresAt: dt(r.expires_at as Date),
  };
}

/** Loads and locks the case row: every change to a case runs under this lock. */
export async function lockCase(tx: EntityManager, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await tx.query(`SELECT * FROM dispatch_case WHERE case_id = $1 FOR UPDATE`, [caseId]);
  return row ? toCase(row) : undefined;
}

export async function liveOffer(tx: EntityManager, caseId: string): Promise<OfferRow | undefined> {
  const [row] = await tx.query(`SELECT * FROM offer WHERE case_id = $1 AND status IN ('open', 'held')`, [
    caseId,
  ]);
  return row ? toOffer(row) : undefined;
}

/**
 * Saves the case's mutable columns, conditional on the version read: a lost update shows as an
 * error instead of silently overwriting another instance's decision. `withInsert` runs one more
 * INSERT or UPDATE (with a WHERE that may decline) in the same statement (a CTE; its parameters follow the case's), saving a round trip.
 */
export async function saveCase(
  tx: EntityManager,
  c: CaseRow,
  now: DateTime,
  extra: {
    retryAt?: DateTime | null;
    withInsert?: { sql: string; params: unknown[] };
    allowNone?: boolean;
  } = {},
): Promise<boolean> {
  const params: unknown[] = [
    c.caseId,
    c.version,
    c.zoneId,
    c.routedZoneId,
    c.rerouteReason,
    c.urgency,
    c.channel,
    c.disposition,
    c.language,
    c.postcode,
    c.receivedAt.toISO(),
    c.dueAt.toISO(),
    c.warnAt.toISO(),
    c.revision,
    c.status,
    c.holderGpId,
    c.attempt,
    c.alarmCode,
    c.slaState,
    extra.retryAt ? extra.retryAt.toISO() : null,
    now.toISO(),
    extra.retryAt !== undefined,
  ];
  const cte = extra.withInsert ? `WITH ins AS (${extra.withInsert.sql} RETURNING 1) ` : '';
  const res: [unknown[], number] = await tx.query(
    `${cte}UPDATE dispatch_case SET zone_id = $3, routed_zone_id = $4, reroute_reason = $5, urgency = $6, channel = $7,
       disposition = $8, language = $9, postcode = $10, received_at = $11, due_at = $12, warn_at = $13,
       revision = $14, status = $15, holder_gp_id = $16, attempt = $17, alarm_code = $18, sla_state = $19,
       retry_at = CASE WHEN $22 THEN $20::timestamptz ELSE retry_at END, version = version + 1, updated_at = $21
     WHERE case_id = $1 AND version = $2${cte ? ' AND EXISTS (SELECT 1 FROM ins)' : ''}`,
    [...params, ...(extra.withInsert?.params ?? [])],
  );
  // Under the case lock the version cannot move: no row means the CTE's insert declined.
  if (res[1] !== 1 && extra.allowNone) return false;
  if (res[1] !== 1) throw new Error(`case ${c.caseId} changed concurrently`);
  c.version += 1;
  return true;
}

/** Parameter placeholders after the 22 of saveCase. */
export const AFTER_CASE = 22;
