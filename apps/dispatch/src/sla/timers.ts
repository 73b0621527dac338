import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { BUS_OPTIONS, BusOptions, producerConnection, RedisConnection } from '@permanentie/bus';
import { CLOCK, Clock } from '@permanentie/domain';

export const TIMER_QUEUE = 'dispatch-timers';

/**
 * Every deadline in one slot of this length shares one wake-up, at the slot's end: the checker
 * handles whatever is due when it runs, so at 50 cases a second this is one delayed job per
 * slot instead of two per case, at most this much later than the deadline.
 */
export const WAKE_SLOT_MS = 250;

/**
 * Delayed BullMQ jobs that only wake the checker at a deadline. The deadline itself lives in
 * PostgreSQL; a lost timer is caught by the periodic sweep, so scheduling is fire-and-forget.
 */
@Injectable()
export class Timers implements OnApplicationShutdown {
  private readonly logger = new Logger('DispatchTimers');
  readonly queue: Queue;
  private readonly connection: RedisConnection;
  /** Slots this instance already scheduled (another instance's duplicate is absorbed by the jobId). */
  private readonly scheduled = new Set<number>();

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

  /** Wake the checker at `at`, or at once when it is past. */
  wakeAt(at: DateTime): void {
    const now = this.clock.now().toMillis();
    const past = at.toMillis() <= now;
    const slot = past ? now : Math.ceil(at.toMillis() / WAKE_SLOT_MS) * WAKE_SLOT_MS;
    if (!past) {
      if (this.scheduled.has(slot)) return;
      if (this.scheduled.size > 10_000) for (const s of this.scheduled) if (s < now) this.scheduled.delete(s);
      this.scheduled.add(slot);
    }
    this.queue
      .add(
        'wake',
        {},
        {
          delay: Math.max(0, slot - now),
          jobId: past ? undefined : `wake@${slot}`,
          removeOnComplete: true,
          removeOnFail: true,
        },
      )
      .catch((e: Error) => {
        this.scheduled.delete(slot);
        this.logger.warn(`wake-up not scheduled (${e.message}); the sweep will catch it`);
      });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
