import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { DutyKind, DutyRole, Language } from '@permanentie/contracts';
import { instant, ZONE } from '@permanentie/domain';
import { CaseRow } from '../assignment/case.repository';
import { DutyView, GpView, RoutingWorld, ZoneView } from '../assignment/routing.policy';
import { settingsFromRow, WachtpostSettings } from '../settings/settings.repository';

const dt = (v: Date | string) => DateTime.fromJSDate(new Date(v)).setZone(ZONE);

/** Reads of the on-duty read model (fed by roster events only) for routing and the board. */
@Injectable()
export class OnDutyRepository {
  async zones(db: EntityManager): Promise<Map<string, ZoneView>> {
    const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM zone`);
    return new Map(
      rows.map((r) => [
        r.zone_id as string,
        {
          zoneId: r.zone_id as string,
          wachtpostId: r.wachtpost_id as string,
          postcodes: r.postcodes as string[],
          overflowZoneIds: r.overflow_zone_ids as string[],
          active: r.active as boolean,
        },
      ]),
    );
  }

  async dutiesNow(db: EntityManager, zoneIds: string[], now: DateTime): Promise<DutyView[]> {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT gp_id, zone_id, duty_kind, role, starts_at, ends_at FROM duty
       WHERE zone_id = ANY($1) AND starts_at <= $2 AND ends_at > $2`,
      [zoneIds, now.toISO()],
    );
    return rows.map((r) => ({
      gpId: r.gp_id as string,
      zoneId: r.zone_id as string,
      dutyKind: r.duty_kind as DutyKind,
      role: r.role as DutyRole,
      startsAt: dt(r.starts_at as Date),
      endsAt: dt(r.ends_at as Date),
    }));
  }

  async gps(db: EntityManager, gpIds: string[]): Promise<Map<string, GpView>> {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT gp_id, languages, practice_postcode, active FROM gp WHERE gp_id = ANY($1)`,
      [gpIds],
    );
    return new Map(
      rows.map((r) => [
        r.gp_id as string,
        {
          gpId: r.gp_id as string,
          languages: r.languages as Language[],
          practicePostcode: r.practice_postcode as string,
          active: r.active as boolean,
        },
      ]),
    );
  }

  /** Open offers + held cases per GP. */
  async loads(db: EntityManager, gpIds: string[]): Promise<Map<string, number>> {
    const rows: { gp_id: string; n: string }[] = await db.query(
      `SELECT gp_id, count(*) AS n FROM offer WHERE status IN ('open', 'held') AND gp_id = ANY($1) GROUP BY gp_id`,
      [gpIds],
    );
    return new Map(rows.map((r) => [r.gp_id, Number(r.n)]));
  }

  /**
   * Serialises offers to one GP across transactions and instances (until commit). `wait: false`
   * gives up at once (false) when another transaction is offering her a case right now.
   */
  async lockGp(tx: EntityManager, gpId: string, wait: boolean): Promise<boolean> {
    if (wait) {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('dispatch-gp-' || $1))`, [gpId]);
      return true;
    }
    const [got] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('dispatch-gp-' || $1)) AS ok`, [
      gpId,
    ]);
    return got.ok === true;
  }

  /**
   * Everything the routing policy needs for one case, in one round trip: the wachtpost settings,
   * the home zone (triage's, else by postcode) and its overflow chain, the duties covering now in
   * those zones, their GPs, the GPs' current load and who already refused this case.
   */
  async world(
    tx: EntityManager,
    c: CaseRow,
    now: DateTime,
  ): Promise<{ world: RoutingWorld; settings: WachtpostSettings }> {
    const [row] = await tx.query(
      `WITH home AS (
         SELECT coalesce($2::text, (SELECT zone_id FROM zone WHERE wachtpost_id = $1 AND active AND $3 = ANY (postcodes)
           ORDER BY zone_id LIMIT 1)) AS zone_id
       ), chain AS (
         SELECT zone_id FROM home WHERE zone_id IS NOT NULL
         UNION SELECT unnest(z.overflow_zone_ids) FROM zone z JOIN home h ON z.zone_id = h.zone_id
       ), d AS (
         SELECT gp_id, zone_id, duty_kind, role, starts_at, ends_at FROM duty
         WHERE zone_id IN (SELECT zone_id FROM chain) AND starts_at <= $4 AND ends_at > $4
       )
       SELECT
         (SELECT row_to_json(s) FROM wachtpost_settings s WHERE wachtpost_id = $1) AS settings,
         (SELECT zone_id FROM home) AS home,
         (SELECT coalesce(json_agg(z), '[]') FROM zone z WHERE z.zone_id IN (SELECT zone_id FROM chain)) AS zones,
         (SELECT coalesce(json_agg(d), '[]') FROM d) AS duties,
         (SELECT coalesce(json_agg(g), '[]') FROM (SELECT gp_id, languages, practice_postcode, active FROM gp
            WHERE gp_id IN (SELECT gp_id FROM d)) g) AS gps,
         (SELECT coalesce(json_agg(l), '[]') FROM (SELECT gp_id, count(*)::int AS n FROM offer
            WHERE status IN ('open', 'held') AND gp_id IN (SELECT gp_id FROM d) GROUP BY gp_id) l) AS loads,
         (SELECT coalesce(json_agg(gp_id), '[]') FROM offer WHERE case_id = $5 AND status IN ('declined', 'expired')) AS refused`,
      [c.wachtpostId, c.zoneId, c.postcode, now.toISO(), c.caseId],
    );
    const settings = settingsFromRow(c.wachtpostId, row.settings);
    const zones = new Map<string, ZoneView>(
      (row.zones as Record<string, unknown>[]).map((r) => [
        r.zone_id as string,
        {
          zoneId: r.zone_id as string,
          wachtpostId: r.wachtpost_id as string,
          postcodes: r.postcodes as string[],
          overflowZoneIds: r.overflow_zone_ids as string[],
          active: r.active as boolean,
        },
      ]),
    );
    const duties: DutyView[] = (row.duties as Record<string, string>[]).map((r) => ({
      gpId: r.gp_id,
      zoneId: r.zone_id,
      dutyKind: r.duty_kind as DutyKind,
      role: r.role as DutyRole,
      startsAt: instant(r.starts_at),
      endsAt: instant(r.ends_at),
    }));
    const gps = new Map<string, GpView>(
      (row.gps as Record<string, unknown>[]).map((r) => [
        r.gp_id as string,
        {
          gpId: r.gp_id as string,
          languages: r.languages as Language[],
          practicePostcode: r.practice_postcode as string,
          active: r.active as boolean,
        },
      ]),
    );
    const world: RoutingWorld = {
      now,
      zones,
      duties,
      gps,
      load: new Map((row.loads as { gp_id: string; n: number }[]).map((l) => [l.gp_id, l.n])),
      maxOpenCases: settings.maxOpenCases,
      refused: new Set(row.refused as string[]),
      officeHours: settings.officeHours,
    };
    return { world, settings };
  }
}
