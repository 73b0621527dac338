import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { SlaBreached, SlaWarning } from '@permanentie/contracts';
import { BUS_OPTIONS, BusOptions, Outbox, RedisConnection, workerConnection } from '@permanentie/bus';
import { CLOCK, Clock } from '@permanentie/domain';
import { CaseRouter } from '../assignment/case-router';
import { CaseRow, saveCase, toCase } from '../assignment/case.repository';
import { DispatchConfig } from '../dispatch.config';
import { TIMER_QUEUE, Timers } from './timers';

export interface CheckResult {
  expired: number;
  retried: number;
  warned: number;
  breached: number;
}

/**
 * Acts on everything that is due according to PostgreSQL: open offers past their expiry, cases
 * waiting for a retry, SLA warnings (75%) and breaches (100%). Woken by delayed timer jobs, by a
 * periodic sweep and once at boot; rows are claimed FOR UPDATE SKIP LOCKED, one case per
 * transaction, so any number of instances can check side by side.
 */
@Injectable()
export class DueChecker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DueChecker');
  private worker?: Worker;
  private connection?: RedisConnection;
  private sweep?: NodeJS.Timeout;
  private running?: Promise<CheckResult>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly router: CaseRouter,
    private readonly timers: Timers,
    private readonly config: DispatchConfig,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Boot sweep: whatever expired or fell due while no instance was running is handled now.
    await this.runDue();
    this.worker = new Worker(TIMER_QUEUE, async () => void (await this.runDue()), {
      connection: (this.connection = workerConnection(this.options)),
      prefix: this.options.prefix,
      concurrency: 1,
    });
    this.worker.on('error', (e) => this.logger.warn(`timer worker: ${e.message}`));
    this.sweep = setInterval(() => this.wake(), this.config.DISPATCH_SWEEP_MS);
  }

  /** Run a check now, or once more right after the running one. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runDue().catch((e: Error) => this.logger.warn(`check failed: ${e.message}`));
  }

  /** Handles everything due now (by the injected clock). Tests call this after moving the clock. */
  async runDue(): Promise<CheckResult> {
    if (this.running) {
      this.again = true;
      await this.running.catch(() => undefined);
    }
    this.running = this.checkAll();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        setImmediate(() => this.wake());
      }
    }
  }

  private async checkAll(): Promise<CheckResult> {
    const result: CheckResult = { expired: 0, retried: 0, warned: 0, breached: 0 };
    result.expired = await this.each(
      `SELECT c.* FROM dispatch_case c WHERE c.status = 'offered' AND c.case_id IN (
         SELECT o.case_id FROM offer o WHERE o.status = 'open' AND o.expires_at <= $1 ORDER BY o.expires_at LIMIT 50)
       LIMIT 1 FOR UPDATE OF c SKIP LOCKED`,
      async (tx, c) => {
        const ended = await this.router.endLive(tx, c, 'expired', 'no_answer');
        if (ended) await this.router.route(tx, c);
      },
    );
    result.retried = await this.each(
      `SELECT * FROM dispatch_case WHERE status = 'waiting' AND retry_at <= $1
       ORDER BY urgency, due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      async (tx, c) => void (await this.router.route(tx, c)),
    );
    const slaStep = async (tx: EntityManager, c: CaseRow) => {
      const now = this.clock.now();
      const payload = {
        caseId: c.caseId,
        wachtpostId: c.wachtpostId,
        dueAt: c.dueAt.toISO()!,
        gpId: c.holderGpId,
      };
      if (c.slaState === 'running') {
        await this.outbox.publish(tx, SlaWarning, payload);
        result.warned++;
        c.slaState = 'warned';
        this.timers.wakeAt(c.dueAt);
      }
      if (c.slaState === 'warned' && c.dueAt <= now) {
        await this.outbox.publish(tx, SlaBreached, payload);
        result.breached++;
        c.slaState = 'done';
      }
      await saveCase(tx, c, now);
    };
    await this.each(
      `SELECT * FROM dispatch_case WHERE status IN ('waiting', 'offered', 'accepted')
         AND ((sla_state = 'running' AND warn_at <= $1) OR (sla_state = 'warned' AND due_at <= $1))
       ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      slaStep,
    );
    return result;
  }

  /** Claims one due case at a time (each in its own transaction) until none is left. */
  private async each(sql: string, act: (tx: EntityManager, c: CaseRow) => Promise<void>): Promise<number> {
    let n = 0;
    for (let guard = 0; guard < 10_000 && !this.stopped; guard++) {
      const done = await this.dataSource.transaction(async (tx) => {
        const [row] = await tx.query(sql, [this.clock.now().toISO()]);
        if (!row) return false;
        await act(tx, toCase(row));
        return true;
      });
      if (!done) break;
      n++;
    }
    return n;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweep) clearInterval(this.sweep);
    await this.worker?.close();
    this.connection?.disconnect();
    await this.running?.catch(() => undefined);
  }
}
