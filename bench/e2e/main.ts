import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { io, Socket } from 'socket.io-client';
import {
  ClientToServerEvents,
  DutyAssigned,
  GpChanged,
  ServerToClientEvents,
  ZoneChanged,
} from '@permanentie/contracts';
import { Outbox } from '@permanentie/bus';
import { SystemClock } from '@permanentie/domain';
import { dataSourceOptions, ensureDatabase } from '@permanentie/persistence';
import { signAccessToken } from '@permanentie/platform';
import { ROSTER_DATABASE } from '../../apps/roster/src/roster.database';

/**
 * npm run bench:e2e [-- --rate 50 --seconds 20]
 * The whole system, each service its own process as in production, against a throwaway
 * database and queue prefix. GPs go on duty through roster events (roster's outbox), 100 GP and
 * 10 dispatcher sockets connect to the gateway, then cases are triaged over HTTP (through the
 * gateway) at a steady rate. Measured: from sending the triage request to the offer arriving on
 * the GP's socket. Lost: a triaged case whose offer never arrived.
 */
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RATE = arg('rate', 50);
const SECONDS = arg('seconds', 20);
const WARMUP = arg('warmup', 100);
const WACHTPOSTS = 10;
const GPS_PER_POST = 10;
const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'bench-e2e-secret-0123456789abcdef0123456789';
const POSTCODES = ['1000', '1020', '1030', '1040', '1050', '1060', '1070', '1080', '1090', '1120'];
const ROOT = resolve(__dirname, '../../..');

const SERVICES = ['roster', 'triage', 'dispatch', 'gateway'] as const;
/** BENCH_PROFILE=dir: each service writes a V8 CPU profile (dir/<service>/*.cpuprofile) when it stops. */
const profile = (service: string) =>
  process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_PROFILE, service)}`]
    : [];

/** User + system CPU seconds of a child process (Linux /proc), to see which service is busy. */
function cpuSeconds(p: ChildProcess): number {
  try {
    const fields = readFileSync(`/proc/${p.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Read and write system calls of a child process so far (Linux /proc): round trips cost most here. */
function syscalls(p: ChildProcess): number {
  try {
    const io = readFileSync(`/proc/${p.pid}/io`, 'utf8');
    const n = (k: string) => Number(new RegExp(`${k}: (\\d+)`).exec(io)?.[1] ?? NaN);
    return n('syscr') + n('syscw');
  } catch {
    return NaN;
  }
}

/** Busy and total jiffies of the whole machine (all cores), to see how close to full it ran. */
function machineJiffies(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = fields.map(Number);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - n[3] - n[4], total };
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 10) / 10;

