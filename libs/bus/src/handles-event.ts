import { SetMetadata } from '@nestjs/common';
import { EventDefinition } from '@permanentie/contracts';

export const HANDLES_EVENT = 'permanentie:handles-event';
/** Marks an asyncCommit handler's transaction (queryRunner.data): Outbox.publish refuses it. */
export const ASYNC_COMMIT = 'busAsyncCommit';

export interface HandlesEventOptions {
  /**
   * The handler writes nothing (it only pushes to screens): it runs without a transaction or
   * inbox row. A redelivery pushes again, which screens absorb (they refetch by id).
   */
  pushOnly?: boolean;
  /**
   * The handler's writes only mirror another service's state (a delivery aid such as the
   * gateway's pending offers): its transaction commits without waiting for the WAL flush, so
   * what it does after the commit (a push) does not wait for the disk. A PostgreSQL crash can
   * lose its last few hundred milliseconds of writes, which the source still holds. Never for a
   * service's own facts, and it may not publish (an outbox row would be relayed before it is on
   * disk): Outbox.publish refuses.
   */
  asyncCommit?: boolean;
}

export interface HandlerMeta {
  def: EventDefinition<unknown>;
  pushOnly: boolean;
  asyncCommit: boolean;
}

/**
 * Marks a provider method as the consumer of an integration event. The method gets
 * (event: BusEvent<P>, tx: EntityManager) and must do all its writes through tx: the inbox row
 * that makes redelivery harmless is written in that same transaction.
 */
export const HandlesEvent = <P>(def: EventDefinition<P>, options: HandlesEventOptions = {}) =>
  SetMetadata<string, HandlerMeta>(HANDLES_EVENT, {
    def: def as EventDefinition<unknown>,
    pushOnly: options.pushOnly ?? false,
    asyncCommit: options.asyncCommit ?? false,
  });
