import { evaluateRoster } from './evaluate';
import { CoreProblem, CoreRoster, MIN_MINUTES_SHORTFALL_COST, slotsByDay } from './roster-core';

/**
 * Fast greedy construction in plain TypeScript (no MIP), on the core model so both front doors
 * use it. Seats are filled hardest first (fewest eligible employees); each goes to the eligible
 * employee that keeps every hard "at most" rule (cliques, forbidden slots, count limits, max
 * minutes, max consecutive, max weekends, hard cover maxima, and no new framed too-short stretch
 * of days off) at the lowest marginal cost (for the kring: furthest below her fair share). A seat
 * nobody can take gets a swap-in repair (move a holder of a conflicting seat to another employee).
 * "At least" rules (min consecutive shifts/days off, min minutes) are then repaired per employee
 * by a small local search. A few randomised restarts run within the time budget; the best roster
 * (fewest hard violations, then lowest objective) is returned.
 */
export interface GreedyOptions {
  seed?: number;
  /** Wall-clock budget for restarts, in milliseconds (the first pass always completes). */
  budgetMs?: number;
  maxRestarts?: number;
}

export interface GreedyResult {
  roster: CoreRoster;
  objective: number;
  violations: number;
  /** The rule of each hard violation left (see evaluate.ts). */
  violationRules: string[];
  uncovered: number;
  passes: number;
}

export function greedyRoster(problem: CoreProblem, opts: GreedyOptions = {}): GreedyResult {
  const started = performance.now();
  const budget = opts.budgetMs ?? 300;
  const maxRestarts = opts.maxRestarts ?? 20;
  const ctx = new Context(problem);
  let best: GreedyResult | null = null;
  let passes = 0;
  let lastPass = 0;
  for (let pass = 0; pass <= maxRestarts; pass++) {
    if (pass > 0 && performance.now() - started + lastPass > budget) break;
    const passStarted = performance.now();
    const random = mulberry32((opts.seed ?? 1) * 7919 + pass);
    const roster = ctx.construct(pass === 0 ? 0 : 1, random);
    passes++;
    lastPass = performance.now() - passStarted;
    const evaluation = evaluateRoster(problem, roster);
    const candidate: GreedyResult = {
      roster,
      objective: evaluation.objective,
      violations: evaluation.violations.length,
      violationRules: evaluation.violations.map((v) => v.rule),
      uncovered: evaluation.uncovered,
      passes,
    };
    if (
      best === null ||
      candidate.violations < best.violations ||
      (candidate.violations === best.violations && candidate.objective < best.objective)
    )
      best = candidate;
  }
  return { ...best!, passes };
}

export class Context {
  readonly nE: number;
  readonly nS: number;
  readonly H: number;
  readonly byDay: number[][];
  readonly cliquesOfSlot: number[][];
  readonly coversOfSlot: number[][];
  readonly weekendOfDay: Int32Array;
  readonly limitsOfSlot: Map<number, number[]>[];
  readonly pairsOfSlot: { other: number; weight: number }[][];
  readonly eligibleCount: Int32Array;
  readonly fixed: Set<number>[];

