/**
 * Dispatch bench: triaged cases at a steady rate into a roster of 100 GPs on duty across 10
 * zones; GPs accept (real HTTP) after a random delay and complete a little later. Prints p50,
 * p95, p99 of triaged-to-offered latency (case-triaged enqueued on dispatch's queue -> CaseOffered
 * row in the outbox), offers per second, lost cases and double assignments, then one JSON line.
 *
 *   npm run bench:dispatch            BENCH_RATE=100 BENCH_SECONDS=20 by default
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  BusEvent,
  CaseTriaged,
  DutyAssigned,
  EventDefinition,
  eventKey,
  GpChanged,
  queueOf,
  ZoneChanged,
} from '@permanentie/contracts';
import { jobOptions } from '@permanentie/bus';
import { ensureDatabase } from '@permanentie/persistence';
import { signAccessToken } from '@permanentie/platform';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const ZONES = 10;
const GPS_PER_ZONE = 10;
const POSTCODES = ['1500', '1600', '1700', '1750', '1800', '1830', '1850', '1930', '3000', '2000'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

async function main(): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const dbName = `perm_bench_dispatch_${tag}`;
  const url = `${PG}/${dbName}`;
  const prefix = `bench-dispatch-${tag}`;
  await ensureDatabase(url);
  // The service runs as its own process, as in production; this process feeds cases and plays
  // the GPs. From dist/ it starts the built service, from sources the on-the-fly loader.
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const fromSources = __filename.endsWith('.ts');
  const root = resolve(__dirname, fromSources ? '../..' : '../../..');
  const service: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean),
      fromSources ? resolve(root, 'test/dispatch/child.js') : resolve(root, 'dist/apps/dispatch/src/main.js'),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        REDIS_URL: REDIS,
        QUEUE_PREFIX: prefix,
        AUTH_TOKEN_SECRET: SECRET,
        DISPATCH_PORT: String(port),
        BUS_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '8',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (i > 600 || service.exitCode !== null) throw new Error('dispatch service did not start');
    await sleep(100);
  }
  const db = new DataSource({
    type: 'postgres',
    url,
    entities: [],
    extra: { options: '-c search_path=dispatch', max: 4 },
  });
  await db.initialize();
  const queue = new Queue(queueOf('dispatch'), { connection: { url: REDIS }, prefix: `{${prefix}}` });
  const send = async <P>(def: EventDefinition<P>, payload: P) => {
    const id = randomUUID();
    const data: BusEvent<P> = {
      id,
      name: def.name,
      version: def.version,
      occurredAt: new Date().toISOString(),
      payload,
    };
    await queue.add(eventKey(def), data, jobOptions(id, 3));
  };

  // Roster: 10 zones, 10 first-role GPs each, on duty from an hour ago for a day.
  const now = Date.now();
  for (let z = 0; z < ZONES; z++) {
    await send(ZoneChanged, {
      zoneId: `z${z}`,
      kringId: 'k',
      wachtpostId: 'wp',
      postcodes: [POSTCODES[z]],
      overflowZoneIds: [`z${(z + 1) % ZONES}`],
      active: true,
    });
    for (let g = 0; g < GPS_PER_ZONE; g++) {
      const gpId = `gp-${z}-${g}`;
      await send(GpChanged, {
        gpId,
        kringId: 'k',
        languages: g % 3 === 0 ? ['fr', 'nl'] : ['nl'],
        practicePostcode: pick(POSTCODES),
        capabilities: [],
        active: true,
      });
      await send(DutyAssigned, {
        assignmentId: `a-${gpId}`,
        rosterId: 'r',
        shiftId: 's',
        kringId: 'k',
        zoneId: `z${z}`,
        dutyKind: 'wachtpost',
        role: 'first',
        gpId,
        startsAt: new Date(now - 3600_000).toISOString(),
        endsAt: new Date(now + 86_400_000).toISOString(),
      });
    }
  }
  for (;;) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM duty`);
    if (n === ZONES * GPS_PER_ZONE) break;
    await sleep(50);
  }
  // A GP may hold many open cases here (default 3), so the bench measures routing, not a full roster.
  await db.query(
    `INSERT INTO wachtpost_settings (wachtpost_id, max_open_cases, updated_at) VALUES ('wp', $1, now())`,
    [Math.min(100, Math.max(20, 3 * SECONDS))],
  );

  // GPs: accept after 0.2-3 s over HTTP (the real accept command). They keep their cases: the
  // maximum of open cases is set above what a run gives each GP, so routing is never blocked.
  const token = (gpId: string) =>
    `Bearer ${signAccessToken(
      {
        sub: gpId,
        role: 'gp',
        sid: 'bench',
        gpId,
        iat: Math.floor(now / 1000),
        exp: Math.floor(now / 1000) + 7200,
      },
      SECRET,
    )}`;
  let accepted = 0;
  let acceptConflicts = 0;
  const pending: Promise<void>[] = [];
  const gpActs = (offerId: string, caseId: string, gpId: string) =>
    pending.push(
      (async () => {
        await sleep(200 + Math.random() * 2800);
        const r = await fetch(`${base}/offers/${offerId}/accept`, {
          method: 'POST',
          headers: { authorization: token(gpId) },
        });
        if (r.status !== 200) {
          acceptConflicts++;
          return;
        }
        if (enqueuedAt.has(caseId)) accepted++;
      })(),
    );

  // Watch the outbox for offers.
  const enqueuedAt = new Map<string, number>();
  const firstOffer = new Map<string, number>();
  let offers = 0;
  // Outbox seq is taken at insert, rows commit out of order: look back a window (a few handlers'
  // worth of rows), skip seen rows. The latencies themselves come from the outbox at the end.
  let lastSeq = 0;
  const seen = new Set<number>();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const rows: {
        seq: string;
        payload: { caseId: string; offerId: string; gpId: string };
        occurred_at: Date;
      }[] = await db.query(
        `SELECT seq, payload, occurred_at FROM outbox WHERE seq > $1 AND event_name = 'dispatch.case-offered' ORDER BY seq`,
        [lastSeq - 50],
      );
      for (const r of rows) {
        if (seen.has(Number(r.seq))) continue;
        seen.add(Number(r.seq));
        lastSeq = Math.max(lastSeq, Number(r.seq));
        if (enqueuedAt.has(r.payload.caseId)) offers++;
        if (enqueuedAt.has(r.payload.caseId) && !firstOffer.has(r.payload.caseId))
          firstOffer.set(r.payload.caseId, new Date(r.occurred_at).getTime());
        gpActs(r.payload.offerId, r.payload.caseId, r.payload.gpId);
      }
      await sleep(20);
    }
  })();

  // Warm-up (not counted): JIT, connection pools and caches settle, as in a running service.
  const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
  for (let i = 0; i < WARMUP; i++) {
    const z = i % ZONES;
    await sleep(1000 / RATE);
    void send(CaseTriaged, {
      caseId: `warm-${tag}-${i}`,
      wachtpostId: 'wp',
      zoneId: `z${z}`,
      urgency: 'U4',
      channel: '1733',
      disposition: 'consultation',
      language: 'nl',
      postcode: POSTCODES[z],
      receivedAt: new Date().toISOString(),
      dueAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      revision: 1,
    });
  }
  await sleep(1000);

  // Feed at a steady rate: case i is due at start + i / RATE.
  const total = RATE * SECONDS;
  const start = Date.now();
  const urgencies = ['U2', 'U3', 'U4'] as const;
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / RATE - Date.now();
    if (wait > 0) await sleep(wait);
    const z = Math.floor(Math.random() * ZONES);
    const caseId = `bench-${tag}-${i}`;
    const receivedAt = new Date();
    const urgency = pick(urgencies);
    const dueMs = urgency === 'U2' ? 3600_000 : urgency === 'U3' ? 3 * 3600_000 : 24 * 3600_000;
    const t = Date.now();
    void send(CaseTriaged, {
      caseId,
      wachtpostId: 'wp',
      zoneId: `z${z}`,
      urgency,
      channel: '1733',
      disposition: Math.random() < 0.2 ? 'home_visit_priority' : 'consultation',
      language: Math.random() < 0.3 ? 'fr' : 'nl',
      postcode: POSTCODES[z],
      receivedAt: receivedAt.toISOString(),
      dueAt: new Date(receivedAt.getTime() + dueMs).toISOString(),
      revision: 1,
    });
    enqueuedAt.set(caseId, t);
  }
  const feedSeconds = (Date.now() - start) / 1000;
  // Wait for the last offers (at most 15 s).
  const deadline = Date.now() + 15_000;
  while (firstOffer.size < total && Date.now() < deadline) await sleep(50);
  watching = false;
  await watcher;
  await Promise.all(pending);

  // The record: the first CaseOffered row of every case, straight from the outbox.
  const offeredRows: { case_id: string; at: Date }[] = await db.query(
    `SELECT payload->>'caseId' AS case_id, min(occurred_at) AS at FROM outbox
     WHERE event_name = 'dispatch.case-offered' GROUP BY 1`,
  );
  for (const row of offeredRows) {
    if (enqueuedAt.has(row.case_id)) firstOffer.set(row.case_id, new Date(row.at).getTime());
  }
  const latencies = [...enqueuedAt]
    .filter(([id]) => firstOffer.has(id))
    .map(([id, t]) => firstOffer.get(id)! - t)
    .sort((a, b) => a - b);
  const lost = total - firstOffer.size;
  if (lost > 0) {
    const missing = [...enqueuedAt.keys()].filter((id) => !firstOffer.has(id));
    const states = await db.query(
      `SELECT case_id, status, alarm_code FROM dispatch_case WHERE case_id = ANY($1)`,
      [missing],
    );
    const failed = await queue.getFailed();
    console.log(
      `not offered: ${JSON.stringify(states)}; failed jobs: ${failed.map((j) => j.failedReason).join('; ')}`,
    );
  }
  const [{ n: doubleLive }] = await db.query(
    `SELECT count(*)::int AS n FROM (SELECT case_id FROM offer WHERE status IN ('open', 'held', 'done')
       GROUP BY case_id HAVING count(*) FILTER (WHERE status IN ('held', 'done')) > 1
          OR count(*) FILTER (WHERE status IN ('open', 'held')) > 1) x`,
  );
  const [{ n: doubleAccepted }] = await db.query(
    `SELECT count(*)::int AS n FROM (SELECT payload->>'caseId' FROM outbox WHERE event_name = 'dispatch.case-accepted'
       GROUP BY 1 HAVING count(*) > 1) x`,
  );
  const doubles = doubleLive + doubleAccepted;

  // Where the time goes: waiting on the queue vs. inside the handler (BullMQ's own stamps).
  const jobs = (await queue.getCompleted(0, total + WARMUP + 1000)).filter((j) =>
    enqueuedAt.has((j.data as BusEvent<{ caseId?: string }>).payload.caseId ?? ''),
  );
  const waitMs = jobs
    .filter((j) => j.processedOn)
    .map((j) => j.processedOn! - j.timestamp)
    .sort((a, b) => a - b);
  const runMs = jobs
    .filter((j) => j.finishedOn)
    .map((j) => j.finishedOn! - j.processedOn!)
    .sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  console.log(
    `queue wait p50 ${pct(waitMs, 50)} ms p99 ${pct(waitMs, 99)} ms; handler p50 ${pct(runMs, 50)} ms p99 ${pct(runMs, 99)} ms`,
  );
  console.log(
    `dispatch bench: ${total} cases at ${RATE}/s over ${feedSeconds.toFixed(1)} s, ${ZONES * GPS_PER_ZONE} GPs in ${ZONES} zones`,
  );
  console.log(
    `triaged -> offered latency: p50 ${r(pct(latencies, 50))} ms, p95 ${r(pct(latencies, 95))} ms, p99 ${r(pct(latencies, 99))} ms, max ${r(latencies[latencies.length - 1])} ms`,
  );
  console.log(
    `offers: ${offers} (${(offers / feedSeconds).toFixed(1)}/s), accepted ${accepted}, accept conflicts ${acceptConflicts}`,
  );
  console.log(`lost cases: ${lost}, double assignments: ${doubles}`);

  await queue.close();
  await db.destroy();
  service.kill('SIGTERM');
  await new Promise((r) => service.once('exit', r));
  const admin = new Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  const redis = new IORedis(REDIS);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();

  console.log(
    JSON.stringify({
      bench: 'dispatch',
      rate_per_s: RATE,
      p50_ms: r(pct(latencies, 50)),
      p95_ms: r(pct(latencies, 95)),
      p99_ms: r(pct(latencies, 99)),
      offers_per_s: r(offers / feedSeconds),
      lost,
      double_assigned: doubles,
    }),
  );
}

main().catch((e: Error) => {
  console.error(`bench failed: ${e.stack ?? e.message}`);
  process.exit(1);
});
