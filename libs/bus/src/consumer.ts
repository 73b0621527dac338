import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { ALL_EVENTS, BusEvent, eventKey, queueOf } from '@permanentie/contracts';
import { BUS_OPTIONS, BusOptions } from './bus.options';
import { ASYNC_COMMIT, HANDLES_EVENT, HandlerMeta } from './handles-event';
import { RedisConnection, workerConnection } from './redis';

type Handler = (event: BusEvent<unknown>, tx: EntityManager) => Promise<void>;
/**
 * The handlers of one event: pushOnly when none of them writes (no transaction, no inbox row),
 * asyncCommit when all of them only mirror another service's state.
 */
interface Route {
  handlers: Handler[];
  pushOnly: boolean;
  asyncCommit: boolean;
}

const INBOX = `INSERT INTO inbox (event_id, event_name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`;
/** The same, switching the transaction to asynchronous commit in the same round trip. */
const INBOX_ASYNC_COMMIT = `INSERT INTO inbox (event_id, event_name)
  SELECT $1::uuid, $2::text WHERE set_config('synchronous_commit', 'off', true) = 'off'
  ON CONFLICT DO NOTHING RETURNING event_id`;

/**
 * Runs the service's queue. Each job: inbox insert + handlers in one transaction; a job whose
 * id is already in the inbox is acknowledged without effect (BullMQ is at-least-once). An event
 * whose handlers are all push-only runs without a transaction: there is no write to guard.
 */
@Injectable()
export class BusConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('BusConsumer');
  private readonly routes = new Map<string, Route>();
  private worker?: Worker;
  private connection?: RedisConnection;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.discover();
    this.checkRouting();
    if (this.routes.size === 0) return;
    this.connection = workerConnection(this.options);
    this.worker = new Worker(
      queueOf(this.options.service),
      (job: Job<BusEvent<unknown>>) => this.process(job),
      {
        connection: this.connection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency,
        // A dead instance's jobs come back within ~15 s (lock expiry + one stalled check), not
        // BullMQ's default of up to a minute: an event can be an offer a GP is waiting for.
        lockDuration: 10_000,
        stalledInterval: 5_000,
        maxStalledCount: 2,
      },
    );
    this.worker.on('error', (e) => this.logger.warn(`worker: ${e.message}`));
    this.worker.on('failed', (job, e) => {
      const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger.warn(`${job?.name ?? '?'} ${job?.id ?? '?'} failed${final ? ' for good' : ''}: ${e.name}`);
    });
  }

  private discover(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const fn = instance[method] as Handler;
        const meta = this.reflector.get<HandlerMeta | undefined>(HANDLES_EVENT, fn);
        if (!meta) continue;
        const { def } = meta;
        if (!def.consumers.includes(this.options.service)) {
          throw new Error(
            `${wrapper.name}.${method} handles ${def.name}, which is not routed to ${this.options.service}`,
          );
        }
        const key = eventKey(def);
        const route = this.routes.get(key) ?? { handlers: [], pushOnly: true, asyncCommit: true };
        route.handlers.push(fn.bind(instance));
        route.pushOnly &&= meta.pushOnly;
        route.asyncCommit &&= meta.asyncCommit;
        this.routes.set(key, route);
      }
    }
  }

  /** Every event routed to this service must have a handler here, or it would pile up unseen. */
  private checkRouting(): void {
    const missing = ALL_EVENTS.filter(
      (def) => def.consumers.includes(this.options.service) && !this.routes.has(eventKey(def)),
    ).map((d) => d.name);
    if (missing.length > 0 && this.options.requireAllHandlers) {
      throw new Error(`${this.options.service} receives events it has no handler for: ${missing.join(', ')}`);
    }
  }

  private async process(job: Job<BusEvent<unknown>>): Promise<void> {
    const route = this.routes.get(job.name);
    if (!route) throw new Error(`no handler for ${job.name}`);
    const { handlers } = route;
    if (route.pushOnly) {
      for (const handle of handlers) await handle(job.data, this.dataSource.manager);
      return;
    }
    await this.dataSource.transaction(async (tx) => {
      const fresh: unknown[] = await tx.query(route.asyncCommit ? INBOX_ASYNC_COMMIT : INBOX, [
        job.data.id,
        job.name,
      ]);
      if (fresh.length === 0) return; // already handled: a redelivery
      if (route.asyncCommit && tx.queryRunner) tx.queryRunner.data[ASYNC_COMMIT] = true;
      for (const handle of handlers) await handle(job.data, tx);
    });
  }

  /** Stops taking jobs and waits for the ones in flight (called by BusShutdown, before the database closes). */
  async stop(): Promise<void> {
    await this.worker?.close();
    this.connection?.disconnect();
    this.worker = undefined;
    this.connection = undefined;
  }
}
