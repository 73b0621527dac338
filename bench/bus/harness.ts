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
 * its own schema `benchbus`, one event type, and a handler that writes a row per delivery in the
 * handler's transaction (no unique key, so a duplicate would show).
 */
export const BenchPing = defineEvent<{ seq: number; sentAt: number }>('bench.ping', 1, ['dispatch']);

export type Observer = (seq: number, latencyMs: number) => void;

@Injectable()
export class BenchHandler {
  static observe: Observer = () => undefined;

  @HandlesEvent(BenchPing)
  async onPing(event: BusEvent<{ seq: number; sentAt: number }>, tx: EntityManager): Promise<void> {
    await tx.query('INSERT INTO handled (event_id, seq) VALUES ($1, $2)', [event.id, event.payload.seq]);
    BenchHandler.observe(event.payload.seq, Date.now() - event.payload.sentAt);
  }
}

class BenchSchema1764000000001 implements MigrationInterface {
  name = 'BenchSchema1764000000001';
  async up(q: QueryRunner): Promise<void> {
    await createBusTables(q);
    await q.query('CREATE TABLE handled (event_id uuid NOT NULL, seq int NOT NULL)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE handled');
  }
}

@Module({ providers: [BenchHandler] })
class BenchModule {}

export function benchModule(databaseUrl: string, queuePrefix: string): DynamicModule {
  return {
    module: BenchModule,
    imports: [
      ConfigModule.forService(ServiceConfig, {
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: queuePrefix,
        BUS_CONCURRENCY: 32,
      }),
      PlatformModule,
      PersistenceModule.forService({
        schema: 'benchbus',
        entities: [],
        migrations: [BenchSchema1764000000001],
      }),
      BusModule.forService('dispatch'),
    ],
  };
}

export async function startBench(databaseUrl: string, queuePrefix: string) {
  const app = await NestFactory.createApplicationContext(benchModule(databaseUrl, queuePrefix), {
    logger: ['error', 'warn'],
  });
  await app.init();
  return app;
}
