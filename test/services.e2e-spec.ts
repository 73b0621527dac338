import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { cloneTestDatabase, eventually, REDIS_URL, TEST_SECRET, testQueuePrefix } from '@permanentie/testing';

const root = resolve(__dirname, '..');
const SERVICES = ['roster', 'triage', 'dispatch', 'gateway'] as const;

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

function run(service: string, env: Record<string, string>): { proc: ChildProcess; output: () => string } {
  let out = '';
  const proc = spawn(
    process.execPath,
    ['-r', './test/support/ts-register.js', `apps/${service}/src/main.ts`],
    {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { proc, output: () => out };
}

const exitCode = (proc: ChildProcess) =>
  new Promise<number | null>((ok) =>
    proc.exitCode !== null ? ok(proc.exitCode) : proc.once('exit', (c) => ok(c)),
  );

describe('each service as its own process', () => {
  let databaseUrl: string;
  let prefix: string;

  beforeAll(async () => {
    databaseUrl = await cloneTestDatabase();
    prefix = testQueuePrefix();
  });

  it.each(SERVICES)(
    '%s starts, reports PostgreSQL, Redis and queues on /health, and stops cleanly on SIGTERM',
    async (service) => {
      const port = await freePort();
      const { proc, output } = run(service, {
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        AUTH_TOKEN_SECRET: TEST_SECRET,
        [`${service.toUpperCase()}_PORT`]: String(port),
      });
      try {
        const health = await eventually(
          async () => {
            const res = await fetch(`http://127.0.0.1:${port}/health`);
            return res.ok ? ((await res.json()) as Record<string, unknown>) : undefined;
          },
          45_000,
          200,
        );
        expect(health).toMatchObject({ status: 'ok', postgres: 'up', redis: 'up' });
        expect(Object.keys(health.queues as object)).toEqual(
          expect.arrayContaining(['events-roster', 'events-triage', 'events-dispatch', 'events-gateway']),
        );
        proc.kill('SIGTERM');
        expect(await exitCode(proc)).toBe(0);
      } catch (e) {
        throw new Error(`${String(e)}\n--- ${service} output ---\n${output()}`);
      } finally {
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
    },
  );

  it('refuses to start with a bad setting and names it', async () => {
    const { proc, output } = run('triage', { DATABASE_URL: 'mysql://nope', AUTH_TOKEN_SECRET: 'short' });
    expect(await exitCode(proc)).toBe(1);
    expect(output()).toContain('DATABASE_URL: must be a postgres:// URL');
    expect(output()).toContain('AUTH_TOKEN_SECRET: must be at least 32 characters');
  });
});
