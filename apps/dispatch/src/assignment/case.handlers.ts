import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  BusEvent,
  CaseCancelled,
  CaseClosed,
  CaseEscalatedTo112,
  CaseTriaged,
  PayloadOf,
} from '@permanentie/contracts';
import { HandlesEvent } from '@permanentie/bus';
import { CLOCK, Clock, instant } from '@permanentie/domain';
import { Timers } from '../sla/timers';
import { CaseRouter } from './case-router';
import { keepsHolder, LIVE_STATUSES, slaWarnAt } from './case-rules';
import { lockCase, saveCase, toCase } from './case.repository';
import { needsGp } from './routing.policy';

/** Cases arrive from triage (case-triaged, re-triaged with a higher revision) and leave. */
@Injectable()
export class CaseHandlers {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly router: CaseRouter,
    private readonly timers: Timers,
  ) {}

  @HandlesEvent(CaseTriaged)
  async onTriaged(e: BusEvent<PayloadOf<typeof CaseTriaged>>, tx: EntityManager): Promise<void> {
    const p = e.payload;
    const now = this.clock.now();
    const receivedAt = instant(p.receivedAt);
    const dueAt = instant(p.dueAt);
    const warnAt = slaWarnAt(receivedAt, dueAt);
    // New case (and not ended before we saw it): inserted and thereby locked, in one statement.
    const [inserted] = await tx.query(
      `INSERT INTO dispatch_case (case_id, wachtpost_id, zone_id, urgency, channel, disposition, language, postcode,
         received_at, due_at, warn_at, revision, status, triaged_event_at, updated_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10::timestamptz, $11::timestamptz, $12::int, 'waiting',
         $13::timestamptz, $14::timestamptz
       WHERE NOT EXISTS (SELECT 1 FROM ended_case WHERE case_id = $1)
       ON CONFLICT (case_id) DO NOTHING RETURNING *`,
      [
        p.caseId,
        p.wachtpostId,
        p.zoneId,
        p.urgency,
        p.channel,
        p.disposition,
        p.language,
        p.postcode,
        receivedAt.toISO(),
        dueAt.toISO(),
        warnAt.toISO(),
        p.revision,
        e.occurredAt,
        now.toISO(),
      ],
    );
    if (inserted) {
      this.timers.wakeAt(warnAt); // the checker arms the breach timer when it warns
      await this.router.route(tx, toCase(inserted));
      return;
    }
    const ended = await tx.query(`SELECT 1 FROM ended_case WHERE case_id = $1`, [p.caseId]);
    if (ended.length > 0) return; // cancelled, closed or sent to 112 before we saw it triaged
    const c = await lockCase(tx, p.caseId);
    if (!c) throw new Error(`case ${p.caseId} vanished`);
    // A re-triage: only a newer revision of a case still in play changes anything.
    if (p.revision <= c.revision || !LIVE_STATUSES.includes(c.status)) return;
    const before = { zoneId: c.zoneId, channel: c.channel };
    Object.assign(c, {
      zoneId: p.zoneId,
      urgency: p.urgency,
      channel: p.channel,
      disposition: p.disposition,
      language: p.language,
      postcode: p.postcode,
      receivedAt,
      dueAt,
      warnAt,
      revision: p.revision,
    });
    // A later deadline re-arms the warning; a clock that already stopped stays stopped.
    if (c.slaState !== 'done' && warnAt > now) c.slaState = 'running';
    this.timers.wakeAt(warnAt);
    if (!needsGp(c)) {
      await this.router.endLive(tx, c, 'withdrawn', 'retriaged');
      await this.router.route(tx, c); // -> advice
      return;
    }
    if (c.status === 'waiting') {
      await this.router.route(tx, c);
      return;
    }
    if (keepsHolder(before, c, c.status)) {
      await saveCase(tx, c, now);
      return;
    }
    await this.router.endLive(tx, c, 'withdrawn', 'retriaged');
    await this.router.route(tx, c);
  }

  @HandlesEvent(CaseEscalatedTo112)
  async onEscalated(e: BusEvent<PayloadOf<typeof CaseEscalatedTo112>>, tx: EntityManager): Promise<void> {
    await this.end(tx, e.payload.caseId, 'escalated_112');
  }

  @HandlesEvent(CaseCancelled)
  async onCancelled(e: BusEvent<PayloadOf<typeof CaseCancelled>>, tx: EntityManager): Promise<void> {
    await this.end(tx, e.payload.caseId, 'case_cancelled');
  }

  @HandlesEvent(CaseClosed)
  async onClosed(e: BusEvent<PayloadOf<typeof CaseClosed>>, tx: EntityManager): Promise<void> {
    await this.end(tx, e.payload.caseId, 'case_closed');
  }

  /** The case left: withdraw any open offer or hold, stop its clock, remember it ended. */
  private async end(tx: EntityManager, caseId: string, reason: string): Promise<void> {
    const now = this.clock.now();
    await tx.query(
      `INSERT INTO ended_case (case_id, reason, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [caseId, reason, now.toISO()],
    );
    const c = await lockCase(tx, caseId);
    if (!c || c.status === 'ended') return;
    if (c.status !== 'completed') await this.router.endLive(tx, c, 'withdrawn', reason);
    c.status = c.status === 'completed' ? 'completed' : 'ended';
    c.slaState = 'done';
    c.alarmCode = null;
    await saveCase(tx, c, now);
    await tx.query(`UPDATE dispatch_case SET end_reason = $2 WHERE case_id = $1`, [caseId, reason]);
  }
}
