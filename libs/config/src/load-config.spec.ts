import { IsInt, Min } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';
import { parseHostPorts, ServiceConfig } from './service.config';

class DemoConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  DEMO_PORT: number = 3999;
}

describe('loadConfig', () => {
  it('uses defaults and converts numbers from the environment', () => {
    const config = loadConfig(DemoConfig, { DEMO_PORT: '4100' });
    expect(config.DEMO_PORT).toBe(4100);
    expect(config.QUEUE_PREFIX).toBe('permanentie');
  });

  it('names every bad variable', () => {
    expect(() =>
      loadConfig(DemoConfig, { DEMO_PORT: 'x', REDIS_URL: 'http://x', QUEUE_PREFIX: 'a{b}' }),
    ).toThrow(ConfigError);
    const bad = () => loadConfig(DemoConfig, { DEMO_PORT: '0', REDIS_URL: 'http://x' });
    expect(bad).toThrow(/DEMO_PORT: DEMO_PORT must not be less than 1/);
    expect(bad).toThrow(/REDIS_URL: must be a redis:\/\/ URL/);
  });
});

describe('DB_POOL_SIZE and REDIS_CLUSTER_NODES', () => {
  it('have defaults: a pool of 10, no cluster', () => {
    const config = loadConfig(ServiceConfig, {});
    expect(config.DB_POOL_SIZE).toBe(10);
    expect(config.REDIS_CLUSTER_NODES).toBe('');
    expect(loadConfig(ServiceConfig, { DB_POOL_SIZE: '25' }).DB_POOL_SIZE).toBe(25);
  });

  it.each(['0', '-3', '2.5', 'ten'])('stops the boot on DB_POOL_SIZE=%s, naming it', (value) => {
    expect(() => loadConfig(ServiceConfig, { DB_POOL_SIZE: value })).toThrow(/DB_POOL_SIZE: /);
  });

  it('parses host:port lists', () => {
    expect(parseHostPorts('')).toEqual([]);
    expect(parseHostPorts('a:7000,[::1]:7001')).toEqual([
      { host: 'a', port: 7000 },
      { host: '::1', port: 7001 },
    ]);
  });

  it.each(['redis-a', 'redis-a:0', 'a:70000', 'a:7000,', 'redis://a:7000', 'a:7000;b:7001'])(
    'stops the boot on REDIS_CLUSTER_NODES=%s, naming it',
    (value) => {
      expect(() => loadConfig(ServiceConfig, { REDIS_CLUSTER_NODES: value })).toThrow(
        /REDIS_CLUSTER_NODES: must be comma-separated host:port pairs/,
      );
    },
  );
});

describe('AUTH_TOKEN_SECRET', () => {
  it('may keep the development default, except in production', () => {
    expect(() => loadConfig(ServiceConfig, { NODE_ENV: 'development' })).not.toThrow();
    expect(() => loadConfig(ServiceConfig, { NODE_ENV: 'production', AUTH_TOKEN_SECRET: '' })).toThrow(
      /AUTH_TOKEN_SECRET: must be set \(not the development default\) when NODE_ENV=production/,
    );
    const secret = 'a-production-secret-of-32-characters-or-more';
    expect(
      loadConfig(ServiceConfig, { NODE_ENV: 'production', AUTH_TOKEN_SECRET: secret }).AUTH_TOKEN_SECRET,
    ).toBe(secret);
  });
});
