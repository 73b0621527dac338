import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { DutyKind, DutyRole, Language } from '@permanentie/contracts';
import { ZONE } from '@permanentie/domain';
import { CaseRow } from '../assignment/case.repository';
import { DutyView, GpView, RoutingWorld, ZoneView, zoneOf } from '../assignment/routing.policy';
import { WachtpostSettings } from '../settings/settings.repository';

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

  /** Serialises offers to one GP across transactions and instances, then counts her load. */
  async lockedLoad(tx: EntityManager, gpId: string): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('dispatch-gp-' || $1))`, [gpId]);
    const [row] = await tx.query(
      `SELECT count(*) AS n FROM offer WHERE status IN ('open', 'held') AND gp_id = $1`,
      [gpId],
    );
    return Number(row.n);
  }

  async world(
    tx: EntityManager,
    c: CaseRow,
    now: DateTime,
    settings: WachtpostSettings,
  ): Promise<RoutingWorld> {
    const zones = await this.zones(tx);
    const home = zoneOf(c, zones, c.wachtpostId);
    const zoneIds = home ? [home, ...(zones.get(home)?.overflowZoneIds ?? [])] : [];
    const duties = zoneIds.length ? await this.dutiesNow(tx, zoneIds, now) : [];
    const gpIds = [...new Set(duties.map((d) => d.gpId))];
    const [gps, load, refusedRows] = [
      await this.gps(tx, gpIds),
      await this.loads(tx, gpIds),
      (await tx.query(`SELECT gp_id FROM offer WHERE case_id = $1 AND status IN ('declined', 'expired')`, [
        c.caseId,
      ])) as { gp_id: string }[],
    ];
    return {
      now,
      zones,
      duties,
      gps,
      load,
      maxOpenCases: settings.maxOpenCases,
      refused: new Set(refusedRows.map((r) => r.gp_id)),
      officeHours: settings.officeHours,
    };
  }
}
