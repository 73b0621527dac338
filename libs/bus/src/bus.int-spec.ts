import { INestApplication, Injectable, Module } from '@nestjs/common';
import request from 'supertest';
import { DataSource, EntityManager } from 'typeorm';
import { Job, Queue } from 'bullmq';
import { BusEvent, defineEvent, eventKey, queueOf } from '@permanentie/contracts';
import { ConfigModule, ServiceConfig } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';
import {
  bootService,
  cloneTestDatabase,
  eventually,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
  tokenFor,
} from '@permanentie/testing';
import { BusModule, HandlesEvent, jobOptions, Outbox, OutboxRelay } from './index';

const Ping = defineEvent<{ n: number }>('test.ping', 1, ['dispatch']);
const Seen = defineEvent<{ n: number }>('test.seen', 1, ['dispatch']);
const Mirrored = defineEvent<{ n: number }>('test.mirrored', 1, ['dispatch']);

/** How the consumer ran each kind of handler: in a transaction or not, and its commit mode. */
@Injectable()
class ModeHandlers {
  static seen: Array<{ n: number; inTransaction: boolean }> = [];
  static publishRefused = '';

  constructor(private readonly outbox: Outbox) {}

  @HandlesEvent(Seen, { pushOnly: true })
  async onSeen(event: BusEvent<{ n: number }>, tx: EntityManager): Promise<void> {
    ModeHandlers.seen.push({ n: event.payload.n, inTransaction: !!tx.queryRunner?.isTransactionActive });
  }

  @HandlesEvent(Mirrored, { asyncCommit: true })
  async onMirrored(event: BusEvent<{ n: number }>, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO handled (event_id, n, commit_mode) VALUES ($1, $2, current_setting('synchronous_commit'))`,
      [event.id, event.payload.n],
    );
    // Its commit is asynchronous: an event it published would be relayed before it is on disk.
    await this.outbox
      .publish(tx, Ping, { n: 99 })
      .catch((e: Error) => (ModeHandlers.publishRefused = e.message));
  }
}

/** Counts what the handler saw in a plain table, without a unique key: duplicates would show. */
@Injectable()
class PingHandler {
  /** n -> how many more times handling it throws. */
  static failures = new Map<number, number>();

  @HandlesEvent(Ping)
  async onPing(event: BusEvent<{ n: number }>, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO handled (event_id, n, commit_mode) VALUES ($1, $2, current_setting('synchronous_commit'))`,
      [event.id, event.payload.n],
    );
    const left = PingHandler.failures.get(event.payload.n) ?? 0;
    if (left > 0) {
      PingHandler.failures.set(event.payload.n, left - 1);
      throw new Error('handler fails');
    }
  }
}

function testModule(url: string, prefix: string) {
  @Module({ providers: [PingHandler, ModeHandlers] })
  class BusTestModule {}
  return {
    module: BusTestModule,
    imports: [
      ConfigModule.forService(ServiceConfig, {
        DATABASE_URL: url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        AUTH_TOKEN_SECRET: TEST_SECRET,
        BUS_ATTEMPTS: 3,
      }),
      PlatformModule,
      PersistenceModule.forService({ schema: 'dispatch', entities: [], migrations: [] }),
      BusModule.forService('dispatch', { requireAllHandlers: false }),
    ],
  };
}

