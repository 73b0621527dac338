import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { compareQueue } from './routing.policy';

const iso = (v: Date | null) => (v ? new Date(v).toISOString() : null);

/** Read side for GPs and dispatchers: ids, codes and times only. */
@Injectable()
export class DispatchQueries {
  constructor(private readonly db: DataSource) {}

  /** A GP's pending offers and the cases she holds: what her screen restores on reconnect. */
  async work(gpId: string) {
    const offers = await this.db.query(
      `SELECT o.offer_id, o.case_id, c.wachtpost_id, c.urgency, o.zone_id, o.attempt, o.expires_at, c.disposition
       FROM offer o JOIN dispatch_case c USING (case_id) WHERE o.gp_id = $1 AND o.status = 'open'
       ORDER BY o.expires_at`,
      [gpId],
    );
    const cases = await this.db.query(
      `SELECT c.case_id, c.wachtpost_id, c.urgency, c.status, c.disposition, c.postcode, c.due_at, o.offer_id
       FROM dispatch_case c JOIN offer o ON o.case_id = c.case_id AND o.status = 'held'
       WHERE o.gp_id = $1 ORDER BY c.due_at`,
      [gpId],
    );
    return {
      offers: offers.map((r: Record<string, unknown>) => ({
        offerId: r.offer_id,
        caseId: r.case_id,
        wachtpostId: r.wachtpost_id,
        urgency: r.urgency,
        disposition: r.disposition,
        zoneId: r.zone_id,
        attempt: r.attempt,
        expiresAt: iso(r.expires_at as Date),
      })),
      cases: cases.map((r: Record<string, unknown>) => ({
        caseId: r.case_id,
        wachtpostId: r.wachtpost_id,
        offerId: r.offer_id,
        urgency: r.urgency,
        status: r.status,
        disposition: r.disposition,
        postcode: r.postcode,
        dueAt: iso(r.due_at as Date),
      })),
    };
  }

  /** The wachtpost's cases still in play, in queue order (U2, U3, U4, then earliest due). */
  async queue(wachtpostId: string) {
    const rows = await this.db.query(
      `SELECT c.*, o.offer_id, o.gp_id AS offer_gp_id, o.status AS offer_status, o.expires_at
       FROM dispatch_case c LEFT JOIN offer o ON o.case_id = c.case_id AND o.status IN ('open', 'held')
       WHERE c.wachtpost_id = $1 AND c.status IN ('waiting', 'offered', 'accepted', 'started')`,
      [wachtpostId],
    );
    return rows
      .map((r: Record<string, unknown>) => ({
        caseId: r.case_id as string,
        urgency: r.urgency as string,
        dueAt: iso(r.due_at as Date)!,
        status: r.status,
        zoneId: r.zone_id,
        routedZoneId: r.routed_zone_id,
        rerouteReason: r.reroute_reason,
        gpId: r.offer_gp_id ?? null,
        offerId: r.offer_id ?? null,
        offerExpiresAt: r.offer_status === 'open' ? iso(r.expires_at as Date) : null,
        attempt: r.attempt,
        alarmCode: r.alarm_code,
        slaState: r.sla_state,
      }))
      .sort(compareQueue);
  }

  /** Cases nobody took: the dispatchers (and supervisor) must act. */
  async alarms(wachtpostId: string) {
    const rows = await this.db.query(
      `SELECT case_id, urgency, due_at, alarm_code, alarm_at, zone_id FROM dispatch_case
       WHERE wachtpost_id = $1 AND status = 'waiting' AND alarm_code IS NOT NULL`,
      [wachtpostId],
    );
    return rows
      .map((r: Record<string, unknown>) => ({
        caseId: r.case_id as string,
        urgency: r.urgency as string,
        dueAt: iso(r.due_at as Date)!,
        zoneId: r.zone_id,
        reasonCode: r.alarm_code,
        since: iso(r.alarm_at as Date),
      }))
      .sort(compareQueue);
  }

  /** The case's wachtpost, for the scope check; undefined when dispatch does not know the case. */
  async wachtpostOf(caseId: string): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT wachtpost_id FROM dispatch_case WHERE case_id = $1`, [caseId]);
    return row?.wachtpost_id as string | undefined;
  }

  /** Every manual reassign of a case, oldest first: who moved it, from whom, to whom, why. */
  async reassignments(caseId: string) {
    const rows = await this.db.query(
      `SELECT * FROM reassignment WHERE case_id = $1 ORDER BY at, reassignment_id`,
      [caseId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      reassignmentId: r.reassignment_id,
      caseId: r.case_id,
      at: iso(r.at as Date),
      caseStatus: r.case_status,
      alarmCode: r.alarm_code,
      fromGpId: r.from_gp_id,
      fromOfferId: r.from_offer_id,
      toGpId: r.to_gp_id,
      offerId: r.to_offer_id,
      reasonCode: r.reason_code,
      actorId: r.actor_id,
      actorRole: r.actor_role,
    }));
  }

  /** Who is on duty now, per zone of the wachtpost and role, with their open case counts. */
  async board(wachtpostId: string, nowIso: string) {
    const rows = await this.db.query(
      `SELECT z.zone_id, z.overflow_zone_ids, d.gp_id, d.role, d.duty_kind, d.starts_at, d.ends_at,
         (SELECT count(*) FROM offer o WHERE o.gp_id = d.gp_id AND o.status IN ('open', 'held')) AS open_cases
       FROM zone z LEFT JOIN duty d ON d.zone_id = z.zone_id AND d.starts_at <= $2 AND d.ends_at > $2
       WHERE z.wachtpost_id = $1 ORDER BY z.zone_id, d.role, d.gp_id`,
      [wachtpostId, nowIso],
    );
    const zones = new Map<string, { zoneId: string; overflowZoneIds: string[]; onDuty: unknown[] }>();
    for (const r of rows) {
      const z = zones.get(r.zone_id) ?? {
        zoneId: r.zone_id,
        overflowZoneIds: r.overflow_zone_ids,
        onDuty: [] as unknown[],
      };
      zones.set(r.zone_id, z);
      if (r.gp_id) {
        z.onDuty.push({
          gpId: r.gp_id,
          role: r.role,
          dutyKind: r.duty_kind,
          from: iso(r.starts_at),
          to: iso(r.ends_at),
          openCases: Number(r.open_cases),
        });
      }
    }
    return { wachtpostId, at: nowIso, zones: [...zones.values()] };
  }
}