  constructor(readonly problem: CoreProblem) {
    this.nE = problem.employees.length;
    this.nS = problem.slots.length;
    this.H = problem.days;
    this.byDay = slotsByDay(problem);
    this.cliquesOfSlot = Array.from({ length: this.nS }, () => []);
    problem.cliques.forEach((clique, c) => clique.forEach((s) => this.cliquesOfSlot[s].push(c)));
    this.coversOfSlot = Array.from({ length: this.nS }, () => []);
    problem.covers.forEach((cover, c) => cover.slots.forEach((s) => this.coversOfSlot[s].push(c)));
    this.weekendOfDay = new Int32Array(this.H).fill(-1);
    problem.weekends.forEach((days, w) => days.forEach((d) => (this.weekendOfDay[d] = w)));
    this.limitsOfSlot = problem.employees.map((emp) => {
      const map = new Map<number, number[]>();
      emp.limits.forEach((limit, l) => {
        for (const s of limit.slots) {
          const list = map.get(s);
          if (list) list.push(l);
          else map.set(s, [l]);
        }
      });
      return map;
    });
    this.pairsOfSlot = Array.from({ length: this.nS }, () => []);
    for (const pair of problem.pairs) {
      this.pairsOfSlot[pair.a].push({ other: pair.b, weight: pair.weight });
      this.pairsOfSlot[pair.b].push({ other: pair.a, weight: pair.weight });
    }
    this.fixed = problem.employees.map((emp) => new Set(emp.fixed));
    this.eligibleCount = new Int32Array(this.nS);
    problem.employees.forEach((emp, e) => {
      for (let s = 0; s < this.nS; s++) if (this.allowed(e, s)) this.eligibleCount[s]++;
    });
  }

  allowed(e: number, s: number): boolean {
    const emp = this.problem.employees[e];
    if (emp.forbidden.has(s) && !this.fixed[e].has(s)) return false;
    for (const l of this.limitsOfSlot[e].get(s) ?? []) if (emp.limits[l].max <= 0) return false;
    return true;
  }

  /** One greedy pass. noise > 0 perturbs the seat order and the choice among near-equal employees. */
  construct(noise: number, random: () => number): CoreRoster {
    const st = new State(this);
    this.problem.employees.forEach((emp, e) => {
      for (const s of emp.fixed) if (!st.taken[e][s]) st.add(e, s);
    });
    // Seat units, hardest first: fewest eligible employees per missing person.
    const order = this.problem.covers
      .map((cover, c) => {
        const eligible = cover.slots.reduce((n, s) => n + this.eligibleCount[s], 0);
        return { c, key: eligible / Math.max(1, cover.target) + noise * random() * 3 };
      })
      .sort((a, b) => a.key - b.key);
    const open: number[] = [];
    for (const { c } of order) {
      const cover = this.problem.covers[c];
      while (st.coverCount[c] < cover.target) {
        if (!this.fillOne(st, c, noise, random)) {
          open.push(c);
          break;
        }
      }
    }
    // Bounded repair: move a holder of a conflicting seat elsewhere to free her for this one.
    for (const c of open) {
      const cover = this.problem.covers[c];
      let guard = cover.target;
      while (st.coverCount[c] < cover.target && guard-- > 0) if (!this.swapIn(st, c)) break;
    }
    if (this.repairMinimums(st, random)) {
      // Whoever still breaks a min-stretch rule starts over empty (fixed slots kept): a minutes
      // shortfall is priced in the MIP, a broken stretch is not, and later phases re-plan her.
      for (let e = 0; e < this.nE; e++)
        if (st.shortfall(e, false) > 0)
          for (const s of [...st.slotsOf(e)]) if (!this.fixed[e].has(s)) st.remove(e, s);
      // The repair moved shifts: fill what it left open without breaking an "at least" rule again.
      for (const { c } of order) {
        const cover = this.problem.covers[c];
        while (st.coverCount[c] < cover.target && this.fillOne(st, c, noise, random, true)) {
          // keep filling
        }
      }
    }
    this.improveByMoves(st, random);
    return st.roster();
  }

