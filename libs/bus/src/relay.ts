import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { eventKey, ServiceName } from '@permanentie/contracts';
import { SERVICE_CONFIG, ServiceConfig } from '@permanentie/config';
import { BUS_OPTIONS, BusOptions, jobOptions } from './bus.options';
import { outboxChannel } from './outbox';
import { BusQueues } from './queues';
import { whenReady } from './redis';

interface OutboxRow {
  id: string;
  event_name: string;
  event_version: number;
  destinations: ServiceName[];
  payload: unknown;
  occurred_at: Date;
}

/** Test hook: lets a test kill the relay between enqueueing and marking rows. */
export interface RelayHooks {
  afterEnqueue?: () => void | Promise<void>;
}

const BATCH = 500;
/** Relayed outbox rows are kept a week (to trace an event), inbox ids a month (longer than any redelivery or replay). */
const KEEP_OUTBOX = '7 days';
const KEEP_INBOX = '30 days';
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Moves committed outbox rows to BullMQ. Woken by NOTIFY at commit, with a slow poll as a net.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of relays can run; a relay that
 * dies after enqueueing re-sends the rows, which BullMQ (same jobId) and the inbox both absorb.
 * The relay has its own connection (also the LISTEN one), so a batch costs two round trips:
 * claim (in the opened transaction) and COMMIT once BullMQ took the jobs.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger('OutboxRelay');
  private client?: Client;
  private poll?: NodeJS.Timeout;
  private pruning?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  /** Drains run one after another: they share one connection and its transaction. */
  private queue: Promise<unknown> = Promise.resolve();
  hooks: RelayHooks = {};

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: BusQueues,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await whenReady(this.queues.redis);
    await this.connect();
    this.poll = setInterval(() => this.wake(), this.options.relayPollMs);
    this.pruning = setInterval(
      () => void this.prune().catch((e: Error) => this.logger.warn(`prune: ${e.message}`)),
      PRUNE_EVERY_MS,
    );
    this.pruning.unref();
    this.wake();
  }

  private get schema(): string {
    return (this.dataSource.options as { schema?: string }).schema ?? 'public';
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'outbox-relay',
    });
    client.on('notification', () => this.wake());
    let lost = false;
    // 'error' comes when the connection dies idle, 'end' when it dies under a query: either way,
    // reconnect once.
    const onLost = (reason: string) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(`relay connection lost (${reason}); reconnecting`);
      setTimeout(() => this.reconnect(), 1000);
    };
    client.on('error', (e) => onLost(e.message));
    client.on('end', () => onLost('closed'));
    await client.connect();
    // Losing a mark in a database crash only means re-sending rows, which the jobId and the inbox
    // absorb; so the relay's commits need not wait for the WAL flush.
    await client.query(`SET synchronous_commit = off; LISTEN "${outboxChannel(this.schema)}"`);
    if (this.stopped) {
      await client.end(); // a reconnect that finished after stop()
      return;
    }
    this.client = client;
  }

  private reconnect(): void {
    this.connect()
      .then(() => this.wake())
      .catch((e: Error) => {
        this.logger.warn(`relay reconnect failed (${e.message})`);
        if (!this.stopped) setTimeout(() => this.reconnect(), 1000);
      });
  }

  /** Start a drain now, or once more right after the running one. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((e: Error) => this.logger.warn(`relay: ${e.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Relays everything pending; returns how many rows went out. */
  drain(): Promise<number> {
    const run = this.queue.then(async () => {
      let total = 0;
      for (;;) {
        const sent = await this.relayBatch();
        total += sent;
        if (sent < BATCH) return total;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Claims and marks a batch in one statement; the mark only commits after BullMQ took the jobs,
   * so a failure or crash in between leaves the rows pending for the next drain.
   */
  private async relayBatch(): Promise<number> {
    const client = this.client;
    if (!client) return 0; // reconnecting; the reconnect wakes us
    try {
      const claimed = (await client.query(
        `BEGIN;
         UPDATE "${this.schema}".outbox SET relayed_at = now() WHERE seq IN (
           SELECT seq FROM "${this.schema}".outbox WHERE relayed_at IS NULL ORDER BY seq LIMIT ${BATCH}
           FOR UPDATE SKIP LOCKED)
         RETURNING id, event_name, event_version, destinations, payload, occurred_at`,
      )) as unknown as [unknown, { rows: OutboxRow[] }];
      const rows = claimed[1].rows;
      if (rows.length > 0) {
        await this.enqueue(rows);
        await this.hooks.afterEnqueue?.();
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (e) {
      // Also when the claim itself failed after BEGIN: never leave the connection in a transaction.
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  private async enqueue(rows: OutboxRow[]): Promise<void> {
    const byDestination = new Map<ServiceName, OutboxRow[]>();
    for (const row of rows) {
      for (const d of row.destinations) byDestination.set(d, [...(byDestination.get(d) ?? []), row]);
    }
    await Promise.all(
      [...byDestination].map(([dest, list]) =>
        this.queues.of(dest).addBulk(
          list.map((r) => ({
            name: eventKey({ name: r.event_name, version: r.event_version }),
            data: {
              id: r.id,
              name: r.event_name,
              version: r.event_version,
              occurredAt: new Date(r.occurred_at).toISOString(),
              payload: r.payload,
            },
            opts: jobOptions(r.id, this.options.attempts),
          })),
        ),
      ),
    );
  }

  /** Deletes what is past its keep time; returns the rows deleted from outbox and inbox. */
  prune(): Promise<{ outbox: number; inbox: number }> {
    const run = this.queue.then(async () => {
      const client = this.client;
      if (!client) return { outbox: 0, inbox: 0 };
      const outbox = await client.query(
        `DELETE FROM "${this.schema}".outbox WHERE relayed_at < now() - interval '${KEEP_OUTBOX}'`,
      );
      const inbox = await client.query(
        `DELETE FROM "${this.schema}".inbox WHERE handled_at < now() - interval '${KEEP_INBOX}'`,
      );
      return { outbox: outbox.rowCount ?? 0, inbox: inbox.rowCount ?? 0 };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Stops polling and listening, after one last drain for the rows the last handlers committed
   * (called by BusShutdown, once the consumer stopped and before the database closes).
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.pruning) clearInterval(this.pruning);
    await this.running;
    await this.drain().catch((e: Error) => this.logger.warn(`relay: last drain: ${e.message}`));
    await this.client?.end().catch(() => undefined);
  }
}
