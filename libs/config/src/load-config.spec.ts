import { IsInt, Min } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';
import { ServiceConfig } from './service.config';

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