  /**
   * Hand single seats from one employee to another while that lowers the objective (fairness,
   * wishes, bunching, requests), never breaking a hard rule or an "at least" rule.
   */
  private improveByMoves(st: State, random: () => number): void {
    const until = performance.now() + 80;
    for (let round = 0; round < 20; round++) {
      let improved = false;
      for (const e of sample(this.nE, random)) {
        for (const s of [...st.slotsOf(e)]) {
          if (this.fixed[e].has(s)) continue;
          const gain = st.marginal(e, s, -1);
          const hBefore = st.shortfall(e);
          st.remove(e, s);
          if (st.shortfall(e) > hBefore) {
            st.add(e, s);
            continue;
          }
          let bestE = -1;
          let bestDelta = -1e-6;
          for (let e2 = 0; e2 < this.nE; e2++) {
            if (e2 === e || !st.canTake(e2, s)) continue;
            const delta = st.marginal(e2, s, 1) + gain;
            if (delta < bestDelta && this.keepsMinimums(st, e2, s)) {
              bestDelta = delta;
              bestE = e2;
            }
          }
          st.add(bestE >= 0 ? bestE : e, s);
          if (bestE >= 0) improved = true;
        }
        if (performance.now() > until) return;
      }
      if (!improved) return;
    }
  }

  private fillOne(st: State, c: number, noise: number, random: () => number, keepMinimums = false): boolean {
    let bestE = -1;
    let bestS = -1;
    let bestScore = Infinity;
    for (const s of this.problem.covers[c].slots) {
      for (let e = 0; e < this.nE; e++) {
        if (!st.canTake(e, s)) continue;
        if (keepMinimums && !this.keepsMinimums(st, e, s)) continue;
        const score = st.score(e, s) + (noise ? random() * 1e-2 * (1 + Math.abs(st.score(e, s))) : 0);
        if (score < bestScore) {
          bestScore = score;
          bestE = e;
          bestS = s;
        }
      }
    }
    if (bestE < 0) return false;
    st.add(bestE, bestS);
    return true;
  }

  /** e takes a slot of cover c after handing one of her conflicting slots t to someone else. */
  private swapIn(st: State, c: number): boolean {
    for (const s of this.problem.covers[c].slots) {
      for (let e = 0; e < this.nE; e++) {
        if (st.taken[e][s] || !this.allowed(e, s)) continue;
        for (const t of [...st.slotsOf(e)]) {
          if (this.fixed[e].has(t)) continue;
          st.remove(e, t);
          if (st.canTake(e, s)) {
            for (let e2 = 0; e2 < this.nE; e2++) {
              if (e2 === e || !st.canTake(e2, t)) continue;
              st.add(e, s);
              st.add(e2, t);
              return true;
            }
          }
          st.add(e, t);
        }
      }
    }
    return false;
  }

  private keepsMinimums(st: State, e: number, s: number): boolean {
    const before = st.shortfall(e);
    const stretchesBefore = st.shortfall(e, false);
    st.add(e, s);
    const ok = st.shortfall(e) <= before && st.shortfall(e, false) <= stretchesBefore;
    st.remove(e, s);
    return ok;
  }

  /** Local search per employee on the "at least" rules (min stretches, min minutes); true if used. */
  private repairMinimums(st: State, random: () => number): boolean {
    const emps = this.problem.employees;
    if (!emps.some((e) => e.minConsecutive || e.minConsecutiveOff || e.minMinutes)) return false;
    for (let e = 0; e < this.nE; e++) {
      let h = st.shortfall(e);
      let guard = 6 * this.H;
      while (h > 0 && guard-- > 0) {
        let bestKey = Infinity;
        let bestMove: Change[] | null = null;
        const sideways: Change[][] = [];
        const consider = (move: Change[]) => {
          const undo = this.apply(st, e, move);
          if (undo) {
            const nh = st.shortfall(e);
            const cost = st.coverCostOf(undo.touched) - undo.coverBefore;
            const key = nh * 1e7 + cost + random() * 1e-3;
            if (nh < h && key < bestKey) {
              bestKey = key;
              bestMove = move;
            } else if (nh === h) sideways.push(move);
            this.revert(st, e, undo);
          }
        };
        for (let d = 0; d < this.H; d++) {
          for (const s of [-1, ...this.byDay[d]]) consider([[d, s]]);
          if (d + 1 < this.H) {
            consider([
              [d, -1],
              [d + 1, -1],
            ]);
            for (const a of this.byDay[d])
              for (const b of this.byDay[d + 1])
                if (st.slotOnDay(e, d) < 0 || st.slotOnDay(e, d + 1) < 0)
                  consider([
                    [d, a],
                    [d + 1, b],
                  ]);
          }
        }
        let move: Change[] | null = bestMove;
        if (!move && sideways.length) move = sideways[Math.floor(random() * sideways.length)];
        if (!move) break;
        this.apply(st, e, move);
        h = st.shortfall(e);
      }
    }
    return true;
  }

