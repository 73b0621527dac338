import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import {
  BusEvent,
  DutyAssigned,
  DutyUnassigned,
  GpChanged,
  PayloadOf,
  ZoneChanged,
} from '@permanentie/contracts';
import { HandlesEvent } from '@permanentie/bus';
import { CLOCK, Clock } from '@permanentie/domain';
import { CaseRouter } from '../assignment/case-router';
import { toCase } from '../assignment/case.repository';
import { Timers } from '../sla/timers';

/**
 * The on-duty read model: zones, GPs and duty assignments as roster announces them. Dispatch
 * never asks roster; a change that could unblock a waiting case makes waiting cases retry now.
 */
@Injectable()
export class OnDutyHandlers {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly router: CaseRouter,
  ) {}

  @HandlesEvent(ZoneChanged)
  async onZone(e: BusEvent<PayloadOf<typeof ZoneChanged>>, tx: EntityManager): Promise<void> {
    const p = e.payload;
    await tx.query(
      `INSERT INTO zone (zone_id, kring_id, wachtpost_id, postcodes, overflow_zone_ids, active)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (zone_id) DO UPDATE SET kring_id = $2, wachtpost_id = $3, postcodes = $4,
         overflow_zone_ids = $5, active = $6`,
      [p.zoneId, p.kringId, p.wachtpostId, p.postcodes, p.overflowZoneIds, p.active],
    );
    await this.retryWaiting(tx);
  }

  @HandlesEvent(GpChanged)
  async onGp(e: BusEvent<PayloadOf<typeof GpChanged>>, tx: EntityManager): Promise<void> {
    const p = e.payload;
    await tx.query(
      `INSERT INTO gp (gp_id, kring_id, languages, practice_postcode, capabilities, active)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (gp_id) DO UPDATE SET kring_id = $2, languages = $3, practice_postcode = $4,
         capabilities = $5, active = $6`,
      [p.gpId, p.kringId, p.languages, p.practicePostcode, p.capabilities, p.active],
    );
    if (p.active) await this.retryWaiting(tx);
  }

  @HandlesEvent(DutyAssigned)
  async onAssigned(e: BusEvent<PayloadOf<typeof DutyAssigned>>, tx: EntityManager): Promise<void> {
    const p = e.payload;
    await tx.query(
      `INSERT INTO duty (assignment_id, shift_id, kring_id, zone_id, duty_kind, role, gp_id, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (assignment_id) DO UPDATE SET shift_id = $2, kring_id = $3, zone_id = $4, duty_kind = $5,
         role = $6, gp_id = $7, starts_at = $8, ends_at = $9`,
      [p.assignmentId, p.shiftId, p.kringId, p.zoneId, p.dutyKind, p.role, p.gpId, p.startsAt, p.endsAt],
    );
    await this.retryWaiting(tx);
    // A duty that starts later unblocks waiting cases then: wake the checker at its start.
    const starts = DateTime.fromISO(p.startsAt);
    if (starts > this.clock.now()) this.timers.wakeAt(starts);
  }

  @HandlesEvent(DutyUnassigned)
  async onUnassigned(e: BusEvent<PayloadOf<typeof DutyUnassigned>>, tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM duty WHERE assignment_id = $1`, [e.payload.assignmentId]);
    // An open offer to a GP who is no longer on duty (in the offer's zone) goes to whoever is,
    // now rather than at its expiry. A case she already accepted stays hers.
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT c.* FROM dispatch_case c JOIN offer o ON o.case_id = c.case_id
       WHERE o.gp_id = $1 AND o.status = 'open' AND NOT EXISTS (
         SELECT 1 FROM duty d WHERE d.gp_id = $1 AND d.starts_at <= $2 AND d.ends_at > $2
           AND (o.zone_id IS NULL OR d.zone_id = o.zone_id))
       ORDER BY c.case_id FOR UPDATE OF c`,
      [e.payload.gpId, this.clock.now().toISO()],
    );
    for (const row of rows) {
      const c = toCase(row);
      if (await this.router.endLive(tx, c, 'withdrawn', 'off_duty')) await this.router.route(tx, c);
    }
  }

  private async retryWaiting(tx: EntityManager): Promise<void> {
    const now = this.clock.now();
    const res: [unknown[], number] = await tx.query(
      `UPDATE dispatch_case SET retry_at = $1 WHERE status = 'waiting' AND retry_at > $1`,
      [now.toISO()],
    );
    if (res[1] > 0) this.timers.wakeAt(now.plus({ milliseconds: 200 }));
  }
}
