import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CoreProblem, CoreRoster } from './roster-core';
import type { CoreSolveResult } from './solve-core';

export interface WorkerJob {
  problem: CoreProblem;
  timeLimitSeconds: number;
  seed: number;
  verbose: boolean;
  /** Int32 flag: 1 asks the worker to stop and return its best roster. */
  stopFlag: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'improve'; roster: CoreRoster; objective: number }
  | {
      type: 'progress';
      phase: 'building' | 'solving' | 'improving';
      percent: number;
      objective: number | null;
    }
  | { type: 'log'; line: string }
  | { type: 'done'; result: CoreSolveResult }
  | { type: 'error'; message: string };

export interface WorkerSolveOptions {
  timeLimitSeconds: number;
  signal?: AbortSignal;
  seed?: number;
  onProgress?: (
    phase: 'building' | 'solving' | 'improving',
    percent: number,
    objective: number | null,
  ) => void;
  log?: (line: string) => void;
}

export interface WorkerSolveResult extends CoreSolveResult {
  cancelled: boolean;
}

/** Seconds past the time limit after which a silent worker is terminated and its last roster used. */
const GRACE_SECONDS = 20;

/**
 * Runs solveCore in a worker thread. Works from TypeScript sources (tests, ts-jest) and from
 * compiled JS in dist/: a .ts worker gets a tiny eval bootstrap that transpiles on require.
 */
export function solveInWorker(problem: CoreProblem, opts: WorkerSolveOptions): Promise<WorkerSolveResult> {
  const stopFlag = new SharedArrayBuffer(4);
  const job: WorkerJob = {
    problem,
    timeLimitSeconds: opts.timeLimitSeconds,
    seed: opts.seed ?? 1,
    verbose: opts.log !== undefined,
    stopFlag,
  };
  const started = performance.now();
  const worker = startWorker(job);
  let best: { roster: CoreRoster; objective: number } | null = null;
  const cancelled = () => opts.signal?.aborted ?? false;

  return new Promise<WorkerSolveResult>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const bestSoFar = (): WorkerSolveResult => ({
      roster: best?.roster ?? problem.employees.map((e) => [...e.fixed]),
      objective: best?.objective ?? Number.NaN,
      lowerBound: null,
      optimal: false,
      stopped: true,
      seconds: (performance.now() - started) / 1000,
      cancelled: cancelled(),
    });
    const onAbort = () => {
      Atomics.store(new Int32Array(stopFlag), 0, 1);
    };
    opts.signal?.addEventListener('abort', onAbort);
    if (cancelled()) onAbort();
    const watchdog = setTimeout(
      () => finish(() => resolve(bestSoFar())),
      (opts.timeLimitSeconds + GRACE_SECONDS) * 1000,
    );

    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'improve') best = { roster: message.roster, objective: message.objective };
      else if (message.type === 'progress')
        opts.onProgress?.(message.phase, message.percent, message.objective);
      else if (message.type === 'log') opts.log?.(message.line);
      else if (message.type === 'done') finish(() => resolve({ ...message.result, cancelled: cancelled() }));
      else finish(() => reject(new Error(`solver worker failed: ${message.message}`)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`solver worker exited early with code ${code}`))),
    );
  });
}

function startWorker(job: WorkerJob): Worker {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `solve-worker${extension}`);
  if (extension === '.js') return new Worker(entry, { workerData: job });
  const bootstrap = `
    const fs = require('fs');
    const ts = require(${JSON.stringify(require.resolve('typescript'))});
    require.extensions['.ts'] = (module, filename) => {
      const source = fs.readFileSync(filename, 'utf8');
      const output = ts.transpileModule(source, {
        fileName: filename,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      }).outputText;
      module._compile(output, filename);
    };
    require(${JSON.stringify(entry)});
  `;
  return new Worker(bootstrap, { eval: true, workerData: job });
}
