/**
 * The roster solver's public API. One core model builder (core/mip-model.ts) behind two front
 * doors: the kring problem (here) and the NRP benchmark text format (nrp/, nrp-cli.ts).
 */
export type {
  KringAssignment,
  KringCommitment,
  KringGp,
  KringProblem,
  KringRules,
  KringShift,
  KringSolution,
  SolveProgressUpdate,
} from './kring-problem';
export { solveKring, type SolveKringOptions } from './kring/solve-kring';
export { checkKringAssignments, type Violation } from './kring/check-kring';
export { ROLE_REQUIRES, ROTATION_YEARS } from './kring/kring-to-core';
