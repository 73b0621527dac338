import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource, EntityManager } from 'typeorm';
import { CaseAccepted, CaseCompleted, CaseStarted, Disposition } from '@permanentie/contracts';
import { Outbox } from '@permanentie/bus';
import { CLOCK, Clock } from '@permanentie/domain';
import { AccessClaims } from '@permanentie/platform';
import { Timers } from '../../sla/timers';
import { CaseRouter } from '../case-router';
import { checkAnswer, checkHolderAction, OfferStatus } from '../case-rules';
import {
  AFTER_CASE,
  CaseRow,
  lockCase,
  OfferRow,
  saveCase,
  toCase,
  toDateTime,
  toOffer,
} from '../case.repository';
import { refuse } from './refusals';

/** Admins act on behalf of the GP concerned; a GP only for herself. */
const actingGp = (actor: AccessClaims, owner: string | null | undefined) =>
  actor.role === 'admin' ? (owner ?? '') : (actor.gpId ?? '');

async function loadOfferAndCase(
  tx: EntityManager,
  offerId: string,
): Promise<{ offer?: OfferRow; c?: CaseRow }> {
  const [ref] = await tx.query(`SELECT case_id FROM offer WHERE offer_id = $1`, [offerId]);
  if (!ref) return {};
  const c = await lockCase(tx, ref.case_id);
  const [row] = await tx.query(`SELECT * FROM offer WHERE offer_id = $1`, [offerId]);
  return { offer: toOffer(row), c };
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export class AcceptOffer {
  constructor(
    readonly offerId: string,
    readonly actor: AccessClaims,
  ) {}
}

@CommandHandler(AcceptOffer)
export class AcceptOfferHandler implements ICommandHandler<AcceptOffer> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ offerId, actor }: AcceptOffer): Promise<{ caseId: string; at: string }> {
    if (!isUuid(offerId)) refuse('not_found');
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      // Offer and case in one round trip, the case locked. The offer's status may be stale under
      // a race; the conditional UPDATE below is what decides.
      const [row] = await tx.query(
        `SELECT c.*, o.gp_id AS o_gp_id, o.status AS o_status, o.expires_at AS o_expires_at
         FROM offer o JOIN dispatch_case c ON c.case_id = o.case_id WHERE o.offer_id = $1 FOR UPDATE OF c`,
        [offerId],
      );
      const c = row ? toCase(row) : undefined;
      const offer = row
        ? {
            gpId: row.o_gp_id as string,
            status: row.o_status as OfferStatus,
            expiresAt: toDateTime(row.o_expires_at),
          }
        : undefined;
      const refusal = checkAnswer(offer, actingGp(actor, offer?.gpId), now);
      if (refusal || !offer || !c) refuse(refusal ?? 'not_found');
      // Conditional on still being open (the expiry checker may have won the race), in the same
      // statement as the case update.
      c.status = 'accepted';
      c.holderGpId = offer.gpId;
      c.alarmCode = null;
      const held = await saveCase(tx, c, now, {
        withInsert: {
          sql: `UPDATE offer SET status = 'held' WHERE offer_id = $${AFTER_CASE + 1}::uuid AND status = 'open'`,
          params: [offerId],
        },
        allowNone: true,
      });
      if (!held) refuse('not_open');
      const at = now.toISO()!;
      await this.outbox.publish(tx, CaseAccepted, {
        caseId: c.caseId,
        wachtpostId: c.wachtpostId,
        offerId,
        gpId: offer.gpId,
        at,
      });
      return { caseId: c.caseId, at };
    });
  }
}

export class DeclineOffer {
  constructor(
    readonly offerId: string,
    readonly reasonCode: string,
    readonly actor: AccessClaims,
  ) {}
}

@CommandHandler(DeclineOffer)
export class DeclineOfferHandler implements ICommandHandler<DeclineOffer> {
  constructor(
    private readonly db: DataSource,
    private readonly router: CaseRouter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ offerId, reasonCode, actor }: DeclineOffer): Promise<{ caseId: string }> {
    if (!isUuid(offerId)) refuse('not_found');
    return this.db.transaction(async (tx) => {
      const { offer, c } = await loadOfferAndCase(tx, offerId);
      const refusal = checkAnswer(offer, actingGp(actor, offer?.gpId), this.clock.now());
      if (refusal || !offer || !c) refuse(refusal ?? 'not_found');
      await this.router.endLive(tx, c, 'declined', reasonCode);
      await this.router.route(tx, c);
      return { caseId: c.caseId };
    });
  }
}

export class StartCase {
  constructor(
    readonly caseId: string,
    readonly mode: 'en_route' | 'consultation',
    readonly actor: AccessClaims,
  ) {}
}

@CommandHandler(StartCase)
export class StartCaseHandler implements ICommandHandler<StartCase> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, mode, actor }: StartCase): Promise<{ at: string }> {
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const c = await lockCase(tx, caseId);
      const gpId = actingGp(actor, c?.holderGpId);
      const refusal = checkHolderAction(c, gpId);
      if (refusal || !c) refuse(refusal ?? 'not_found');
      c.status = 'started';
      c.slaState = 'done'; // the GP is on her way or with the patient: the waiting is over
      await saveCase(tx, c, now);
      const at = now.toISO()!;
      await this.outbox.publish(tx, CaseStarted, { caseId, wachtpostId: c.wachtpostId, gpId, mode, at });
      return { at };
    });
  }
}

export class CompleteCase {
  constructor(
    readonly caseId: string,
    readonly disposition: Disposition,
    readonly actor: AccessClaims,
  ) {}
}

@CommandHandler(CompleteCase)
export class CompleteCaseHandler implements ICommandHandler<CompleteCase> {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly timers: Timers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caseId, disposition, actor }: CompleteCase): Promise<{ at: string }> {
    const now = this.clock.now();
    const out = await this.db.transaction(async (tx) => {
      const c = await lockCase(tx, caseId);
      const gpId = actingGp(actor, c?.holderGpId);
      const refusal = checkHolderAction(c, gpId);
      if (refusal || !c) refuse(refusal ?? 'not_found');
      await tx.query(
        `UPDATE offer SET status = 'done', ended_at = $2 WHERE case_id = $1 AND status = 'held'`,
        [caseId, now.toISO()],
      );
      c.status = 'completed';
      c.slaState = 'done';
      await saveCase(tx, c, now);
      const at = now.toISO()!;
      await this.outbox.publish(tx, CaseCompleted, {
        caseId,
        wachtpostId: c.wachtpostId,
        gpId,
        disposition,
        at,
      });
      // The GP has room again: waiting cases try now.
      const res: [unknown[], number] = await tx.query(
        `UPDATE dispatch_case SET retry_at = $1 WHERE status = 'waiting' AND retry_at > $1`,
        [now.toISO()],
      );
      return { at, retry: res[1] > 0 };
    });
    if (out.retry) this.timers.wakeAt(now);
    return { at: out.at };
  }
}
