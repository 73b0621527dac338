import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventDefinition } from '@permanentie/contracts';
import { CLOCK, Clock } from '@permanentie/domain';
import { ASYNC_COMMIT } from './handles-event';

/** NOTIFY channel of a schema's outbox: only that service's relays wake up. */
export const outboxChannel = (schema: string) => `outbox_${schema}`;

/**
 * Publishing = a row in the service's outbox, written in the caller's transaction. It leaves
 * for BullMQ only once that transaction commits (the NOTIFY is delivered at commit too).
 */
@Injectable()
export class Outbox {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async publish<P>(tx: EntityManager, def: EventDefinition<P>, payload: P): Promise<string> {
    if (!tx.queryRunner?.isTransactionActive) throw new Error(`publish(${def.name}) outside a transaction`);
    if (tx.queryRunner.data[ASYNC_COMMIT])
      throw new Error(`publish(${def.name}) in an asyncCommit handler: it would leave before it is on disk`);
    const id = randomUUID();
    await tx.query(
      `WITH row AS (
         INSERT INTO outbox (id, event_name, event_version, destinations, payload, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6))
       SELECT pg_notify('outbox_' || current_schema(), '')`,
      [id, def.name, def.version, def.consumers, JSON.stringify(payload), this.clock.now().toISO()],
    );
    return id;
  }
}