  /** Sets employee e's slot on each listed day (-1 = off); null (and nothing changed) if a rule breaks. */
  private apply(st: State, e: number, move: Change[]): Undo | null {
    const touched: number[] = [];
    for (const [d, s] of move) {
      const current = st.slotOnDay(e, d);
      if (current === s) return null;
      if (current >= 0 && this.fixed[e].has(current)) return null;
      if (current >= 0) touched.push(current);
      if (s >= 0) touched.push(s);
    }
    const coverBefore = st.coverCostOf(touched);
    const removed: number[] = [];
    const added: number[] = [];
    for (const [d] of move) {
      const current = st.slotOnDay(e, d);
      if (current >= 0) {
        st.remove(e, current);
        removed.push(current);
      }
    }
    for (const [, s] of move) {
      if (s < 0) continue;
      if (!st.canTake(e, s, true)) {
        this.revert(st, e, { removed, added, touched, coverBefore });
        return null;
      }
      st.add(e, s);
      added.push(s);
    }
    return { removed, added, touched, coverBefore };
  }

  private revert(st: State, e: number, undo: Undo): void {
    for (const s of undo.added) st.remove(e, s);
    for (const s of undo.removed) st.add(e, s);
  }
}

type Change = [day: number, slot: number];
interface Undo {
  removed: number[];
  added: number[];
  touched: number[];
  coverBefore: number;
}

export class State {
  readonly taken: Uint8Array[];
  readonly cliqueCount: Int32Array[];
  readonly limitCount: Int32Array[];
  readonly minutes: Float64Array;
  readonly load: Float64Array;
  readonly dayCount: Int32Array[];
  readonly weekendDays: Int32Array[];
  readonly weekendsWorked: Int32Array;
  readonly coverCount: Int32Array;
  private readonly slots: Set<number>[];

  constructor(private readonly ctx: Context) {
    const p = ctx.problem;
    this.taken = p.employees.map(() => new Uint8Array(ctx.nS));
    this.cliqueCount = p.employees.map(() => new Int32Array(p.cliques.length));
    this.limitCount = p.employees.map((emp) => new Int32Array(emp.limits.length));
    this.minutes = new Float64Array(ctx.nE);
    this.load = new Float64Array(ctx.nE);
    this.dayCount = p.employees.map(() => new Int32Array(ctx.H));
    this.weekendDays = p.employees.map(() => new Int32Array(p.weekends.length));
    this.weekendsWorked = new Int32Array(ctx.nE);
    this.coverCount = new Int32Array(p.covers.length);
    this.slots = p.employees.map(() => new Set<number>());
  }

  slotsOf(e: number): Set<number> {
    return this.slots[e];
  }

  slotOnDay(e: number, d: number): number {
    for (const s of this.ctx.byDay[d]) if (this.taken[e][s]) return s;
    return -1;
  }

  roster(): CoreRoster {
    return this.slots.map((set) => [...set].sort((a, b) => a - b));
  }

