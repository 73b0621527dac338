import { Logger } from '@nestjs/common';
import IORedis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';
import { HostPort } from '@permanentie/config';

/** A single Redis, or a Redis Cluster (BullMQ takes both). */
export type RedisConnection = IORedis | Cluster;

/** Where Redis is: REDIS_URL, or the REDIS_CLUSTER_NODES seeds (then REDIS_URL gives only auth and TLS). */
export interface RedisTarget {
  redisUrl: string;
  redisClusterNodes: readonly HostPort[];
}

/** Producers fail fast instead of queueing commands while Redis is away (BullMQ's advice). */
export function producerConnection(target: RedisTarget): RedisConnection {
  return connect(target, 'producer', { enableOfflineQueue: false, maxRetriesPerRequest: 3 });
}

/** Workers block on Redis and must retry forever. */
export function workerConnection(target: RedisTarget): RedisConnection {
  return connect(target, 'worker', { maxRetriesPerRequest: null, enableReadyCheck: true });
}

function connect(target: RedisTarget, role: string, options: RedisOptions): RedisConnection {
  const redis =
    target.redisClusterNodes.length > 0
      ? new Cluster([...target.redisClusterNodes], clusterOptions(target.redisUrl, options))
      : new IORedis(target.redisUrl, options);
  redis.on('error', (e: Error) => Logger.warn(`redis ${role}: ${e.message}`, 'Bus'));
  return redis;
}

/**
 * The same settings for a cluster: the offline queue and the ready check are the cluster's own
 * (ioredis always queues on the node connections), the rest applies to every node, together with
 * the user, password and TLS of REDIS_URL.
 */
export function clusterOptions(url: string, options: RedisOptions): ClusterOptions {
  const { enableOfflineQueue, enableReadyCheck, ...perNode } = options;
  const auth = new URL(url);
  return {
    enableOfflineQueue,
    enableReadyCheck,
    redisOptions: {
      ...perNode,
      ...(auth.username && { username: decodeURIComponent(auth.username) }),
      ...(auth.password && { password: decodeURIComponent(auth.password) }),
      ...(auth.protocol === 'rediss:' && { tls: {} }),
    },
  };
}

export async function whenReady(redis: RedisConnection): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Redis not reachable within 10 s')), 10_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** BullMQ loses jobs when Redis evicts keys; say so loudly at boot. */
export async function warnUnlessNoEviction(redis: RedisConnection): Promise<void> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    if (reply[1] !== 'noeviction') {
      Logger.warn(
        `Redis maxmemory-policy is "${reply[1]}", not "noeviction": queued events can be evicted`,
        'Bus',
      );
    }
  } catch {
    Logger.warn(
      'Could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is noeviction',
      'Bus',
    );
  }
}
