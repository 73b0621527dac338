import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { extname, join, resolve } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Outbox } from '@permanentie/bus';
import { BenchPing, startBench } from './harness';

/**
 * npm run bench:bus [-- --rate 500 --seconds 20 --warmup 2]
 * Publishes events at a steady rate, each in its own transaction, through outbox -> relay ->
 * BullMQ -> consumer (inbox), and reports publish-to-handled latency, throughput, lost and
 * duplicated events. Producer and consumer are separate processes, as two services would be.
 * Uses a throwaway database and queue prefix, dropped at the end.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RATE = arg('rate', 500);
const SECONDS = arg('seconds', 20);
/** The first seconds (JIT, pools, BullMQ scripts loading) are published and checked, not timed. */
const WARMUP = arg('warmup', 2);
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** Busy CPU time of the whole machine so far (ms), not counting niced work; Linux only. */
function machineBusyMs(): number | undefined {
  try {
    const [user, , system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return ((user + system + irq + softirq) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function dropKeys(prefix: string): Promise<void> {
  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

/** The consuming service: a separate process running the same harness with the handler. */
function startConsumer(url: string, prefix: string) {
  const ext = extname(__filename);
  const args = ext === '.ts' ? ['-r', resolve(__dirname, '../../test/support/ts-register.js')] : [];
  const proc = spawn(
    process.execPath,
    [
      ...process.execArgv,
      ...args,
      join(__dirname, `crash-child${ext}`),
      url,
      prefix,
      'consume',
      'benchbus_in',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'error' },
    },
  );
  const ready = new Promise<void>((ok, fail) => {
    proc.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ok());
    proc.once('exit', (code) => fail(new Error(`consumer exited (${code})`)));
  });
  return { proc, ready };
}

async function main(): Promise<void> {
  const tag = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbName = `perm_bench_bus_${tag}`;
  const admin = new Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = `${PG}/${dbName}`;
  const prefix = `bench-${tag}`;
  // Producer (schema benchbus: outbox) and consumer (benchbus_in: inbox, handled) are two services.
  const app = await startBench(url, prefix, { consume: false, schema: 'benchbus' });
  const consumer = startConsumer(url, prefix);
  await consumer.ready;
  const db = app.get(DataSource);
  const outbox = app.get(Outbox);
  const total = RATE * (WARMUP + SECONDS);
  const timedFrom = RATE * WARMUP;
  let sent = 0;
  const inflight = new Set<Promise<void>>();
  const started = Date.now();
  const busyBefore = machineBusyMs();
  // Steady rate: every tick, publish however many events the schedule says are due by now.
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * RATE));
      while (sent < due) {
        const seq = sent++;
        const p = db
          .transaction((tx) =>
            outbox.publish(tx, BenchPing, { seq, sentAt: Date.now() }).then(() => undefined),
          )
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  await Promise.all(inflight);
  const publishSeconds = (Date.now() - started) / 1000;
  const handledCount = async () =>
    (await db.query('SELECT count(DISTINCT event_id)::int AS n FROM benchbus_in.handled'))[0].n as number;
  const deadline = Date.now() + 30_000;
  while ((await handledCount()) < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const elapsed = (Date.now() - started) / 1000;
  const busyAfter = machineBusyMs();
  // All processes involved (both Node services, PostgreSQL, Redis) share the machine's cores.
  const cpuPct =
    busyBefore === undefined || busyAfter === undefined
      ? undefined
      : Math.round((busyAfter - busyBefore) / elapsed / 10);
  await new Promise((r) => setTimeout(r, 500)); // room for a late duplicate to show up
  const [{ rows, distinct }] = await db.query(
    'SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS distinct FROM benchbus_in.handled',
  );
  const latencies: number[] = (
    await db.query('SELECT latency_ms FROM benchbus_in.handled WHERE seq >= $1', [timedFrom])
  ).map((r: { latency_ms: number }) => r.latency_ms);
  // Where the time goes: publish -> claimed by the relay (relayed_at is the relay transaction's
  // start), and claimed -> handled.
  const [stages] = await db.query(`
    SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY r) AS relay_p50, percentile_disc(0.99) WITHIN GROUP (ORDER BY r) AS relay_p99,
           percentile_disc(0.5) WITHIN GROUP (ORDER BY c) AS consume_p50, percentile_disc(0.99) WITHIN GROUP (ORDER BY c) AS consume_p99
    FROM (SELECT extract(epoch FROM o.relayed_at - o.occurred_at) * 1000 AS r,
                 extract(epoch FROM h.handled_at - o.relayed_at) * 1000 AS c
          FROM benchbus.outbox o JOIN benchbus_in.handled h ON h.event_id = o.id WHERE h.seq >= ${timedFrom}) t`);
  consumer.proc.kill('SIGTERM');
  await new Promise((r) => consumer.proc.once('exit', r));
  await app.close();
  await dropKeys(`{${prefix}}`);
  await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();

  latencies.sort((a, b) => a - b);
  const lost = total - distinct;
  const duplicated = rows - distinct;
  const result = {
    bench: 'bus',
    rate_per_s: RATE,
    events: total,
    timed: latencies.length,
    p50_ms: percentile(latencies, 50),
    p95_ms: percentile(latencies, 95),
    p99_ms: percentile(latencies, 99),
    max_ms: latencies[latencies.length - 1],
    throughput_per_s: Math.round(distinct / elapsed),
    publish_rate_per_s: Math.round(total / publishSeconds),
    machine_cpu_pct: cpuPct,
    lost,
    duplicated,
    target_met: lost === 0 && duplicated === 0 && percentile(latencies, 99) < 20,
  };
  console.log(
    `events ${total} at ${RATE}/s over ${publishSeconds.toFixed(1)} s (the first ${timedFrom} are warm-up, not timed)`,
  );
  console.log(
    `latency publish->handled  p50 ${result.p50_ms} ms  p95 ${result.p95_ms} ms  p99 ${result.p99_ms} ms  max ${result.max_ms} ms`,
  );
  const ms = (v: number) => Number(v).toFixed(1);
  console.log(
    `stages: publish->claimed p50 ${ms(stages.relay_p50)} p99 ${ms(stages.relay_p99)} ms; claimed->handled p50 ${ms(stages.consume_p50)} p99 ${ms(stages.consume_p99)} ms`,
  );
  console.log(`throughput ${result.throughput_per_s}/s  lost ${lost}  duplicated ${duplicated}`);
  if (cpuPct !== undefined) console.log(`machine busy (all processes, not niced): ${cpuPct}% of one core`);
  console.log(JSON.stringify(result));
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
