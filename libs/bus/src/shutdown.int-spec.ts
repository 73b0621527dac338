import { INestApplication, Injectable, Module } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { BusEvent, defineEvent } from '@permanentie/contracts';
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
} from '@permanentie/testing';
import { BusModule, HandlesEvent, Outbox } from './index';

const Slow = defineEvent<{ n: number }>('test.slow', 1, ['dispatch']);
const After = defineEvent<{ n: number }>('test.after', 1, ['triage']);

/** Takes 1.5 s before it writes and publishes, like a handler caught by a SIGTERM mid-job. */
@Injectable()
class SlowHandler {
  static started = false;

  constructor(private readonly outbox: Outbox) {}

  @HandlesEvent(Slow)
  async onSlow(event: BusEvent<{ n: number }>, tx: EntityManager): Promise<void> {
    SlowHandler.started = true;
    await new Promise((r) => setTimeout(r, 1500));
    await tx.query('INSERT INTO handled (event_id, n) VALUES ($1, $2)', [event.id, event.payload.n]);
    await this.outbox.publish(tx, After, event.payload);
  }
}

function testModule(url: string, prefix: string) {
  @Module({ providers: [SlowHandler] })
  class ShutdownTestModule {}
  return {
    module: ShutdownTestModule,
    imports: [
      ConfigModule.forService(ServiceConfig, {
        DATABASE_URL: url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        AUTH_TOKEN_SECRET: TEST_SECRET,
      }),
      PlatformModule,
      PersistenceModule.forService({ schema: 'dispatch', entities: [], migrations: [] }),
      BusModule.forService('dispatch', { requireAllHandlers: false }),
    ],
  };
}

describe('graceful shutdown of the bus', () => {
  it('lets a running handler commit, and relays what it published, before the database closes', async () => {
    const url = await cloneTestDatabase();
    const app: INestApplication = await bootService(testModule(url, testQueuePrefix()), { name: 'bus-stop' });
    const db = app.get(DataSource);
    await db.query('CREATE TABLE handled (event_id uuid NOT NULL, n int NOT NULL)');
    const id = await db.transaction((tx) => app.get(Outbox).publish(tx, Slow, { n: 1 }));
    await eventually(() => SlowHandler.started);

    await app.close(); // what SIGTERM does, while the handler is still sleeping

    const check = new Client({ connectionString: url });
    await check.connect();
    try {
      const handled = await check.query('SELECT event_id, n FROM dispatch.handled');
      const inbox = await check.query('SELECT event_id FROM dispatch.inbox');
      const outbox = await check.query(
        'SELECT event_name, relayed_at IS NOT NULL AS relayed FROM dispatch.outbox ORDER BY seq',
      );
      expect(handled.rows).toEqual([{ event_id: id, n: 1 }]);
      expect(inbox.rows).toEqual([{ event_id: id }]);
      expect(outbox.rows).toEqual([
        { event_name: 'test.slow', relayed: true },
        { event_name: 'test.after', relayed: true },
      ]);
    } finally {
      await check.end();
    }
  });
});
