import IORedis, { Cluster } from 'ioredis';
import { loadConfig, ServiceConfig } from '@permanentie/config';
import { busOptions } from './bus.options';
import { clusterOptions, producerConnection, RedisConnection, workerConnection } from './redis';

const target = (env: Record<string, string>) => busOptions('dispatch', loadConfig(ServiceConfig, env));

/** Builds a connection, hands it to `check`, and closes it before it gets anywhere. */
function inspect(connection: RedisConnection, check: (c: RedisConnection) => void): void {
  try {
    check(connection);
  } finally {
    connection.disconnect();
  }
}

describe('Redis connections of the bus', () => {
  it('uses one Redis at REDIS_URL when REDIS_CLUSTER_NODES is empty', () => {
    const options = target({ REDIS_URL: 'redis://127.0.0.1:6390' });
    expect(options.redisClusterNodes).toEqual([]);
    inspect(producerConnection(options), (c) => {
      expect(c).toBeInstanceOf(IORedis);
      expect(c.isCluster).toBe(false);
      expect((c as IORedis).options).toMatchObject({ port: 6390, enableOfflineQueue: false });
    });
    inspect(workerConnection(options), (c) => {
      expect(c.isCluster).toBe(false);
      expect((c as IORedis).options.maxRetriesPerRequest).toBeNull();
    });
  });

  it('parses REDIS_CLUSTER_NODES and builds cluster connections with the settings BullMQ needs', () => {
    const options = target({
      REDIS_URL: 'rediss://bus:s%40cret@ignored:6379',
      REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.2:7001,[::1]:7002',
    });
    expect(options.redisClusterNodes).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    inspect(producerConnection(options), (c) => {
      expect(c).toBeInstanceOf(Cluster);
      const cluster = c as Cluster;
      expect(cluster.options.enableOfflineQueue).toBe(false);
      expect(cluster.options.redisOptions).toMatchObject({
        maxRetriesPerRequest: 3,
        username: 'bus',
        password: 's@cret',
        tls: {},
      });
    });
    inspect(workerConnection(options), (c) => {
      expect(c).toBeInstanceOf(Cluster);
      expect((c as Cluster).options.redisOptions?.maxRetriesPerRequest).toBeNull();
    });
  });

  it('sends no credentials or TLS to the nodes that REDIS_URL does not have', () => {
    expect(clusterOptions('redis://127.0.0.1:6379', { maxRetriesPerRequest: null })).toEqual({
      enableOfflineQueue: undefined,
      enableReadyCheck: undefined,
      redisOptions: { maxRetriesPerRequest: null },
    });
  });
});
