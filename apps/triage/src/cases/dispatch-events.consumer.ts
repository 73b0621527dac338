import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import {
  BusEvent,
  CaseAccepted,
  CaseCompleted,
  CaseOffered,
  CaseStarted,
  OfferEnded,
  PayloadOf,
  SlaBreached,
} from '@permanentie/contracts';
import { HandlesEvent } from '@permanentie/bus';
import { ZONE } from '@permanentie/domain';
import {
  decideAccepted,
  decideClose,
  decideOffered,
  decideOfferEnded,
  decideSlaBreached,
  decideStarted,
  Decision,
  Refused,
} from './case.decide';
import { CaseRecord } from './case.entity';
import { CaseWriter } from './case.writer';

/**
 * Dispatch tells triage what happened to a case; triage keeps its status and GP current (the
 * dispatcher's queue shows it) and closes it when the GP completes. Late or out-of-order events
 * (e.g. an acceptance after a cancellation) change nothing.
 */
@Injectable()
export class DispatchEventsConsumer {
  private readonly logger = new Logger('DispatchEvents');

  constructor(private readonly writer: CaseWriter) {}

  private async apply(
    tx: EntityManager,
    event: BusEvent<{ caseId: string }>,
    decide: (c: CaseRecord) => Decision,
  ): Promise<void> {
    const record = await this.writer.load(tx, event.payload.caseId);
    if (!record) {
      this.logger.warn(`${event.name} for unknown case ${event.payload.caseId}`);
      return;
    }
    let decision: Decision;
    try {
      decision = decide(record);
    } catch (e) {
      if (e instanceof Refused) {
        this.logger.log(`${event.name} ignored for case ${record.id} in status ${record.status}`);
        return;
      }
      throw e;
    }
    await this.writer.apply(tx, record, decision, 'dispatch');
  }

  @HandlesEvent(CaseOffered)
  async offered(event: BusEvent<PayloadOf<typeof CaseOffered>>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    await this.apply(tx, event, (c) => decideOffered(c, p.gpId, new Date(p.expiresAt)));
  }

  @HandlesEvent(OfferEnded)
  async offerEnded(event: BusEvent<PayloadOf<typeof OfferEnded>>, tx: EntityManager): Promise<void> {
    await this.apply(tx, event, (c) => decideOfferEnded(c, event.payload.gpId, event.payload.outcome));
  }

  @HandlesEvent(CaseAccepted)
  async accepted(event: BusEvent<PayloadOf<typeof CaseAccepted>>, tx: EntityManager): Promise<void> {
    await this.apply(tx, event, (c) => decideAccepted(c, event.payload.gpId));
  }

  @HandlesEvent(CaseStarted)
  async started(event: BusEvent<PayloadOf<typeof CaseStarted>>, tx: EntityManager): Promise<void> {
    await this.apply(tx, event, (c) => decideStarted(c, event.payload.gpId, event.payload.mode));
  }

  @HandlesEvent(CaseCompleted)
  async completed(event: BusEvent<PayloadOf<typeof CaseCompleted>>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    await this.apply(tx, event, (c) =>
      decideClose(c, p.disposition, DateTime.fromISO(p.at, { zone: ZONE }), { kind: 'gp', id: p.gpId }),
    );
  }

  @HandlesEvent(SlaBreached)
  async slaBreached(event: BusEvent<PayloadOf<typeof SlaBreached>>, tx: EntityManager): Promise<void> {
    await this.apply(tx, event, (c) =>
      decideSlaBreached(c, DateTime.fromISO(event.occurredAt, { zone: ZONE }), event.payload.dueAt),
    );
  }
}
