/**
 * Worker-thread entry: solves one core problem off the caller's event loop and streams
 * improvements back, so the caller always holds the best roster so far.
 */
import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';
import { solveCore } from './solve-core';
import type { CoreProblem } from './roster-core';
import type { WorkerMessage, WorkerJob } from './run-in-worker';

async function main(): Promise<void> {
  const job = workerData as WorkerJob;
  const stopFlag = new Int32Array(job.stopFlag);
  const post = (message: WorkerMessage) => parentPort!.postMessage(message);
  try {
    const highs = await loadHighs();
    const problem: CoreProblem = job.problem;
    const result = solveCore(highs, problem, {
      timeLimitSeconds: job.timeLimitSeconds,
      seed: job.seed,
      shouldStop: () => Atomics.load(stopFlag, 0) === 1,
      onImprove: (roster, objective) => post({ type: 'improve', roster, objective }),
      onProgress: (phase, percent, objective) => post({ type: 'progress', phase, percent, objective }),
      log: job.verbose ? (line) => post({ type: 'log', line }) : undefined,
    });
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

void main();
