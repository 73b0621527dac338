import { evaluateRoster, CoreViolation } from '../core/evaluate';
import { solveInWorker, WorkerSolveOptions } from '../core/run-in-worker';
import { NrpInstance } from './nrp-instance';
import { NrpAssignment, nrpAssignments, nrpToCore } from './nrp-to-core';

export interface NrpResult {
  instance: string;
  assignments: NrpAssignment[];
  /** Benchmark objective, recomputed by the checker from the roster. */
  objective: number;
  /** Best proven lower bound (objectives are integral, so rounded up), or null. */
  lowerBound: number | null;
  violations: CoreViolation[];
  solveSeconds: number;
}

export async function solveNrp(instance: NrpInstance, opts: WorkerSolveOptions): Promise<NrpResult> {
  const problem = nrpToCore(instance);
  const result = await solveInWorker(problem, opts);
  const evaluation = evaluateRoster(problem, result.roster);
  return {
    instance: instance.name,
    assignments: nrpAssignments(instance, result.roster),
    objective: evaluation.objective,
    lowerBound: result.lowerBound === null ? null : Math.ceil(result.lowerBound - 1e-6),
    violations: evaluation.violations,
    solveSeconds: result.seconds,
  };
}

export function solutionCsv(assignments: NrpAssignment[]): string {
  return assignments.map((a) => `${a.staff},${a.day},${a.shift}\n`).join('');
}
