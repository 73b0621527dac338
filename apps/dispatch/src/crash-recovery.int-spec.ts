import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { CaseTriaged } from '@permanentie/contracts';
import { FixedClock, ZONE } from '@permanentie/domain';
import {
  bootService,
  cloneTestDatabase,
  eventually,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
} from '@permanentie/testing';
import { eventsOf, Feeder, seedRoster, triaged } from '../../../test/dispatch/support';
import { DispatchModule } from './dispatch.module';

/**
 * Nothing waits unseen: the dispatch service runs as a real process, offers a case, and is killed
 * with SIGKILL before the offer times out. Cases fed while it is down, offers that expired and SLA
 * marks that fell due meanwhile are all picked up when it comes back.
 */
describe('crash recovery of the dispatch service', () => {
  let child: ChildProcess | undefined;
  let app: INestApplication | undefined;
  let db: DataSource;
  let feed: Feeder;
  let url: string;
  let prefix: string;
  const port = 40_000 + Math.floor(Math.random() * 20_000);

  beforeAll(async () => {
    url = await cloneTestDatabase();
    prefix = testQueuePrefix();
    feed = new Feeder(prefix);
    db = new DataSource({ type: 'postgres', url, entities: [] });
    await db.initialize();
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await app?.close();
    await feed?.close();
    await db?.destroy();
  });

  it('re-offers after expiry a case whose offer was pending when the process was killed', async () => {
    const root = resolve(__dirname, '../../..');
    child = spawn(
      process.execPath,
      ['-r', resolve(root, 'test/support/ts-register.js'), resolve(root, 'apps/dispatch/src/main.ts')],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          REDIS_URL,
          QUEUE_PREFIX: prefix,
          AUTH_TOKEN_SECRET: TEST_SECRET,
          DISPATCH_PORT: String(port),
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    await eventually(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 45_000, 200);

    // Wall-clock time: the child runs on the system clock.
    const now = DateTime.now().setZone(ZONE);
    const from = now.minus({ hours: 1 }).toISO()!;
    const to = now.plus({ hours: 12 }).toISO()!;
    await seedRoster(
      feed,
      'wpX',
      [{ zoneId: 'X1' }],
      [
        { gpId: 'X-1', zoneId: 'X1', from, to },
        { gpId: 'X-2', zoneId: 'X1', from, to },
      ],
    );
    await eventually(async () => (await db.query(`SELECT 1 FROM dispatch.duty`)).length === 2);
    const received = now.toISO()!;
    await feed.send(
      CaseTriaged,
      triaged('crash-1', 'wpX', 'X1', {
        urgency: 'U3',
        receivedAt: received,
        dueAt: now.plus({ hours: 3 }).toISO()!,
      }),
    );
    const first = await eventually(async () => (await eventsOf(db, 'crash-1', 'dispatch.case-offered'))[0]);
    expect(first.payload.gpId).toBe('X-1');

    // Killed between the offer and its timeout (U3: 5 minutes).
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    // While it is down: a new case arrives, and another one's SLA runs out.
    await feed.send(
      CaseTriaged,
      triaged('crash-2', 'wpX', 'X1', {
        urgency: 'U2',
        receivedAt: received,
        dueAt: now.plus({ minutes: 4 }).toISO()!,
      }),
    );
    const [open] = await db.query(`SELECT status FROM dispatch.offer WHERE case_id = 'crash-1'`);
    expect(open.status).toBe('open');

    // It comes back six minutes later (business time), as a fresh instance.
    const clock = new FixedClock(now.plus({ minutes: 6 }));
    app = await bootService(
      DispatchModule.forRoot({
        DATABASE_URL: url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        AUTH_TOKEN_SECRET: TEST_SECRET,
      }),
      { name: 'dispatch-restarted', clock },
    );

    const offered = await eventually(async () => {
      const list = await eventsOf(db, 'crash-1', 'dispatch.case-offered');
      return list.length === 2 ? list : undefined;
    });
    expect(offered![1].payload).toMatchObject({ gpId: 'X-2', attempt: 2 });
    const [ended] = await eventsOf(db, 'crash-1', 'dispatch.offer-ended');
    expect(ended.payload).toMatchObject({ gpId: 'X-1', outcome: 'expired' });

    // The case fed while down is offered, and its SLA warning and breach went out.
    await eventually(async () => (await eventsOf(db, 'crash-2', 'dispatch.case-offered')).length === 1);
    await eventually(async () => (await eventsOf(db, 'crash-2', 'dispatch.sla-breached')).length === 1);
    expect(await eventsOf(db, 'crash-2', 'dispatch.sla-warning')).toHaveLength(1);
  });
});