  /** Every hard "at most" rule holds after e takes s (and, unless relaxed, no framed short rest). */
  canTake(e: number, s: number, allowShortOff = false): boolean {
    const ctx = this.ctx;
    const emp = ctx.problem.employees[e];
    if (this.taken[e][s]) return false;
    if (emp.forbidden.has(s) && !ctx.fixed[e].has(s)) return false;
    const cq = this.cliqueCount[e];
    for (const c of ctx.cliquesOfSlot[s]) if (cq[c] > 0) return false;
    const lc = this.limitCount[e];
    for (const l of ctx.limitsOfSlot[e].get(s) ?? []) if (lc[l] >= emp.limits[l].max) return false;
    const slot = ctx.problem.slots[s];
    if (emp.maxMinutes !== undefined && this.minutes[e] + slot.minutes > emp.maxMinutes) return false;
    for (const c of ctx.coversOfSlot[s]) {
      const cover = ctx.problem.covers[c];
      if (cover.overWeight === null && this.coverCount[c] >= cover.target) return false;
    }
    const days = this.dayCount[e];
    const d = slot.day;
    if (days[d] === 0) {
      if (emp.maxConsecutive !== undefined) {
        let run = 1;
        for (let i = d - 1; i >= 0 && days[i] > 0; i--) run++;
        for (let i = d + 1; i < ctx.H && days[i] > 0; i++) run++;
        if (run > emp.maxConsecutive) return false;
      }
      const w = ctx.weekendOfDay[d];
      if (
        w >= 0 &&
        emp.maxWeekends !== undefined &&
        this.weekendDays[e][w] === 0 &&
        this.weekendsWorked[e] + 1 > emp.maxWeekends
      )
        return false;
      if (!allowShortOff && emp.minConsecutiveOff !== undefined && emp.minConsecutiveOff > 1) {
        // The off stretch left of d (ending at d-1) must stay long enough if it is framed.
        let left = 0;
        for (let i = d - 1; i >= 0 && days[i] === 0; i--) left++;
        if (left > 0 && d - left - 1 >= 0 && left < emp.minConsecutiveOff) return false;
        let right = 0;
        for (let i = d + 1; i < ctx.H && days[i] === 0; i++) right++;
        if (right > 0 && d + right + 1 < ctx.H && right < emp.minConsecutiveOff) return false;
      }
    }
    return true;
  }

  /** Exact change of the objective when e takes (+1) or gives up (-1, she holds it) slot s. */
  marginal(e: number, s: number, sign: 1 | -1): number {
    const ctx = this.ctx;
    const emp = ctx.problem.employees[e];
    const slot = ctx.problem.slots[s];
    let delta = sign * (emp.costs.get(s) ?? 0);
    if (emp.loadTarget) {
      const { value, weight } = emp.loadTarget;
      const l = this.load[e];
      delta += weight * (Math.abs(l + sign * slot.load - value) - Math.abs(l - value));
    }
    if (emp.minMinutes !== undefined) {
      const short = (m: number) => Math.max(0, emp.minMinutes! - m);
      const m = this.minutes[e];
      delta += MIN_MINUTES_SHORTFALL_COST * (short(m + sign * slot.minutes) - short(m));
    }
    for (const { other, weight } of ctx.pairsOfSlot[s]) if (this.taken[e][other]) delta += sign * weight;
    return delta;
  }

  /** Marginal objective of e taking s, plus small steering terms. */
  score(e: number, s: number): number {
    const ctx = this.ctx;
    const emp = ctx.problem.employees[e];
    const slot = ctx.problem.slots[s];
    let score = emp.costs.get(s) ?? 0;
    if (emp.loadTarget) {
      const { value, weight } = emp.loadTarget;
      const l = this.load[e];
      score += weight * (Math.abs(l + slot.load - value) - Math.abs(l - value));
      // Tie-break: furthest below her share first (relative, so part-timers are not starved).
      score += 1e-3 * ((l + slot.load - value) / Math.max(1, value));
    } else {
      score += 1e-4 * this.load[e];
    }
    if (emp.minMinutes !== undefined && this.minutes[e] < emp.minMinutes)
      score -= MIN_MINUTES_SHORTFALL_COST * Math.min(slot.minutes, emp.minMinutes - this.minutes[e]);
    for (const { other, weight } of ctx.pairsOfSlot[s]) if (this.taken[e][other]) score += weight;
    if (emp.minConsecutive !== undefined && emp.minConsecutive > 1) {
      const days = this.dayCount[e];
      const d = slot.day;
      const before = d > 0 && days[d - 1] > 0;
      const after = d + 1 < ctx.H && days[d + 1] > 0;
      if (days[d] === 0 && !before && !after) score += 5;
      else if (before || after) score -= 5;
    }
    return score;
  }

