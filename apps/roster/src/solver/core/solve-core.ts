import type { Highs, Model } from 'highs';
import { CoreProblem, CoreRoster } from './roster-core';
import { buildMipModel, columnsFromRoster, MipModel, rosterFromColumns } from './mip-model';
import { greedyRoster } from './greedy';
import { LocalSearch } from './local-search';
import { columnGeneration } from './column-generation';

export interface CoreSolveOptions {
  timeLimitSeconds: number;
  /** Polled between and during MIP runs; true ends the solve with the best roster so far. */
  shouldStop?: () => boolean;
  onImprove?: (roster: CoreRoster, objective: number) => void;
  onProgress?: (
    phase: 'building' | 'solving' | 'improving',
    percent: number,
    objective: number | null,
  ) => void;
  log?: (line: string) => void;
  seed?: number;
}

export interface CoreSolveResult {
  roster: CoreRoster;
  /** Model objective of the roster (soft violations plus the model's feasibility penalties). */
  objective: number;
  /** Best lower bound proved by a full MIP run, or null. */
  lowerBound: number | null;
  optimal: boolean;
  stopped: boolean;
  seconds: number;
}

type Neighbourhood = 'staff' | 'days' | 'block';

/** Column generation: at most this share of the time limit at the root (the bound)... */
const CG_ROOT_SHARE = 0.3;
/** ...then dives until this share of it has passed (on small models, where a full MIP proves)... */
const CG_DIVE_END = 0.75;
const CG_DIVE_END_SMALL = 0.1;
/** ...then annealing for this share from the best roster, and LNS for the rest. */
const LS_SHARE_AFTER_CG = 0.05;
/** Share of the time limit for the first full MIP run (a bound; a proof on small models). */
const FIRST_MIP_SHARE = 0.1;
/** Models with at most this many assignment columns get the full MIP before annealing (NRP 1-4). */
const SMALL_MODEL_COLUMNS = 600;
/** Annealing before the first full MIP on small models (which that MIP usually proves first). */
const LS_SHARE_SMALL = 0.1;
/** Annealing share of the time limit when the LP bound is tight (the MIP-based LNS needs the time). */
const LS_SHARE_TIGHT = 0.25;
/** Annealing share when the bound is weak or missing (annealing gets much further than the MIP). */
const LS_SHARE_WEAK = 0.5;
/** Incumbent more than this fraction above the bound after the first annealing: a weak bound. */
const WEAK_BOUND_GAP = 0.2;

/**
 * Annealing share of the time limit from the incumbent and the bound of the first full MIP run:
 * short where the bound is tight, long where it is weak or missing.
 */
export function annealingShare(incumbent: number, lowerBound: number | null): number {
  if (lowerBound === null || lowerBound <= 0) return LS_SHARE_WEAK;
  return incumbent - lowerBound > WEAK_BOUND_GAP * Math.abs(incumbent) ? LS_SHARE_WEAK : LS_SHARE_TIGHT;
}

/**
 * Greedy start (plain TS), a small MIP per employee left below her minimum minutes. Then, where
 * the labelling pricing covers the employee rules (the benchmark), column generation: its bound,
 * and dives from its LP to rosters near it (column-generation.ts), a full MIP run on small
 * models (the proof), short annealing. Otherwise (kring problems: pair costs, load targets) on
 * small models a full MIP run before simulated annealing (plain TS, local-search.ts), on larger
 * ones annealing before the full MIP run (a bound); annealing runs on where that bound is weak.
 * Then large-neighbourhood search re-solving windows of days, subsets of staff, or both with the
 * MIP, everything else fixed, keeping every improvement; near the bound, a last full MIP run.
 */
