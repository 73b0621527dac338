import 'reflect-metadata';
import { DynamicModule, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { BusEvent, defineEvent } from '@permanentie/contracts';
import { BusModule, createBusTables, HandlesEvent } from '@permanentie/bus';
import { ConfigModule, ServiceConfig } from '@permanentie/config';
import { PersistenceModule } from '@permanentie/persistence';
import { PlatformModule } from '@permanentie/platform';

/**
 * A minimal service around the real bus, for the bus benchmark and the kill-and-restart check:
 * its own schema, one event type, and a handler that writes a row per delivery in the handler's
 * transaction (no unique key, so a duplicate would show).
 */
export const BenchPing = defineEvent<{ seq: number; sentAt: number }>('bench.ping', 1, ['dispatch']);

@Injectable()
export class BenchHandler {
  @HandlesEvent(BenchPing)
  async onPing(event: BusEvent<{ seq: number; sentAt: number }>, tx: EntityManager): Promise<void> {
    await tx.query('INSERT INTO handled (event_id, seq, latency_ms) VALUES ($1, $2, $3)', [
      event.id,
      event.payload.seq,
      Date.now() - event.payload.sentAt,
    ]);
  }
}

class BenchSchema1764000000001 implements MigrationInterface {
  name = 'BenchSchema1764000000001';
  async up(q: QueryRunner): Promise<void> {
    await createBusTables(q);
    await q.query(
      'CREATE TABLE handled (event_id uuid NOT NULL, seq int NOT NULL, latency_ms int NOT NULL, handled_at timestamptz NOT NULL DEFAULT clock_timestamp())',
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE handled');
  }
}

@Module({})
class BenchModule {}

export interface BenchOptions {
  /** false: a pure producer (outbox + relay), as the publishing service would be. */
  consume: boolean;
  /** The service's own schema; a producer and a consumer in separate schemas are two services. */
  schema: string;
}

export function benchModule(databaseUrl: string, queuePrefix: string, opts: BenchOptions): DynamicModule {
  return {
    module: BenchModule,
    providers: opts.consume ? [BenchHandler] : [],
    imports: [
      ConfigModule.forService(ServiceConfig, {
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: queuePrefix,
        // The service default unless BENCH_CONCURRENCY says otherwise.
        ...(process.env.BENCH_CONCURRENCY ? { BUS_CONCURRENCY: Number(process.env.BENCH_CONCURRENCY) } : {}),
      }),
      PlatformModule,
      PersistenceModule.forService({
        schema: opts.schema,
        entities: [],
        migrations: [BenchSchema1764000000001],
      }),
      BusModule.forService('dispatch', { requireAllHandlers: false }),
    ],
  };
}

export async function startBench(databaseUrl: string, queuePrefix: string, opts: BenchOptions) {
  const app = await NestFactory.createApplicationContext(benchModule(databaseUrl, queuePrefix, opts), {
    logger: ['error', 'warn'],
  });
  await app.init();
  return app;
}