describe('integration bus (outbox -> relay -> BullMQ -> inbox)', () => {
  let url: string;
  let prefix: string;
  let app: INestApplication;
  let db: DataSource;

  const publish = (n: number, commit = true) =>
    db
      .transaction(async (tx) => {
        await app.get(Outbox).publish(tx, Ping, { n });
        if (!commit) throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (commit) throw e;
      });
  const handled = async (): Promise<number[]> =>
    (await db.query('SELECT n FROM handled ORDER BY n')).map((r: { n: number }) => r.n);

  beforeAll(async () => {
    url = await cloneTestDatabase();
    prefix = testQueuePrefix();
    app = await bootService(testModule(url, prefix), { name: 'bus-test' });
    db = app.get(DataSource);
    await db.query(
      'CREATE TABLE handled (event_id uuid NOT NULL, n int NOT NULL, commit_mode text NOT NULL)',
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  beforeEach(async () => {
    await db.query('TRUNCATE handled, inbox, outbox');
  });

  it('delivers an event published in a committed transaction exactly once', async () => {
    await publish(1);
    await eventually(async () => (await handled()).length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await handled()).toEqual([1]);
    const [row] = await db.query('SELECT relayed_at FROM outbox');
    expect(row.relayed_at).not.toBeNull();
  });

  it('runs push-only handlers outside a transaction and without an inbox row; mirroring ones with asynchronous commit', async () => {
    ModeHandlers.seen = [];
    await db.transaction(async (tx) => {
      await app.get(Outbox).publish(tx, Seen, { n: 7 });
      await app.get(Outbox).publish(tx, Mirrored, { n: 8 });
    });
    await publish(9);
    await eventually(async () => ModeHandlers.seen.length === 1 && (await handled()).length === 2);
    expect(ModeHandlers.seen).toEqual([{ n: 7, inTransaction: false }]);
    expect(ModeHandlers.publishRefused).toMatch(/asyncCommit/);
    const rows = await db.query('SELECT n, commit_mode FROM handled ORDER BY n');
    expect(rows).toEqual([
      { n: 8, commit_mode: 'off' },
      { n: 9, commit_mode: 'on' },
    ]);
    const inbox = await db.query('SELECT event_name FROM inbox ORDER BY event_name');
    expect(inbox.map((r: { event_name: string }) => r.event_name)).toEqual([
      'test.mirrored.v1',
      'test.ping.v1',
    ]);
  });

  it('prunes relayed outbox rows after a week and inbox ids after a month, and nothing younger', async () => {
    await publish(4);
    await eventually(async () => (await handled()).includes(4));
    // An old relayed row, an old row not relayed yet (must stay), and inbox ids of two ages.
    await db.query(`
      INSERT INTO outbox (id, event_name, event_version, destinations, payload, occurred_at, relayed_at) VALUES
        (gen_random_uuid(), 'test.ping', 1, '{}', '{}', now() - interval '8 days', now() - interval '8 days')`);
    await db.query(`
      INSERT INTO inbox (event_id, event_name, handled_at) VALUES
        (gen_random_uuid(), 'test.ping', now() - interval '31 days'),
        (gen_random_uuid(), 'test.ping', now() - interval '29 days')`);
    expect(await app.get(OutboxRelay).prune()).toEqual({ outbox: 1, inbox: 1 });
    expect(Number((await db.query('SELECT count(*) AS c FROM outbox'))[0].c)).toBe(1);
    expect(Number((await db.query('SELECT count(*) AS c FROM inbox'))[0].c)).toBe(2);
  });

  it('keeps relaying after its database connection is killed', async () => {
    const killed = await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'outbox-relay' AND datname = current_database()`,
    );
    expect(killed.length).toBeGreaterThan(0);
    await publish(5);
    await eventually(async () => (await handled()).includes(5), 15_000);
    expect(await handled()).toEqual([5]);
  });

  it('recovers when a claim fails inside its transaction', async () => {
    await db.query('ALTER TABLE outbox RENAME TO outbox_away');
    try {
      await expect(app.get(OutboxRelay).drain()).rejects.toThrow(/outbox/);
    } finally {
      await db.query('ALTER TABLE outbox_away RENAME TO outbox');
    }
    await publish(6);
    await eventually(async () => (await handled()).includes(6));
    expect(await handled()).toEqual([6]);
  });

  it('never sends an event whose transaction rolled back', async () => {
    await publish(2, false);
    await publish(3);
    await eventually(async () => (await handled()).includes(3));
    await new Promise((r) => setTimeout(r, 300));
    expect(await handled()).toEqual([3]);
    expect(Number((await db.query('SELECT count(*) AS c FROM outbox'))[0].c)).toBe(1);
  });

  it('loses nothing and doubles nothing when the relay dies after enqueueing, before marking', async () => {
    const relay = app.get(OutboxRelay);
    let crashes = 1;
    relay.hooks.afterEnqueue = () => {
      if (crashes-- > 0) throw new Error('relay killed');
    };
    try {
      await publish(4);
      await eventually(async () => (await handled()).includes(4));
      // The row was re-relayed after the crash; give a duplicate every chance to show up.
      await eventually(async () => (await db.query('SELECT relayed_at FROM outbox'))[0].relayed_at !== null);
      await new Promise((r) => setTimeout(r, 300));
      expect(crashes).toBeLessThan(0);
      expect(await handled()).toEqual([4]);
    } finally {
      relay.hooks = {};
    }
  });

  it('retries a handler that throws once, and its first attempt leaves no trace', async () => {
    PingHandler.failures.set(5, 1);
    await publish(5);
    await eventually(async () => (await handled()).includes(5), 15_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await handled()).toEqual([5]);
  });

  it('ignores a second delivery of the same event (BullMQ is at-least-once)', async () => {
    await publish(6);
    await eventually(async () => (await handled()).includes(6));
    const [row] = await db.query('SELECT id, occurred_at FROM outbox');
    // Redeliver the very same event under another job id, as a stalled-job recovery would.
    const queue = new Queue(queueOf('dispatch'), { connection: { url: REDIS_URL }, prefix: `{${prefix}}` });
    const data: BusEvent<{ n: number }> = {
      id: row.id,
      name: Ping.name,
      version: 1,
      occurredAt: row.occurred_at,
      payload: { n: 6 },
    };
    const job: Job = await queue.add(eventKey(Ping), data, jobOptions(`${row.id}-again`, 1));
    await eventually(async () => (await job.getState()) === 'completed');
    await queue.close();
    expect(await handled()).toEqual([6]);
  });

  it('keeps an event that exhausted its retries visible to admins, who can replay it', async () => {
    PingHandler.failures.set(7, 3);
    await publish(7);
    const admin = `Bearer ${tokenFor('admin')}`;
    const listed = await eventually(async () => {
      const res = await request(app.getHttpServer())
        .get('/admin/bus/failed')
        .set('Authorization', admin)
        .expect(200);
      return (res.body as { jobId: string; event: string; attemptsMade: number; queue: string }[]).find(
        (j) => j.event === 'test.ping.v1',
      );
    }, 30_000);
    expect(listed.attemptsMade).toBe(3);
    expect(await handled()).toEqual([]);
    await request(app.getHttpServer())
      .get('/admin/bus/failed')
      .set('Authorization', `Bearer ${tokenFor('dispatcher', { wachtpostId: 'wp-x' })}`)
      .expect(403);
    await request(app.getHttpServer()).get('/admin/bus/failed').expect(401);
    await request(app.getHttpServer())
      .post(`/admin/bus/failed/${listed.queue}/${listed.jobId}/replay`)
      .set('Authorization', admin)
      .expect(201);
    await eventually(async () => (await handled()).includes(7));
    expect(await handled()).toEqual([7]);
    await request(app.getHttpServer())
      .post(`/admin/bus/failed/${listed.queue}/${listed.jobId}/replay`)
      .set('Authorization', admin)
      .expect(404);
  });

  it('delivers each event once with two relays (two instances) draining the same outbox', async () => {
    const second = await bootService(testModule(url, prefix), { name: 'bus-test-2' });
    try {
      const N = 400;
      await db.transaction(async (tx) => {
        for (let n = 100; n < 100 + N; n++) await app.get(Outbox).publish(tx, Ping, { n });
      });
      await Promise.all([app.get(OutboxRelay).drain(), second.get(OutboxRelay).drain()]);
      await eventually(async () => (await handled()).length >= N, 20_000);
      await new Promise((r) => setTimeout(r, 500));
      const seen = await handled();
      expect(seen.length).toBe(N);
      expect(new Set(seen).size).toBe(N);
    } finally {
      await second.close();
    }
  });
});
