import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import {
  BUS_OPTIONS,
  BusOptions,
  BusQueues,
  Outbox,
  RedisConnection,
  workerConnection,
} from '@permanentie/bus';
import { SolveProgress } from '@permanentie/contracts';
import { CLOCK, Clock } from '@permanentie/domain';
import { Assignment } from '../rosters/roster.entity';
import { applyChange, loadProblem, lockRoster, newAssignment } from '../rosters/roster.store';
import { solveKring } from '../solver';
import { ACTIVE_PHASES, SolvePhase, SolveRun } from './solve-run.entity';

export const SOLVE_QUEUE = 'roster-solve';
/** At most this many progress events per second per run. */
const PROGRESS_EVERY_MS = 500;
const CANCEL_POLL_MS = 500;

/**
 * Solving is long work: a run is a row in solve_run (its state, for every instance) and a job on
 * the service's internal BullMQ queue, so exactly one instance works on it. The solver itself runs
 * in a worker thread (solveKring), so the event loop stays free; progress goes out as throttled
 * SolveProgress events; cancel sets a flag in the row, which the working instance polls.
 */
@Injectable()
export class SolveService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Solve');
  private queue: Queue;
  private worker?: Worker;
  private connection?: RedisConnection;
  private readonly running = new Map<string, AbortController>();
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly queues: BusQueues,
    @Inject(BUS_OPTIONS) private readonly options: BusOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.queue = new Queue(SOLVE_QUEUE, { connection: this.queues.redis, prefix: this.options.prefix });
    this.queue.on('error', () => undefined);
    this.connection = workerConnection(this.options);
    this.worker = new Worker(SOLVE_QUEUE, (job: Job<{ runId: string }>) => this.run(job.data.runId), {
      connection: this.connection,
      prefix: this.options.prefix,
      concurrency: 1,
      lockDuration: 60_000,
    });
    this.worker.on('error', (e) => this.logger.warn(`worker: ${e.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const c of this.running.values()) c.abort();
    await this.worker?.close();
    await this.queue?.close();
    this.connection?.disconnect();
  }

  private async progress(
    tx: EntityManager,
    run: SolveRun,
    phase: SolvePhase,
    percent: number,
    objective: number | null,
  ): Promise<void> {
    await tx.update(SolveRun, run.id, { status: phase, percent, objective });
    await this.outbox.publish(tx, SolveProgress, {
      runId: run.id,
      rosterId: run.rosterId,
      kringId: run.kringId,
      phase,
      percent,
      objective,
    });
  }

  /** Starts a run for a draft roster; one active run per roster (409 otherwise). */
  async request(rosterId: string, timeLimitS: number): Promise<SolveRun> {
    const run = await this.db.transaction(async (tx) => {
      const roster = await lockRoster(tx, rosterId);
      if (roster.status !== 'draft')
        throw new ConflictException('Alleen een ontwerp-rol kan opgelost worden');
      const active = await tx.findOneBy(SolveRun, { rosterId, status: In([...ACTIVE_PHASES]) });
      if (active) throw new ConflictException(`De solver loopt al (${active.id})`);
      const run = Object.assign(new SolveRun(), {
        id: randomUUID(),
        rosterId,
        kringId: roster.kringId,
        status: 'queued',
        percent: 0,
        objective: null,
        timeLimitS,
        cancelRequested: false,
        result: null,
        createdAt: this.clock.now().toJSDate(),
        finishedAt: null,
      });
      await tx.insert(SolveRun, run);
      await this.progress(tx, run, 'queued', 0, null);
      return run;
    });
    await this.queue.add(
      'solve',
      { runId: run.id },
      { jobId: run.id, attempts: 2, removeOnComplete: { age: 3600 }, removeOnFail: { age: 7 * 86400 } },
    );
    return run;
  }

  /** Cancel: a queued run stops at once; a running one when its instance sees the flag. */
  async cancel(runId: string): Promise<SolveRun> {
    return this.db.transaction(async (tx) => {
      const run = await tx.findOne(SolveRun, { where: { id: runId }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw new NotFoundException('Solver-run niet gevonden');
      if (!(ACTIVE_PHASES as readonly string[]).includes(run.status)) return run;
      run.cancelRequested = true;
      await tx.update(SolveRun, run.id, { cancelRequested: true });
      if (run.status === 'queued') {
        await this.progress(tx, run, 'cancelled', run.percent, run.objective);
        await tx.update(SolveRun, run.id, { finishedAt: this.clock.now().toJSDate() });
        run.status = 'cancelled';
      }
      this.running.get(runId)?.abort();
      return run;
    });
  }

  private async run(runId: string): Promise<void> {
    const run = await this.db.getRepository(SolveRun).findOneBy({ id: runId });
    if (!run || !(ACTIVE_PHASES as readonly string[]).includes(run.status)) return;
    const abort = new AbortController();
    this.running.set(runId, abort);
    const poll = setInterval(() => {
      this.db
        .getRepository(SolveRun)
        .findOneBy({ id: runId })
        .then((r) => r?.cancelRequested && abort.abort())
        .catch(() => undefined);
    }, CANCEL_POLL_MS);
    try {
      const problem = await this.db.transaction(async (tx) => {
        await this.progress(tx, run, 'building', 0, null);
        return loadProblem(tx, await lockRoster(tx, run.rosterId));
      });
      let last = 0;
      let lastPhase = 'building';
      let pending = Promise.resolve();
      const solution = await solveKring(problem, {
        timeLimitSeconds: run.timeLimitS,
        signal: abort.signal,
        onProgress: (p) => {
          const now = performance.now(); // rate limiting, not domain time
          if (p.phase === 'done' || (p.phase === lastPhase && now - last < PROGRESS_EVERY_MS)) return;
          last = now;
          lastPhase = p.phase;
          pending = pending
            .then(() =>
              this.db.transaction((tx) =>
                this.progress(tx, run, p.phase as SolvePhase, Math.round(p.percent), p.objective),
              ),
            )
            .catch(() => undefined);
        },
      });
      await pending;
      await this.db.transaction(async (tx) => {
        const roster = await lockRoster(tx, run.rosterId);
        const fresh = await tx.findOneByOrFail(SolveRun, { id: runId });
        const cancelled = solution.status === 'cancelled' || fresh.cancelRequested || this.stopping;
        const result = {
          status: solution.status,
          uncovered: solution.uncovered,
          assigned: solution.assignments.length,
          solveSeconds: solution.solveSeconds,
          lowerBound: solution.lowerBound,
        };
        if (cancelled || roster.status !== 'draft') {
          const phase = cancelled ? 'cancelled' : 'failed';
          await tx.update(SolveRun, runId, {
            result: { ...result, error: cancelled ? undefined : 'roster_published' },
            finishedAt: this.clock.now().toJSDate(),
          });
          await this.progress(tx, run, phase, fresh.percent, fresh.objective);
          return;
        }
        // Locked assignments stay; the rest is replaced by the solution.
        const old = await tx.findBy(Assignment, { rosterId: roster.id, locked: Not(true) });
        const locked = new Set(problem.locked.map((a) => `${a.shiftId}|${a.role}|${a.gpId}`));
        const add = solution.assignments
          .filter((a) => !locked.has(`${a.shiftId}|${a.role}|${a.gpId}`))
          .map((a) => newAssignment(roster.id, a, false));
        await applyChange(tx, this.outbox, roster, old, add);
        await tx.update(SolveRun, runId, { result, finishedAt: this.clock.now().toJSDate() });
        await this.progress(tx, run, 'done', 100, solution.objective);
      });
    } catch (e) {
      this.logger.error(`run ${runId} failed: ${(e as Error).message}`);
      await this.db.transaction(async (tx) => {
        await tx.update(SolveRun, runId, {
          result: {
            status: 'failed',
            uncovered: [],
            assigned: 0,
            solveSeconds: 0,
            lowerBound: null,
            error: 'solver_error',
          },
          finishedAt: this.clock.now().toJSDate(),
        });
        await this.progress(tx, run, 'failed', run.percent, null);
      });
    } finally {
      clearInterval(poll);
      this.running.delete(runId);
    }
  }
}
