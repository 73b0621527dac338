import { ServiceName } from './services';

/**
 * An integration event as it travels on the bus. Payloads carry ids and codes only: Redis keeps
 * job data in clear text, so no patient name, complaint or free text ever goes in here.
 */
export interface EventDefinition<P> {
  readonly name: string;
  readonly version: number;
  /** Services whose queue receives this event. */
  readonly consumers: readonly ServiceName[];
  /** Phantom field carrying the payload type; never set. */
  readonly __payload?: P;
}

export type PayloadOf<E> = E extends EventDefinition<infer P> ? P : never;

export function defineEvent<P>(
  name: string,
  version: number,
  consumers: readonly ServiceName[],
): EventDefinition<P> {
  return { name, version, consumers };
}

/** The job name on BullMQ: name and version, so two versions can live side by side. */
export function eventKey(def: { name: string; version: number }): string {
  return `${def.name}.v${def.version}`;
}

/** What a consumer receives. */
export interface BusEvent<P> {
  /** Outbox id: the BullMQ jobId and the inbox key. */
  id: string;
  name: string;
  version: number;
  /** ISO timestamp of the publishing transaction. */
  occurredAt: string;
  payload: P;
}
