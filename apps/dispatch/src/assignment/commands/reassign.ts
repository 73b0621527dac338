import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AccessClaims, assertWachtpost, InvalidInput } from '@permanentie/platform';
import { SettingsRepository } from '../../settings/settings.repository';
import { CaseRouter } from '../case-router';
import { acceptanceSeconds, LIVE_STATUSES } from '../case-rules';
import { lockCase } from '../case.repository';
import { refuse } from './refusals';

/**
 * A dispatcher moves a case by hand: the live offer or hold ends ('withdrawn' with her reason)
 * and the chosen GP gets an offer. Her choice overrides load, maximum and earlier refusals.
 */
export class ReassignCase {
  constructor(
    readonly caseId: string,
    readonly gpId: string,
    readonly reasonCode: string,
    readonly actor: AccessClaims,
  ) {}
}

@CommandHandler(ReassignCase)
export class ReassignCaseHandler implements ICommandHandler<ReassignCase> {
  constructor(
    private readonly db: DataSource,
    private readonly router: CaseRouter,
    private readonly settings: SettingsRepository,
  ) {}

  async execute({ caseId, gpId, reasonCode, actor }: ReassignCase): Promise<{ offerId: string }> {
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
      await this.router.endLive(tx, c, 'withdrawn', reasonCode);
      const s = await this.settings.get(tx, c.wachtpostId);
      const offerId = await this.router.offer(
        tx,
        c,
        gpId,
        c.routedZoneId ?? c.zoneId,
        acceptanceSeconds(s.acceptSeconds, c.urgency),
      );
      return { offerId: offerId! };
    });
  }
}
