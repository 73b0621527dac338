import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { ALL_EVENTS, BusEvent, EventDefinition, eventKey, queueOf } from '@permanentie/contracts';
import { BUS_OPTIONS, BusOptions } from './bus.options';
import { HANDLES_EVENT } from './handles-event';
import { RedisConnection, workerConnection } from './redis';

type Handler = (event: BusEvent<unknown>, tx: EntityManager) => Promise<void>;

/**
 * Runs the service's queue. Each job: inbox insert + handlers in one transaction; a job whose
 * id is already in the inbox is acknowledged without effect (BullMQ is at-least-once).
 */
@Injectable()
export class BusConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('BusConsumer');
  private readonly handlers = new Map<string, Handler[]>();
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
    if (this.handlers.size === 0) return;
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
        const def = this.reflector.get<EventDefinition<unknown> | undefined>(HANDLES_EVENT, fn);
        if (!def) continue;
        if (!def.consumers.includes(this.options.service)) {
          throw new Error(
            `${wrapper.name}.${method} handles ${def.name}, which is not routed to ${this.options.service}`,
          );
        }
        const key = eventKey(def);
        this.handlers.set(key, [...(this.handlers.get(key) ?? []), fn.bind(instance)]);
      }
    }
  }

  /** Every event routed to this service must have a handler here, or it would pile up unseen. */
  private checkRouting(): void {
    const missing = ALL_EVENTS.filter(
      (def) => def.consumers.includes(this.options.service) && !this.handlers.has(eventKey(def)),
    ).map((d) => d.name);
    if (missing.length > 0 && this.options.requireAllHandlers) {
      throw new Error(`${this.options.service} receives events it has no handler for: ${missing.join(', ')}`);
    }
  }

  private async process(job: Job<BusEvent<unknown>>): Promise<void> {
    const handlers = this.handlers.get(job.name);
    if (!handlers) throw new Error(`no handler for ${job.name}`);
    await this.dataSource.transaction(async (tx) => {
      const fresh: unknown[] = await tx.query(
        `INSERT INTO inbox (event_id, event_name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [job.data.id, job.name],
      );
      if (fresh.length === 0) return; // already handled: a redelivery
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
