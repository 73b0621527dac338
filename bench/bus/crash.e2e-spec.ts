import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { cloneTestDatabase, eventually, testQueuePrefix } from '@permanentie/testing';

const root = resolve(__dirname, '../..');

function child(url: string, prefix: string, mode: 'publish' | 'consume'): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', './test/support/ts-register.js', 'bench/bus/crash-child.ts', url, prefix, mode],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' } },
  );
}

function waitForLine(proc: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((ok, fail) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (pattern.test(out)) ok();
    });
    proc.once('exit', (code) => fail(new Error(`child exited (${code}) before ${pattern}: ${out}`)));
  });
}

describe('bus under SIGKILL', () => {
  it('loses no committed event and handles none twice when the process is killed mid-stream and restarted', async () => {
    // Deliberately longer than the 60 s wait below, so a miss reports its counts, not a timeout.
    const url = await cloneTestDatabase();
    const prefix = testQueuePrefix();
    const first = child(url, prefix, 'publish');
    await waitForLine(first, /committed 301/);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const db = new Client({ connectionString: url });
    await db.connect();
    const count = async (sql: string) => Number((await db.query(sql)).rows[0].n);
    // A COMMIT the child had already sent may still be applied after its death: count only once
    // its backends are gone, or the count would miss the last event.
    await eventually(
      async () =>
        (await count(
          'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        )) === 0,
      30_000,
      50,
    );
    const committed = await count('SELECT count(*) AS n FROM benchbus.outbox');
    expect(committed).toBeGreaterThan(300);

    const second = child(url, prefix, 'consume');
    try {
      await waitForLine(second, /ready/);
      await eventually(
        async () => (await count('SELECT count(DISTINCT event_id) AS n FROM benchbus.handled')) >= committed,
        60_000,
        200,
      );
      // Every committed event was handled exactly once, and it is the same set of events.
      expect(await count('SELECT count(*) AS n FROM benchbus.handled')).toBe(committed);
      expect(
        await count(
          'SELECT count(*) AS n FROM benchbus.outbox o LEFT JOIN benchbus.handled h ON h.event_id = o.id WHERE h.event_id IS NULL',
        ),
      ).toBe(0);
      expect(await count('SELECT count(*) AS n FROM benchbus.outbox WHERE relayed_at IS NULL')).toBe(0);
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
      await db.end();
    }
  }, 120_000);
});
