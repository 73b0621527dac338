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
    const previousZone = c.routedZoneId;
    let decision = decideRouting(c, c.wachtpostId, world);
    // The load was read without a lock: lock the chosen GP, then insert the offer only if her
    // load, counted after the lock, is still under the maximum (one statement). So two instances
    // routing different cases at once never push one GP past her maximum. A GP being offered
    // another case right now is passed over for an equal colleague instead of waited for.
    const seconds = acceptanceSeconds(settings.acceptSeconds, c.urgency);
    for (let i = 0; i < 5 && decision.kind === 'offer'; i++) {
      let chosen: string | null = null;
      for (const gpId of [decision.gpId, ...decision.alternatives.slice(0, 2)]) {
        if (await this.onDuty.lockGp(tx, gpId, false)) {
          chosen = gpId;
          break;
        }
      }
      if (!chosen) {
        await this.onDuty.lockGp(tx, decision.gpId, true);
        chosen = decision.gpId;
      }
      c.rerouteReason = decision.rerouted?.reasonCode ?? null; // saved with the offer
      const offered = await this.offer(tx, c, chosen, decision.zoneId, seconds, settings.maxOpenCases);
      if (offered) {
        await this.announceReroute(tx, c, decision.rerouted, previousZone);
        return { ...decision, gpId: chosen };
      }
      world.load.set(chosen, settings.maxOpenCases);
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
      this.timers.wakeAt(retryAt);
      return decision;
    }
    throw new Error(`case ${c.caseId}: no decision after retries`);
  }

  /** The dispatcher sees why: a case that left its zone is announced (once per new zone). */
  private async announceReroute(
    tx: EntityManager,
    c: CaseRow,
    rerouted: { fromZoneId: string | null; toZoneId: string; reasonCode: string } | null,
    previousZone: string | null,
  ): Promise<void> {
    if (rerouted && previousZone !== rerouted.toZoneId) {
      await this.outbox.publish(tx, CaseRerouted, {
        caseId: c.caseId,
        wachtpostId: c.wachtpostId,
        fromZoneId: rerouted.fromZoneId,
        toZoneId: rerouted.toZoneId,
        reasonCode: rerouted.reasonCode,
      });
    }
  }

  /**
   * Creates an offer; the unique index refuses a second live offer-or-hold for the case. With
   * `maxOpen`, the offer is only made while the GP's live offers and holds number fewer (counted
   * in the same statement, after the caller locked the GP); null when she is full.
   */
  async offer(
    tx: EntityManager,
    c: CaseRow,
    gpId: string,
    zoneId: string | null,
    seconds: number,
    maxOpen?: number,
  ): Promise<string | null> {
    const now = this.clock.now();
    const offerId = randomUUID();
    const expiresAt = now.plus({ seconds });
    const before = { ...c };
    c.attempt += 1;
    c.status = 'offered';
    c.holderGpId = gpId;
    c.routedZoneId = zoneId;
    c.alarmCode = null;
    const n = (k: number) => `$${AFTER_CASE + k}`;
    const saved = await saveCase(tx, c, now, {
      withInsert: {
        sql: `INSERT INTO offer (offer_id, case_id, gp_id, zone_id, attempt, status, offered_at, expires_at)
              SELECT ${n(1)}::uuid, $1, ${n(2)}, ${n(3)}, $17, 'open', ${n(4)}::timestamptz, ${n(5)}::timestamptz
              WHERE (SELECT count(*) FROM offer WHERE gp_id = ${n(2)} AND status IN ('open', 'held')) < ${n(6)}::int`,
        params: [offerId, gpId, zoneId, now.toISO(), expiresAt.toISO(), maxOpen ?? 2_147_483_647],
      },
      allowNone: maxOpen !== undefined,
    });
    if (!saved) {
      Object.assign(c, before);
      return null;
    }
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
    this.timers.wakeAt(expiresAt);
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
