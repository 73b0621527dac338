import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseReassigned } from '@permanentie/contracts';
import { Outbox } from '@permanentie/bus';
import { CLOCK, Clock } from '@permanentie/domain';
import { AccessClaims, assertWachtpost, InvalidInput } from '@permanentie/platform';
import { SettingsRepository } from '../../settings/settings.repository';
import { CaseRouter } from '../case-router';
import { acceptanceSeconds, LIVE_STATUSES } from '../case-rules';
import { liveOffer, lockCase } from '../case.repository';
import { refuse } from './refusals';

/**
 * A dispatcher moves a case by hand: the live offer or hold ends ('withdrawn' with her reason)
 * and the chosen GP gets an offer. Her choice overrides load, maximum and earlier refusals.
 * Every reassign is recorded in `reassignment` and announced as `dispatch.case-reassigned`, in
 * the same transaction, whether or not somebody had the case before.
 */
export class ReassignCase {
  constructor(
    readonly caseId: string,
    readonly gpId: string,
    readonly reasonCode: string,
    readonly actor: AccessClaims,
  ) {}
}

export interface ReassignResult {
  offerId: string;
  reassignmentId: string;
}

@CommandHandler(ReassignCase)
export class ReassignCaseHandler implements ICommandHandler<ReassignCase> {
  constructor(
    private readonly db: DataSource,
    private readonly router: CaseRouter,
    private readonly settings: SettingsRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, gpId, reasonCode, actor }: ReassignCase): Promise<ReassignResult> {
    return this.db.transaction(async (tx) => {
      const c = await lockCase(tx, caseId);
      if (!c) refuse('not_found');
      assertWachtpost(actor, c.wachtpostId);
      if (!LIVE_STATUSES.includes(c.status)) {
        throw new InvalidInput([{ field: 'caseId', reason: `dossier is niet meer open (${c.status})` }]);
      }
      const known = await tx.query(`SELECT 1 FROM gp WHERE gp_id = $1 AND active`, [gpId]);
      if (known.length === 0)
        throw new InvalidInput([{ field: 'gpId', reason: 'onbekende of inactieve huisarts' }]);
      const before = { status: c.status, alarmCode: c.alarmCode };
      const from = await liveOffer(tx, c.caseId);
      await this.router.endLive(tx, c, 'withdrawn', reasonCode);
      const s = await this.settings.get(tx, c.wachtpostId);
      const offerId = (await this.router.offer(
        tx,
        c,
        gpId,
        c.routedZoneId ?? c.zoneId,
        acceptanceSeconds(s.acceptSeconds, c.urgency),
      ))!;
      const reassignmentId = randomUUID();
      const at = this.clock.now().toISO()!;
      await tx.query(
        `INSERT INTO reassignment (reassignment_id, case_id, wachtpost_id, case_status, alarm_code, from_gp_id,
           from_offer_id, to_gp_id, to_offer_id, reason_code, actor_id, actor_role, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          reassignmentId,
          c.caseId,
          c.wachtpostId,
          before.status,
          before.alarmCode,
          from?.gpId ?? null,
          from?.offerId ?? null,
          gpId,
          offerId,
          reasonCode,
          actor.sub,
          actor.role,
          at,
        ],
      );
      await this.outbox.publish(tx, CaseReassigned, {
        caseId: c.caseId,
        wachtpostId: c.wachtpostId,
        reassignmentId,
        fromGpId: from?.gpId ?? null,
        fromOfferId: from?.offerId ?? null,
        toGpId: gpId,
        offerId,
        reasonCode,
        actorId: actor.sub,
        actorRole: actor.role,
        at,
      });
      return { offerId, reassignmentId };
    });
  }
}