function token(role: 'gp' | 'dispatcher', scope: Record<string, string>): string {
  const now = Math.floor(Date.now() / 1000);
  return signAccessToken(
    { sub: randomUUID(), sid: randomUUID(), role, ...scope, iat: now, exp: now + 3600 },
    SECRET,
  );
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

/**
 * POST JSON over a keep-alive agent. The bench's own clients share the two cores with the
 * system they measure, and node:http costs them about half of what fetch (undici) does.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((ok, fail) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(data.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(data);
  });
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`bench: gave up waiting for ${what}`);
    await sleep(100);
  }
}

/** Where the time goes, from the services' own outbox and inbox timestamps (p50 / p95, ms). */
async function stages(pg: Client): Promise<string> {
  const q = async (label: string, sql: string) => {
    const { rows } = await pg.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95 FROM (${sql}) x`,
    );
    return `${label} ${round(Number(rows[0].p50))}/${round(Number(rows[0].p95))}`;
  };
  const ms = (a: string, b: string) => `extract(epoch FROM (${b} - ${a})) * 1000 AS ms`;
  // One client runs one query at a time (pg 9 drops its hidden queue).
  const parts: string[] = [];
  for (const [label, sql] of [
    [
      'triage relay',
      `SELECT ${ms('occurred_at', 'relayed_at')} FROM triage.outbox WHERE event_name = 'triage.case-triaged'`,
    ],
    [
      'to dispatch handler',
      `SELECT ${ms('o.occurred_at', 'i.handled_at')} FROM triage.outbox o JOIN dispatch.inbox i ON i.event_id = o.id WHERE o.event_name = 'triage.case-triaged'`,
    ],
    [
      'dispatch relay',
      `SELECT ${ms('occurred_at', 'relayed_at')} FROM dispatch.outbox WHERE event_name = 'dispatch.case-offered'`,
    ],
    [
      'to gateway handler',
      `SELECT ${ms('o.occurred_at', 'i.handled_at')} FROM dispatch.outbox o JOIN gateway.inbox i ON i.event_id = o.id WHERE o.event_name = 'dispatch.case-offered'`,
    ],
  ] as const)
    parts.push(await q(label, sql));
  return `e2e: stages p50/p95 ms (inbox time = handler transaction start): ${parts.join(', ')}`;
}

async function main(): Promise<void> {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbName = `perm_bench_e2e_${run}`;
  const url = `${PG}/${dbName}`;
  const prefix = `bench-e2e-${run}`;
  await ensureDatabase(url);
  const procs: ChildProcess[] = [];
  const sockets: ClientSocket[] = [];
  const ports = {
    roster: await freePort(),
    triage: await freePort(),
    dispatch: await freePort(),
    gateway: await freePort(),
  };
  const env = {
    ...process.env,
    DATABASE_URL: url,
    REDIS_URL: REDIS,
    QUEUE_PREFIX: prefix,
    AUTH_TOKEN_SECRET: SECRET,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ROSTER_PORT: String(ports.roster),
    TRIAGE_PORT: String(ports.triage),
    DISPATCH_PORT: String(ports.dispatch),
    GATEWAY_PORT: String(ports.gateway),
    ROSTER_URL: `http://127.0.0.1:${ports.roster}`,
    TRIAGE_URL: `http://127.0.0.1:${ports.triage}`,
    DISPATCH_URL: `http://127.0.0.1:${ports.dispatch}`,
  };
  let roster: DataSource | undefined;
  const pg = new Client({ connectionString: url });
  try {
    // One process per service; they migrate in turn under the advisory lock.
    for (const service of SERVICES) {
      const proc = spawn(
        process.execPath,
        [...profile(service), join(ROOT, `dist/apps/${service}/src/main.js`)],
        {
          env,
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      procs.push(proc);
      proc.once('exit', (code) => {
        if (code !== 0 && code !== null) console.error(`bench: ${service} exited with ${code}`);
      });
      await until(`${service} health`, async () => {
        const res = await fetch(`http://127.0.0.1:${ports[service]}/health`);
        return res.ok;
      });
    }
    const api = `http://127.0.0.1:${ports.gateway}/api`;
    await pg.connect();

    // Roster announces zones, GPs and duties covering now, through its own outbox and relay.
    roster = new DataSource(dataSourceOptions(url, { ...ROSTER_DATABASE, entities: [] }, 2));
    await roster.initialize();
    const outbox = new Outbox(new SystemClock());
    const now = Date.now();
    const gps: Array<{ gpId: string; wachtpostId: string }> = [];
    await roster.transaction(async (tx) => {
      for (let w = 0; w < WACHTPOSTS; w++) {
        const wachtpostId = `wp-bench-${w}`;
        const zoneId = `zone-bench-${w}`;
        await outbox.publish(tx, ZoneChanged, {
          zoneId,
          kringId: 'k-bench',
          wachtpostId,
          postcodes: [POSTCODES[w]],
          overflowZoneIds: [],
          active: true,
        });
        for (let g = 0; g < GPS_PER_POST; g++) {
          const gpId = `gp-bench-${w}-${g}`;
          gps.push({ gpId, wachtpostId });
          await outbox.publish(tx, GpChanged, {
            gpId,
            kringId: 'k-bench',
            languages: ['nl', 'fr'],
            practicePostcode: POSTCODES[w],
            capabilities: [],
            active: true,
          });
          await outbox.publish(tx, DutyAssigned, {
            assignmentId: randomUUID(),
            rosterId: 'r-bench',
            shiftId: `shift-bench-${w}`,
            kringId: 'k-bench',
            zoneId,
            dutyKind: 'wachtpost',
            role: 'first',
            gpId,
            startsAt: new Date(now - 3600_000).toISOString(),
            endsAt: new Date(now + 6 * 3600_000).toISOString(),
          });
        }
      }
    });
    const count = async (sql: string) => Number((await pg.query(sql)).rows[0].n);
    await until('dispatch and triage read models', async () => {
      const duties = await count('SELECT count(*) AS n FROM dispatch.duty');
      const zones = await count('SELECT count(*) AS n FROM triage.zones');
      return duties >= gps.length && zones >= WACHTPOSTS;
    });

    // Each wachtpost lets a GP hold many open offers, so the bench measures delivery, not capacity.
    const dispatcherTokens = Array.from({ length: WACHTPOSTS }, (_, w) =>
      token('dispatcher', { wachtpostId: `wp-bench-${w}` }),
    );
    for (let w = 0; w < WACHTPOSTS; w++) {
      const res = await fetch(`${api}/dispatch/wachtposts/wp-bench-${w}/settings`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${dispatcherTokens[w]}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          acceptSecondsU2: 3600,
          acceptSecondsU3: 3600,
          acceptSecondsU4: 7200,
          maxOpenCases: 100,
          officeStartHour: 8,
          officeEndHour: 19,
        }),
      });
      if (!res.ok) throw new Error(`settings for wp-bench-${w}: ${res.status}`);
    }

    // 100 GP screens (acknowledging offers) and 10 dispatcher screens.
    const sentAt = new Map<string, number>();
    const latency = new Map<string, number>();
    const connect = (t: string) =>
      new Promise<ClientSocket>((ok, fail) => {
        const s: ClientSocket = io(`http://127.0.0.1:${ports.gateway}`, {
          auth: { token: t },
          transports: ['websocket'],
          forceNew: true,
        });
        s.once('connect', () => ok(s));
        s.once('connect_error', fail);
        sockets.push(s);
      });
    for (const gp of gps) {
      const s = await connect(token('gp', { gpId: gp.gpId, kringId: 'k-bench' }));
      s.on('offer.new', (offer, ack) => {
        ack({ received: true });
        const t0 = sentAt.get(offer.caseId);
        if (t0 !== undefined && !latency.has(offer.caseId)) latency.set(offer.caseId, performance.now() - t0);
      });
    }
    let dispatcherPushes = 0;
    for (const t of dispatcherTokens) (await connect(t)).on('case.changed', () => dispatcherPushes++);

    // Cases are recorded first (not measured); the triage request is what the bench times.
    const total = WARMUP + RATE * SECONDS;
    const cases: Array<{ id: string; version: number; w: number }> = [];
    const createOne = async (i: number) => {
      const w = i % WACHTPOSTS;
      const res = await postJson(
        `${api}/triage/cases`,
        { authorization: `Bearer ${dispatcherTokens[w]}`, 'idempotency-key': `bench-${run}-${i}` },
        {
          channel: 'wachtpost_phone',
          caller: { relation: 'self' },
          patient: {
            name: `Bench Patiënt ${i}`,
            birthDate: '1980-01-01',
            address: { postcode: POSTCODES[w] },
            language: 'nl',
          },
        },
      );
      if (res.status < 200 || res.status > 299) throw new Error(`create case: ${res.status} ${res.text}`);
      const body = JSON.parse(res.text) as { id: string; version: number };
      cases[i] = { id: body.id, version: body.version, w };
    };
    for (let i = 0; i < total; i += 10) {
      await Promise.all(Array.from({ length: Math.min(10, total - i) }, (_, k) => createOne(i + k)));
    }

    let failed = 0;
    const answered: number[] = [];
    // --direct: triage requests straight to the triage service, to see what the proxy costs.
    const triageBase = process.argv.includes('--direct')
      ? `http://127.0.0.1:${ports.triage}`
      : `${api}/triage`;
    const triage = async (i: number) => {
      const c = cases[i];
      const t0 = performance.now();
      sentAt.set(c.id, t0);
      // The sample protocol: urinary complaints with fever -> U3, consultation.
      const res = await postJson(
        `${triageBase}/cases/${c.id}/triage`,
        { authorization: `Bearer ${dispatcherTokens[c.w]}` },
        {
          version: c.version,
          complaintCode: 'urinary',
          answers: { fever_flank_pain: 'yes', cannot_pass_urine: 'no', pregnant_or_male: 'no' },
        },
      ).catch(() => undefined);
      if (!res || res.status < 200 || res.status > 299) {
        if (failed === 0) console.error(`first failed triage: ${res?.status ?? 'no answer'} ${res?.text}`);
        failed++;
        sentAt.delete(c.id);
      }
      if (i >= WARMUP) answered.push(performance.now() - t0);
    };
    const cpuBefore = procs.map(cpuSeconds);
    const syscallsBefore = procs.map(syscalls);
    const machineBefore = machineJiffies();
    const walBefore = (await pg.query('SELECT pg_current_wal_lsn() AS lsn')).rows[0].lsn as string;
    // A durable one-row commit every 50 ms beside the run: what the disk made every commit wait.
    await pg.query('CREATE TABLE bench_commit_probe (id serial PRIMARY KEY)');
    const commits: number[] = [];
    let sending = true;
    const probe = (async () => {
      while (sending) {
        const t0 = performance.now();
        await pg.query('INSERT INTO bench_commit_probe DEFAULT VALUES');
        commits.push(performance.now() - t0);
        await sleep(50);
      }
    })();
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      inflight.push(triage(i));
    }
    await Promise.all(inflight);
    sending = false;
    await probe;
    const measured = cases
      .slice(WARMUP)
      .map((c) => c.id)
      .filter((id) => sentAt.has(id));
    await until('offers', async () => measured.every((id) => latency.has(id)), 15_000).catch(() => undefined);

    const cpu = procs.map((p, i) => `${SERVICES[i]} ${round(cpuSeconds(p) - cpuBefore[i])} s`).join(', ');
    const perCase = procs
      .map((p, i) => `${SERVICES[i]} ${round((syscalls(p) - syscallsBefore[i]) / total)}`)
      .join(', ');
    console.error(
      `e2e: CPU during the run: ${cpu}, bench process ${round(process.cpuUsage().user / 1e6)} s total`,
    );
    const machine = machineJiffies();
    const { rows: walRows } = await pg.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS bytes`, [
      walBefore,
    ]);
    console.error(`e2e: WAL written per case: ${Math.round(Number(walRows[0].bytes) / total / 1024)} KiB`);
    const busy = machine.busy - machineBefore.busy;
    console.error(
      `e2e: read + write system calls per case: ${perCase}; the machine was ` +
        `${Math.round((100 * busy) / (machine.total - machineBefore.total))}% busy ` +
        `(${round((busy * 10) / total)} ms of CPU per case, PostgreSQL and Redis included)`,
    );
    answered.sort((a, b) => a - b);
    console.error(
      `e2e: triage request answered p50 ${round(percentile(answered, 50))} ms, p99 ${round(percentile(answered, 99))} ms`,
    );
    commits.sort((a, b) => a - b);
    console.error(
      `e2e: a durable commit beside the run (${commits.length}, one every 50 ms): p50 ${round(percentile(commits, 50))}, ` +
        `p99 ${round(percentile(commits, 99))}, max ${round(commits.at(-1) ?? NaN)} ms`,
    );
    console.error(await stages(pg));
    {
      // The worst latency of each second of sending: a stall shows as a few bad seconds.
      const bySecond = new Map<number, number[]>();
      for (const id of measured) {
        const l = latency.get(id);
        const t = sentAt.get(id);
        if (l === undefined || t === undefined) continue;
        const sec = Math.floor((t - start) / 1000);
        bySecond.set(sec, [...(bySecond.get(sec) ?? []), l]);
      }
      console.error(
        `e2e: worst ms per second of sending: ${[...bySecond]
          .map(([sec, ls]) => `${sec}:${Math.round(Math.max(...ls))}`)
          .join(' ')}`,
      );
    }
    const lat = measured.flatMap((id) => (latency.has(id) ? [latency.get(id)!] : [])).sort((a, b) => a - b);
    const lost = measured.length - lat.length;
    console.error(
      `e2e: ${measured.length} triaged cases at ${RATE}/s over ${SECONDS} s (after ${WARMUP} warm-up), ` +
        `${gps.length} GP + ${WACHTPOSTS} dispatcher sockets; triage requests failed: ${failed}; ` +
        `dispatcher pushes: ${dispatcherPushes}; max ${round(lat.at(-1) ?? NaN)} ms`,
    );
    console.log(
      JSON.stringify({
        bench: 'e2e',
        rate_per_s: RATE,
        cases: measured.length,
        p50_ms: round(percentile(lat, 50)),
        p95_ms: round(percentile(lat, 95)),
        p99_ms: round(percentile(lat, 99)),
        lost,
        failed,
      }),
    );
  } finally {
    for (const s of sockets) s.close();
    await roster?.destroy().catch(() => undefined);
    await pg.end().catch(() => undefined);
    for (const p of procs.reverse()) {
      p.kill('SIGTERM');
      await new Promise((r) => (p.exitCode !== null ? r(undefined) : p.once('exit', r)));
    }
    const admin = new Client({ connectionString: `${PG}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    const redis = new IORedis(REDIS);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((e: Error) => {
  console.error(`bench e2e failed: ${e.message}`);
  process.exit(1);
});