export function solveCore(highs: Highs, problem: CoreProblem, opts: CoreSolveOptions): CoreSolveResult {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const remaining = () => opts.timeLimitSeconds - elapsed();
  const stopRequested = () => opts.shouldStop?.() ?? false;
  const log = opts.log ?? (() => undefined);
  const random = mulberry32(opts.seed ?? 1);

  opts.onProgress?.('building', 0, null);
  // Greedy start in plain TS (milliseconds): the incumbent from the first moment, so any time
  // limit returns at least this roster. Only a roster the MIP accepts as a start is used (a
  // minutes shortfall is a priced column there; every other broken rule would make it infeasible).
  const greedy = greedyRoster(problem, {
    seed: opts.seed ?? 1,
    budgetMs: Math.min(400, opts.timeLimitSeconds * 50),
  });
  const greedyUsable = greedy.violationRules.every((rule) => rule === 'min_minutes');
  if (greedyUsable && greedy.violations === 0) opts.onImprove?.(greedy.roster, greedy.objective);
  log(
    `greedy: ${greedy.objective} (${greedy.violations} violations, ${greedy.uncovered} short, ${greedy.passes} passes) after ${elapsed().toFixed(2)} s`,
  );
  const mip = buildMipModel(problem);
  const model = highs.createModel({
    numCols: mip.numCols,
    numRows: mip.numRows,
    offset: mip.offset,
    colCost: mip.colCost,
    colLower: mip.colLower,
    colUpper: mip.colUpper,
    rowLower: mip.rowLower,
    rowUpper: mip.rowUpper,
    matrix: {
      format: 'csr',
      numRows: mip.numRows,
      numCols: mip.numCols,
      starts: mip.starts,
      indices: mip.indices,
      values: mip.values,
    },
    integrality: mip.integrality as unknown as Int32Array,
  });
  try {
    // With whole-number costs the objective is integral: a gap below 1 is a proof, and bounds round up.
    const integral = [...mip.colCost, mip.offset].every(Number.isInteger);
    model.options.set({
      output_flag: false,
      mip_rel_gap: 1e-6,
      mip_abs_gap: integral ? 0.999 : 1e-6,
      random_seed: opts.seed ?? 0,
    });
    const objectiveOf = (full: Float64Array) =>
      mip.offset + full.reduce((t, v, c) => t + v * mip.colCost[c], 0);

    let incumbent = mip.completeColumns(mip.colLower.subarray(0, mip.xCount));
    let best = objectiveOf(incumbent);
    if (greedyUsable) {
      const start = mip.completeColumns(columnsFromRoster(mip, greedy.roster));
      const objective = objectiveOf(start);
      if (objective < best) {
        incumbent = start;
        best = objective;
        if (greedy.violations > 0) opts.onImprove?.(greedy.roster, best);
      }
    }
    let lowerBound: number | null = null;
    let stopped = false;
    const isOptimal = () => lowerBound !== null && best - lowerBound < 1e-6 * Math.max(1, Math.abs(best));
    const percent = () => Math.min(99, Math.round((100 * elapsed()) / opts.timeLimitSeconds));

    /** One MIP run over the free x columns (all others fixed to the incumbent). */
    const runWithFree = (
      free: Uint8Array | null,
      timeLimit: number,
      fixTo: ArrayLike<number> = incumbent,
    ) => {
      const lo = new Float64Array(mip.xCount);
      const hi = new Float64Array(mip.xCount);
      for (let c = 0; c < mip.xCount; c++) {
        const isFree = free === null || free[c] === 1;
        lo[c] = isFree ? mip.colLower[c] : fixTo[c];
        hi[c] = isFree ? mip.colUpper[c] : fixTo[c];
      }
      // (No assignment column at all when every seat is forbidden to everyone.)
      if (mip.xCount > 0) model.changeColsBounds({ kind: 'range', from: 0, to: mip.xCount - 1 }, lo, hi);
      model.setSolution({ colValue: incumbent });
      model.options.set({ time_limit: Math.max(0.05, timeLimit) });
      // HiGHS's own time limit can overrun on a starved machine; the callback enforces it too.
      const deadline = performance.now() + Math.max(0.05, timeLimit) * 1000;
      const overdue = (event: { interrupt(): void }): undefined => {
        if (stopRequested()) stopped = true;
        if (stopped || performance.now() > deadline) event.interrupt();
        return undefined;
      };
      // The MIP checkpoint is not reached inside long LP solves (root node, presolve): check there too.
      const result = model.run({
        [highs.constants.callbackType.mipInterrupt]: overdue,
        [highs.constants.callbackType.simplexInterrupt]: overdue,
        [highs.constants.callbackType.ipmInterrupt]: overdue,
      });
      const optimal = result.modelStatus === highs.constants.modelStatus.optimal;
      const dualBound = Number(model.info.get('mip_dual_bound'));
      if (Number(model.info.get('primal_solution_status')) === 2) {
        const full = mip.completeColumns(model.getSolution().colValue);
        const objective = objectiveOf(full);
        // Ties are taken too: moving across plateaus lets later neighbourhoods find new improvements.
        if (objective < best + 1e-6) {
          const improved = objective < best - 1e-6;
          incumbent = full;
          best = Math.min(best, objective);
          if (improved) opts.onImprove?.(rosterFromColumns(mip, problem, incumbent), best);
        }
      }
      return { optimal, dualBound };
    };

    /** Takes a roster from the local search when it is at least as good as the incumbent. */
    const offer = (roster: CoreRoster) => {
      const full = mip.completeColumns(columnsFromRoster(mip, roster));
      const objective = objectiveOf(full);
      if (objective < best + 1e-6) {
        const improved = objective < best - 1e-6;
        incumbent = full;
        best = Math.min(best, objective);
        if (improved) opts.onImprove?.(rosterFromColumns(mip, problem, incumbent), best);
      }
    };
    const search = new LocalSearch(problem);
    let lsSeed = opts.seed ?? 1;
    search.load(rosterFromColumns(mip, problem, incumbent));
    const scale = search.typicalUphill(random);
    /** Simulated annealing from the incumbent (plain TS, no MIP). */
    const anneal = (seconds: number, startTemperature: number, endTemperature: number) => {
      if (seconds <= 0 || stopRequested()) return;
      const before = best;
      const result = search.run(rosterFromColumns(mip, problem, incumbent), {
        budgetMs: seconds * 1000,
        seed: lsSeed++,
        shouldStop: stopRequested,
        startTemperature,
        endTemperature,
      });
      offer(result.roster);
      log(
        `local search ${seconds.toFixed(1)} s: ${best}${best < before ? ' *' : ''} (${result.moves} moves) at ${elapsed().toFixed(1)} s`,
      );
    };

    // Construction: employees the greedy left below their minimum minutes are re-planned one at a
    // time by a small MIP (everyone else fixed), then annealing from that roster.
    opts.onProgress?.('solving', 0, best);
    const employeeCols = columnsByEmployee(mip, problem.employees.length);
    const shortOf = (e: number) => {
      const min = problem.employees[e].minMinutes ?? 0;
      const minutes = employeeCols[e].reduce(
        (m, c) => m + incumbent[c] * problem.slots[mip.xSlot[c]].minutes,
        0,
      );
      return minutes < min - 1e-6;
    };
    const constructionEnd = opts.timeLimitSeconds * 0.15;
    for (let e = 0; e < problem.employees.length; e++) {
      if (elapsed() >= constructionEnd || stopRequested()) break;
      if (shortOf(e))
        runWithFree(maskOf(employeeCols[e], mip.xCount), Math.min(2, constructionEnd - elapsed()));
    }
    log(`construction: ${best} after ${elapsed().toFixed(1)} s`);

    /** The whole model, warm-started from the incumbent: a bound, and optimality on small instances. */
    const fullRun = (seconds: number) => {
      if (seconds <= 0 || stopRequested() || isOptimal()) return;
      const run = runWithFree(null, seconds);
      const bound = run.optimal ? best : integral ? Math.ceil(run.dualBound - 1e-6) : run.dualBound;
      if (Number.isFinite(bound)) lowerBound = Math.max(lowerBound ?? -Infinity, bound);
      log(`full MIP: ${best}, bound ${lowerBound} after ${elapsed().toFixed(1)} s`);
    };
    // Column generation where its pricing covers the employee rules (the benchmark's): a bound
    // close to the optimum, and dives from its LP to rosters close to that bound; annealing and
    // LNS then polish the best of them.
    const small = mip.xCount <= SMALL_MODEL_COLUMNS;
    const diveEnd = opts.timeLimitSeconds * (small ? CG_DIVE_END_SMALL : CG_DIVE_END);
    const generated = columnGeneration(highs, problem, {
      rootSeconds: Math.min(remaining(), opts.timeLimitSeconds * CG_ROOT_SHARE),
      diveSecondsLeft: () => diveEnd - elapsed(),
      start: rosterFromColumns(mip, problem, incumbent),
      onRoster: offer,
      isOptimal: (value) => lowerBound !== null && value - lowerBound < 1e-6 * Math.max(1, Math.abs(value)),
      onBound: (bound) => (lowerBound = bound),
      shouldStop: stopRequested,
      log,
      random,
    });
    if (generated) {
      log(`column generation: ${best}, bound ${lowerBound} after ${elapsed().toFixed(1)} s`);
      // Small models: the compact MIP from that roster usually proves it optimal within seconds.
      if (small) fullRun(Math.min(remaining(), opts.timeLimitSeconds * FIRST_MIP_SHARE));
      if (!isOptimal())
        anneal(Math.min(remaining(), opts.timeLimitSeconds * LS_SHARE_AFTER_CG), scale, scale / 50);
    } else {
      // On small models a full MIP first, which usually proves them optimal within seconds; on
      // larger ones annealing first (the MIP from a greedy roster is slow there), then the full
      // MIP for a bound. How far the incumbent is above the bound sets how long annealing runs on.
      if (small) fullRun(Math.min(remaining(), opts.timeLimitSeconds * FIRST_MIP_SHARE));
      const firstShare = small ? LS_SHARE_SMALL : LS_SHARE_TIGHT;
      if (!isOptimal())
        anneal(Math.min(remaining(), opts.timeLimitSeconds * firstShare), 3 * scale, scale / 50);
      if (!small) fullRun(Math.min(remaining(), opts.timeLimitSeconds * FIRST_MIP_SHARE));
      if (!isOptimal()) {
        const share = annealingShare(best, lowerBound);
        log(`annealing share ${share} (incumbent ${best}, bound ${lowerBound})`);
        // Where the bound is weak, reheated runs from the incumbent, in thirds, for as long as they
        // improve it (on some instances annealing stalls early and LNS gets further).
        const chunk = (opts.timeLimitSeconds * (share - firstShare)) / 3;
        for (let i = 0; i < 3 && chunk > 0; i++) {
          const before = best;
          anneal(Math.min(remaining(), chunk), scale, scale / 50);
          if (best >= before - 1e-6) break;
        }
      }
    }

    // Large-neighbourhood search, leaving the last 15% for a full run from the best roster found.
    opts.onProgress?.('improving', percent(), best);
    const size: Record<Neighbourhood, number> = {
      staff: Math.min(problem.employees.length, 3),
      days: Math.min(problem.days, 7),
      block: Math.min(problem.days, 10),
    };
    // Day windows (all staff, or a third of them) improve most; whole-horizon staff subsets less often.
    const kinds: Neighbourhood[] = ['days', 'block', 'staff', 'days', 'block'];
    const subLimit = Math.max(1, Math.min(5, opts.timeLimitSeconds / 15));
    const shortSlots = (full: Float64Array) =>
      problem.covers.flatMap((cover, i) => (full[mip.coverUnderCol[i]] > 0.5 ? cover.slots : []));
    // Share of the staff free in a 'block' window; grows once the window spans the horizon.
    let blockShare = 1 / 3;
    let iteration = 0;
    // Near a proof: end with a full run; far from it: the whole budget goes to LNS.
    // (The compact MIP proves little against a column generation bound: LNS keeps the budget then.)
    const lnsEnd = () =>
      generated || lowerBound === null || best - lowerBound >= 0.05 * Math.abs(best)
        ? opts.timeLimitSeconds
        : opts.timeLimitSeconds * (best - lowerBound < 0.02 * Math.abs(best) ? 0.7 : 0.85);
    while (elapsed() < lnsEnd() && !stopRequested() && !isOptimal() && problem.employees.length > 1) {
      const kind = kinds[iteration++ % kinds.length];
      const free = neighbourhood(
        kind,
        size[kind],
        problem,
        mip,
        employeeCols,
        random,
        shortSlots(incumbent),
        blockShare,
      );
      const before = best;
      const t0 = performance.now();
      const run = runWithFree(free, Math.min(subLimit, lnsEnd() - elapsed()));
      const took = (performance.now() - t0) / 1000;
      const cap = kind === 'staff' ? problem.employees.length : problem.days;
      // A whole-horizon block solved fast: free more of the staff instead (LNS stalls otherwise).
      if (kind === 'block' && size.block >= cap && run.optimal && took < subLimit * 0.4)
        blockShare = Math.min(0.9, blockShare * 1.2);
      else if (kind === 'block' && blockShare > 1 / 3 && !run.optimal)
        blockShare = Math.max(1 / 3, blockShare * 0.85);
      else if (run.optimal && took < subLimit * 0.4) size[kind] = Math.min(cap, size[kind] * 1.3 + 0.3);
      else if (!run.optimal) size[kind] = Math.max(kind === 'staff' ? 2 : 3, size[kind] * 0.85);
      log(
        `lns ${kind}(${size[kind].toFixed(1)}${kind === 'block' ? `, ${blockShare.toFixed(2)}` : ''}) ${run.optimal ? 'opt' : 'lim'} ${took.toFixed(2)} s: ${best}${best < before ? ' *' : ''} at ${elapsed().toFixed(1)} s`,
      );
      opts.onProgress?.('improving', percent(), best);
    }
    fullRun(remaining());

    return {
      roster: rosterFromColumns(mip, problem, incumbent),
      objective: best,
      lowerBound,
      optimal: isOptimal(),
      stopped,
      seconds: elapsed(),
    };
  } finally {
    disposeQuietly(model);
  }
}

