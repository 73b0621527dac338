import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { CaseOffered, CaseRerouted, DispatchAlarm, OfferEnded } from '@permanentie/contracts';
import { Outbox } from '@permanentie/bus';
import { CLOCK, Clock } from '@permanentie/domain';
import { DispatchConfig } from '../dispatch.config';
import { OnDutyRepository } from '../on-duty/on-duty.repository';
import { Timers } from '../sla/timers';
import { acceptanceSeconds } from './case-rules';
import { AFTER_CASE, CaseRow, liveOffer, saveCase } from './case.repository';
import { decideRouting, RoutingDecision } from './routing.policy';

/**
 * Offers a case to the next GP, or raises the alarm. Always called inside the caller's
 * transaction with the case row locked (lockCase), so the decision and its events commit together.
 */
@Injectable()
export class CaseRouter {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly onDuty: OnDutyRepository,
    private readonly timers: Timers,
    private readonly config: DispatchConfig,
  ) {}

  /** Routes a case that has no live offer or holder. */
  async route(tx: EntityManager, c: CaseRow): Promise<RoutingDecision> {
    const now = this.clock.now();
    const { world, settings } = await this.onDuty.world(tx, c, now);
    let decision = decideRouting(c, c.wachtpostId, world);
    // The load was read without a lock: lock the chosen GP and re-check, so two instances
    // routing different cases at once never push one GP past her maximum. A GP being offered
    // another case right now is passed over for an equal colleague instead of waited for.
    for (let i = 0; i < 5 && decision.kind === 'offer'; i++) {
      let chosen: string | null = null;
      for (const gpId of [decision.gpId, ...decision.alternatives.slice(0, 2)]) {
        const load = await this.onDuty.lockedLoad(tx, gpId, false);
        if (load === null) continue;
        if (load < settings.maxOpenCases) {
          chosen = gpId;
          break;
        }
        world.load.set(gpId, load);
      }
      if (!chosen) {
        const load = (await this.onDuty.lockedLoad(tx, decision.gpId))!;
        if (load < settings.maxOpenCases) chosen = decision.gpId;
        else world.load.set(decision.gpId, load);
      }
      if (chosen) {
        decision = { ...decision, gpId: chosen };
        break;
      }
      decision = decideRouting(c, c.wachtpostId, world);
    }

    if (decision.kind === 'no_gp_needed') {
      c.status = 'advice';
      c.slaState = 'done';
      c.holderGpId = null;
      await saveCase(tx, c, now);
      return decision;
    }
    if (decision.kind === 'alarm') {
      const changed = c.alarmCode !== decision.reasonCode;
      c.status = 'waiting';
      c.holderGpId = null;
      c.alarmCode = decision.reasonCode;
      const retryAt = now.plus({ seconds: this.config.DISPATCH_RETRY_S });
      await saveCase(tx, c, now, { retryAt });
      if (changed) {
        await tx.query(`UPDATE dispatch_case SET alarm_at = $2 WHERE case_id = $1`, [c.caseId, now.toISO()]);
        await this.outbox.publish(tx, DispatchAlarm, {
          caseId: c.caseId,
          wachtpostId: c.wachtpostId,
          reasonCode: decision.reasonCode,
          zoneId: decision.zoneId,
          supervisorGpId: decision.supervisorGpId,
        });
      }
      this.timers.wakeAt(retryAt, `retry-${c.caseId}`);
      return decision;
    }
    if (decision.rerouted && c.routedZoneId !== decision.zoneId) {
      c.rerouteReason = decision.rerouted.reasonCode;
      await this.outbox.publish(tx, CaseRerouted, {
        caseId: c.caseId,
        wachtpostId: c.wachtpostId,
        fromZoneId: decision.rerouted.fromZoneId,
        toZoneId: decision.rerouted.toZoneId,
        reasonCode: decision.rerouted.reasonCode,
      });
    } else if (!decision.rerouted) {
      c.rerouteReason = null;
    }
    await this.offer(
      tx,
      c,
      decision.gpId,
      decision.zoneId,
      acceptanceSeconds(settings.acceptSeconds, c.urgency),
    );
    return decision;
  }

  /** Creates an offer; the unique index refuses a second live offer-or-hold for the case. */
  async offer(
    tx: EntityManager,
    c: CaseRow,
    gpId: string,
    zoneId: string | null,
    seconds: number,
  ): Promise<string> {
    const now = this.clock.now();
    const offerId = randomUUID();
    const expiresAt = now.plus({ seconds });
    c.attempt += 1;
    c.status = 'offered';
    c.holderGpId = gpId;
    c.routedZoneId = zoneId;
    c.alarmCode = null;
    const n = (k: number) => `$${AFTER_CASE + k}`;
    await saveCase(tx, c, now, {
      withInsert: {
        sql: `INSERT INTO offer (offer_id, case_id, gp_id, zone_id, attempt, status, offered_at, expires_at)
              VALUES (${n(1)}::uuid, $1, ${n(2)}, ${n(3)}, $17, 'open', ${n(4)}::timestamptz, ${n(5)}::timestamptz)`,
        params: [offerId, gpId, zoneId, now.toISO(), expiresAt.toISO()],
      },
    });
    await this.outbox.publish(tx, CaseOffered, {
      caseId: c.caseId,
      wachtpostId: c.wachtpostId,
      offerId,
      gpId,
      urgency: c.urgency,
      expiresAt: expiresAt.toISO()!,
      attempt: c.attempt,
      zoneId: zoneId ?? '',
    });
    this.timers.wakeAt(expiresAt, `offer-${offerId}`);
    return offerId;
  }

  /**
   * Ends the live offer or hold of a case (declined, expired, withdrawn) and tells the GP.
   * Leaves the case waiting without holder; the caller routes it again or ends it.
   */
  async endLive(
    tx: EntityManager,
    c: CaseRow,
    outcome: 'declined' | 'expired' | 'withdrawn',
    reasonCode: string,
  ): Promise<boolean> {
    const live = await liveOffer(tx, c.caseId);
    c.holderGpId = null;
    if (c.status === 'offered' || c.status === 'accepted' || c.status === 'started') c.status = 'waiting';
    if (!live) return false;
    const now: DateTime = this.clock.now();
    await tx.query(`UPDATE offer SET status = $2, ended_at = $3, reason_code = $4 WHERE offer_id = $1`, [
      live.offerId,
      outcome,
      now.toISO(),
      reasonCode,
    ]);
    await this.outbox.publish(tx, OfferEnded, {
      caseId: c.caseId,
      wachtpostId: c.wachtpostId,
      offerId: live.offerId,
      gpId: live.gpId,
      outcome,
      reasonCode,
    });
    return true;
  }
}
