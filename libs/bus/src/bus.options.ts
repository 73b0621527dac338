import { JobsOptions } from 'bullmq';
import { ServiceName } from '@permanentie/contracts';
import { HostPort, parseHostPorts, ServiceConfig } from '@permanentie/config';

export const BUS_OPTIONS = Symbol('BUS_OPTIONS');

export interface BusOptions {
  service: ServiceName;
  redisUrl: string;
  /** REDIS_CLUSTER_NODES; empty for a single Redis. */
  redisClusterNodes: HostPort[];
  /** Already hash-tagged: `{permanentie}`. */
  prefix: string;
  concurrency: number;
  attempts: number;
  /** Fallback poll of the outbox in case a NOTIFY was missed (e.g. the listener reconnected). */
  relayPollMs: number;
  /** Boot fails when an event routed to this service has no handler (off only for bus tests). */
  requireAllHandlers: boolean;
}

export function busOptions(
  service: ServiceName,
  config: ServiceConfig,
  requireAllHandlers = true,
): BusOptions {
  return {
    service,
    redisUrl: config.REDIS_URL,
    redisClusterNodes: parseHostPorts(config.REDIS_CLUSTER_NODES),
    prefix: `{${config.QUEUE_PREFIX}}`,
    concurrency: config.BUS_CONCURRENCY,
    attempts: config.BUS_ATTEMPTS,
    relayPollMs: 1000,
    requireAllHandlers,
  };
}

/** Bounded retention: completed jobs go after an hour, failed ones stay two weeks for replay. */
export function jobOptions(id: string, attempts: number): JobsOptions {
  return {
    jobId: id,
    attempts,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 3600, count: 50_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  };
}
