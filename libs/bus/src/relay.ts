import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { eventKey, ServiceName } from '@permanentie/contracts';
import { SERVICE_CONFIG, ServiceConfig } from '@permanentie/config';
import { BUS_OPTIONS, BusOptions, jobOptions } from './bus.options';
import { OUTBOX_CHANNEL } from './outbox';
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

/**
 * Moves committed outbox rows to BullMQ. Woken by NOTIFY at commit, with a slow poll as a net.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so any number of relays can run; a relay that
 * dies after enqueueing re-sends the rows, which BullMQ (same jobId) and the inbox both absorb.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private listener?: Client;
  private poll?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  hooks: RelayHooks = {};

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: BusQueues,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await whenReady(this.queues.redis);
    await this.listen();
    this.poll = setInterval(() => this.wake(), this.options.relayPollMs);
    this.wake();
  }

  private get schema(): string {
    return (this.dataSource.options as { schema?: string }).schema ?? 'public';
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (msg) => {
      if (msg.payload === this.schema) this.wake();
    });
    client.on('error', (e) => {
      this.logger.warn(`listener lost (${e.message}); polling until it is back`);
      this.listener = undefined;
      if (!this.stopped) setTimeout(() => this.listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
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
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.relayBatch();
      total += sent;
      if (sent < BATCH) return total;
    }
  }

  /**
   * Claims and marks a batch in one statement; the mark only commits after BullMQ took the jobs,
   * so a failure or crash in between leaves the rows pending for the next drain.
   */
  private async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      // Losing this commit in a database crash only means re-sending rows, which the jobId and the
      // inbox absorb; so the mark need not wait for the WAL flush.
      await tx.query('SET LOCAL synchronous_commit = off');
      const [rows]: [OutboxRow[], number] = await tx.query(
        `UPDATE outbox SET relayed_at = now() WHERE seq IN (
           SELECT seq FROM outbox WHERE relayed_at IS NULL ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING id, event_name, event_version, destinations, payload, occurred_at`,
      );
      if (rows.length === 0) return 0;
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
      await this.hooks.afterEnqueue?.();
      return rows.length;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }
}