function neighbourhood(
  kind: Neighbourhood,
  size: number,
  problem: CoreProblem,
  mip: MipModel,
  employeeCols: number[][],
  random: () => number,
  shortSlots: number[],
  blockShare: number,
): Uint8Array {
  const free = new Uint8Array(mip.xCount);
  const nE = problem.employees.length;
  const span = Math.max(1, Math.round(size));
  const shortDays = shortSlots.map((s) => problem.slots[s].day);
  if (kind === 'staff') {
    // Mostly staff who could take a seat that is short (one of them must move to fill it).
    const slot =
      shortSlots.length && random() < 0.7 ? shortSlots[Math.floor(random() * shortSlots.length)] : -1;
    const able = slot < 0 ? [] : range(nE).filter((e) => mip.xCol[e][slot] >= 0);
    const chosen =
      able.length >= 2
        ? [
            ...sample(able.length, Math.min(able.length, Math.ceil(span / 2)), random).map((i) => able[i]),
            ...sample(nE, Math.min(nE, span), random),
          ]
        : sample(nE, Math.min(nE, span), random);
    for (const e of new Set(chosen.slice(0, Math.max(span, 2)))) for (const c of employeeCols[e]) free[c] = 1;
    return free;
  }
  const window = Math.min(problem.days, span);
  // Mostly aim the window at a day with a seat short: that is where the cost is.
  const centre = shortDays.length && random() < 0.7 ? shortDays[Math.floor(random() * shortDays.length)] : -1;
  const latest = problem.days - window;
  const first =
    centre < 0
      ? Math.floor(random() * (latest + 1))
      : Math.max(0, Math.min(latest, centre - Math.floor(random() * window)));
  const staff =
    kind === 'days'
      ? null
      : new Set(sample(nE, Math.min(nE, Math.max(2, Math.ceil(nE * blockShare))), random));
  for (let c = 0; c < mip.xCount; c++) {
    const day = problem.slots[mip.xSlot[c]].day;
    if (day >= first && day < first + window && (staff === null || staff.has(mip.xEmployee[c]))) free[c] = 1;
  }
  return free;
}

function columnsByEmployee(mip: MipModel, employees: number): number[][] {
  const cols: number[][] = Array.from({ length: employees }, () => []);
  for (let c = 0; c < mip.xCount; c++) cols[mip.xEmployee[c]].push(c);
  return cols;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function maskOf(cols: number[], length: number): Uint8Array {
  const mask = new Uint8Array(length);
  for (const c of cols) mask[c] = 1;
  return mask;
}

function sample(n: number, k: number, random: () => number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}

/** Small deterministic PRNG so runs repeat. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function disposeQuietly(model: Model): void {
  try {
    model.dispose();
  } catch {
    // already gone
  }
}