  /** Cover cost of the covers holding any of the given slots. */
  coverCostOf(slots: number[]): number {
    const ctx = this.ctx;
    const seen = new Set<number>();
    let total = 0;
    for (const s of slots)
      for (const c of ctx.coversOfSlot[s]) {
        if (seen.has(c)) continue;
        seen.add(c);
        const cover = ctx.problem.covers[c];
        const k = this.coverCount[c];
        total +=
          k < cover.target
            ? (cover.target - k) * cover.underWeight
            : k > cover.target
              ? (k - cover.target) * (cover.overWeight ?? 1e9)
              : 0;
      }
    return total;
  }

  /** How far employee e is from her "at least" rules (0 = all met). */
  shortfall(e: number, withMinutes = true): number {
    const ctx = this.ctx;
    const emp = ctx.problem.employees[e];
    const days = this.dayCount[e];
    let h = 0;
    if (withMinutes && emp.minMinutes !== undefined && this.minutes[e] < emp.minMinutes)
      h += Math.ceil((emp.minMinutes - this.minutes[e]) / 480);
    if (emp.minConsecutive !== undefined || emp.minConsecutiveOff !== undefined) {
      let start = 0;
      for (let d = 1; d <= ctx.H; d++) {
        if (d === ctx.H || days[d] > 0 !== days[start] > 0) {
          const length = d - start;
          const framed = start > 0 && d < ctx.H;
          if (framed) {
            const min = days[start] > 0 ? emp.minConsecutive : emp.minConsecutiveOff;
            if (min !== undefined && length < min) h += min - length;
          }
          start = d;
        }
      }
    }
    return h;
  }

  add(e: number, s: number): void {
    const ctx = this.ctx;
    const slot = ctx.problem.slots[s];
    this.taken[e][s] = 1;
    this.slots[e].add(s);
    for (const c of ctx.cliquesOfSlot[s]) this.cliqueCount[e][c]++;
    for (const l of ctx.limitsOfSlot[e].get(s) ?? []) this.limitCount[e][l]++;
    for (const c of ctx.coversOfSlot[s]) this.coverCount[c]++;
    this.minutes[e] += slot.minutes;
    this.load[e] += slot.load;
    if (this.dayCount[e][slot.day]++ === 0) {
      const w = ctx.weekendOfDay[slot.day];
      if (w >= 0 && this.weekendDays[e][w]++ === 0) this.weekendsWorked[e]++;
    }
  }

  remove(e: number, s: number): void {
    const ctx = this.ctx;
    const slot = ctx.problem.slots[s];
    this.taken[e][s] = 0;
    this.slots[e].delete(s);
    for (const c of ctx.cliquesOfSlot[s]) this.cliqueCount[e][c]--;
    for (const l of ctx.limitsOfSlot[e].get(s) ?? []) this.limitCount[e][l]--;
    for (const c of ctx.coversOfSlot[s]) this.coverCount[c]--;
    this.minutes[e] -= slot.minutes;
    this.load[e] -= slot.load;
    if (--this.dayCount[e][slot.day] === 0) {
      const w = ctx.weekendOfDay[slot.day];
      if (w >= 0 && --this.weekendDays[e][w] === 0) this.weekendsWorked[e]--;
    }
  }
}

function sample(n: number, random: () => number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool;
}

/** Small deterministic PRNG so runs repeat. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
