import { Logger } from '@nestjs/common';
import IORedis, { RedisOptions } from 'ioredis';

/** Producers fail fast instead of queueing commands while Redis is away (BullMQ's advice). */
export function producerConnection(url: string): IORedis {
  const redis = new IORedis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 3,
  } satisfies RedisOptions);
  redis.on('error', (e: Error) => Logger.warn(`redis producer: ${e.message}`, 'Bus'));
  return redis;
}

/** Workers block on Redis and must retry forever. */
export function workerConnection(url: string): IORedis {
  const redis = new IORedis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  } satisfies RedisOptions);
  redis.on('error', (e: Error) => Logger.warn(`redis worker: ${e.message}`, 'Bus'));
  return redis;
}

export async function whenReady(redis: IORedis): Promise<void> {
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
export async function warnUnlessNoEviction(redis: IORedis): Promise<void> {
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
