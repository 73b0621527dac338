import { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Role } from '@permanentie/contracts';
import { CLOCK, Clock, FixedClock } from '@permanentie/domain';
import { AccessClaims, configureServiceApp, signAccessToken } from '@permanentie/platform';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789';

/**
 * Boots a service module as in production (same pipes, guards, filters), with a frozen clock.
 * `listen` gives it a real port (for sockets or a second process); otherwise use supertest.
 */
export async function bootService(
  module: DynamicModule,
  opts: { name: string; clock?: Clock; listen?: boolean } = { name: 'test' },
): Promise<INestApplication> {
  const builder = Test.createTestingModule({ imports: [module] });
  if (opts.clock) builder.overrideProvider(CLOCK).useValue(opts.clock);
  const ref = await builder.compile();
  const app = ref.createNestApplication({ bodyParser: false, logger: ['error', 'warn'] });
  configureServiceApp(app, opts.name);
  if (opts.listen) await app.listen(0, '127.0.0.1');
  else await app.init();
  return app;
}

/** An access token as the gateway would issue it. */
export function tokenFor(
  role: Role,
  scope: Partial<Pick<AccessClaims, 'wachtpostId' | 'kringId' | 'gpId'>> = {},
  opts: { secret?: string; sub?: string; ttlSeconds?: number; now?: number } = {},
): string {
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  return signAccessToken(
    {
      sub: opts.sub ?? `${role}-user`,
      role,
      sid: 'test-session',
      ...scope,
      iat: now,
      exp: now + (opts.ttlSeconds ?? 3600),
    },
    opts.secret ?? TEST_SECRET,
  );
}

export function frozenClock(iso = '2026-11-25T10:00:00'): FixedClock {
  return new FixedClock(iso);
}

/** Polls until check() returns a truthy value, or fails after timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  stepMs = 25,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(`eventually: gave up after ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
