import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { BUS_OPTIONS, BusOptions, producerConnection, RedisConnection } from '@permanentie/bus';
import { CLOCK, Clock } from '@permanentie/domain';

export const TIMER_QUEUE = 'dispatch-timers';

/**
 * Delayed BullMQ jobs that only wake the checker at a deadline. The deadline itself lives in
 * PostgreSQL; a lost timer is caught by the periodic sweep, so scheduling is fire-and-forget.
 */
@Injectable()
export class Timers implements OnApplicationShutdown {
  private readonly logger = new Logger('DispatchTimers');
  readonly queue: Queue;
  private readonly connection: RedisConnection;

  constructor(
    @Inject(BUS_OPTIONS) options: BusOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.queue = new Queue(TIMER_QUEUE, {
      connection: (this.connection = producerConnection(options)),
      prefix: options.prefix,
    });
    this.queue.on('error', () => undefined);
  }

  /** Wake the checker at `at` (immediately when it is past). */
  wakeAt(at: DateTime, key: string): void {
    const delay = Math.max(0, at.toMillis() - this.clock.now().toMillis());
    this.queue
      .add(
        'wake',
        { key },
        { delay, jobId: `${key}@${at.toMillis()}`, removeOnComplete: true, removeOnFail: true },
      )
      .catch((e: Error) =>
        this.logger.warn(`timer ${key} not scheduled (${e.message}); the sweep will catch it`),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
