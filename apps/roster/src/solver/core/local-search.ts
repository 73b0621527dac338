import { evaluateRoster } from './evaluate';
import { Context, mulberry32, State } from './greedy';
import { CoreProblem, CoreRoster, MIN_MINUTES_SHORTFALL_COST } from './roster-core';

/**
 * Plain-TypeScript local search on a roster that keeps every hard rule (simulated annealing over
 * employee-day moves). Moves: change one employee-day (assign, unassign, other slot), set a block
 * of days of one employee to one slot position (or off), swap the assignments of two employees
 * over a block of days, and put someone on a seat that is short. Each move is applied to the
 * greedy's State, whose incremental checks reject any "at most" rule broken; min stretches are
 * rechecked per touched employee. The objective delta is exact: the employees' marginal costs
 * (requests, load target, minutes shortfall priced as in the MIP, pairs) plus the cover cost of
 * the touched covers. Objectives here are model objectives: the checker's objective plus
 * MIN_MINUTES_SHORTFALL_COST per minute below an employee's minimum.
 */
export interface LocalSearchOptions {
  /** Wall-clock budget in milliseconds. */
  budgetMs: number;
  seed?: number;
  /** Stop after this many move attempts (deterministic runs, tests). */
  maxMoves?: number;
  shouldStop?: () => boolean;
  /**
   * Annealing temperature at the start and the end of the budget; by default 3x the median cost
   * increase of random moves, falling to 1/150 of that.
   */
  startTemperature?: number;
  endTemperature?: number;
}

export interface LocalSearchResult {
  roster: CoreRoster;
  objective: number;
  moves: number;
  accepted: number;
}

/** Checker objective plus the price of minutes below an employee's minimum (the MIP's objective). */
export function modelObjective(problem: CoreProblem, roster: CoreRoster): number {
  let objective = evaluateRoster(problem, roster).objective;
  problem.employees.forEach((emp, e) => {
    if (emp.minMinutes === undefined) return;
    const minutes = (roster[e] ?? []).reduce((m, s) => m + problem.slots[s].minutes, 0);
    objective += MIN_MINUTES_SHORTFALL_COST * Math.max(0, emp.minMinutes - minutes);
  });
  return objective;
}

export type MoveKind = 'one' | 'block' | 'swap' | 'fill' | 'slide' | 'relocate' | 'swap2';

/** A move: employee e's assignment on day d becomes slot s (-1 = day off), for each change. */
export interface Change {
  e: number;
  d: number;
  s: number;
}

export class LocalSearch {
  private readonly ctx: Context;
  private readonly positionOf: Int32Array;
  private readonly maxPerDay: number;
  private st: State | null = null;
  // Scratch buffers of the last tryMove (no allocation per move), sized for 64 changes and grown.
  /** (employee, slot) pairs removed and added by the last successful tryMove. */
  private removed = new Int32Array(128);
  private added = new Int32Array(128);
  private nRemoved = 0;
  private nAdded = 0;
  private touched = new Int32Array(128);
  private current = new Int32Array(64);
  /** Per touched employee: e, first changed day, last changed day, stretch shortfall before. */
  private emps = new Int32Array(256);
  /** allowed[e * nS + s]: e may ever take s (not forbidden, no count limit of 0). */
  private readonly allowed: Uint8Array;
  private readonly coverSeen: Int32Array;
  private stamp = 0;

  constructor(readonly problem: CoreProblem) {
    this.ctx = new Context(problem);
    this.positionOf = new Int32Array(problem.slots.length);
    this.ctx.byDay.forEach((slots) => slots.forEach((s, i) => (this.positionOf[s] = i)));
    this.maxPerDay = Math.max(1, ...this.ctx.byDay.map((slots) => slots.length));
    this.allowed = new Uint8Array(this.ctx.nE * this.ctx.nS);
    for (let e = 0; e < this.ctx.nE; e++)
      for (let s = 0; s < this.ctx.nS; s++)
        this.allowed[e * this.ctx.nS + s] = this.ctx.allowed(e, s) ? 1 : 0;
    this.coverSeen = new Int32Array(problem.covers.length);
  }

  /** Loads a roster into the search state. */
  load(roster: CoreRoster): void {
    const st = new State(this.ctx);
    roster.forEach((slots, e) => slots.forEach((s) => st.add(e, s)));
    this.st = st;
  }

  roster(): CoreRoster {
    return this.state().roster();
  }

  private state(): State {
    if (!this.st) throw new Error('LocalSearch: load a roster first');
    return this.st;
  }

  /**
   * Applies the changes if no hard rule breaks (and no min stretch gets worse) and returns the
   * objective delta; returns null, leaving the state unchanged, otherwise. undo() reverts it.
   * Cheap checks run before the state is touched: a fixed slot given up, or a slot the employee
   * may never take (forbidden, or a count limit of 0), rejects the move without mutating.
   */
  tryMove(changes: Change[]): number | null {
    const st = this.state();
    const ctx = this.ctx;
    const nS = ctx.nS;
    if (this.current.length < changes.length) {
      const n = 2 * changes.length;
      this.removed = new Int32Array(2 * n);
      this.added = new Int32Array(2 * n);
      this.touched = new Int32Array(2 * n);
      this.current = new Int32Array(n);
      this.emps = new Int32Array(4 * n);
    }
    const removed = this.removed;
    const added = this.added;
    const touched = this.touched;
    const current = this.current;
    this.nRemoved = 0;
    this.nAdded = 0;
    let nTouched = 0;
    let any = false;
    for (let i = 0; i < changes.length; i++) {
      const { e, d, s } = changes[i];
      const cur = st.slotOnDay(e, d);
      current[i] = cur;
      if (cur === s) continue;
      if (cur >= 0 && ctx.fixed[e].has(cur)) return null;
      if (s >= 0 && this.allowed[e * nS + s] === 0) return null;
      any = true;
      if (cur >= 0) touched[nTouched++] = cur;
      if (s >= 0) touched[nTouched++] = s;
    }
    if (!any) return null;
    // Min stretches: only stretches meeting the changed days (and their neighbours) can change.
    const emps = this.emps;
    let nEmps = 0;
    for (let i = 0; i < changes.length; i++) {
      const { e, d } = changes[i];
      let k = 0;
      while (k < nEmps && emps[k] !== e) k += 4;
      if (k === nEmps) {
        emps[k] = e;
        emps[k + 1] = d;
        emps[k + 2] = d;
        nEmps += 4;
      } else {
        if (d < emps[k + 1]) emps[k + 1] = d;
        if (d > emps[k + 2]) emps[k + 2] = d;
      }
    }
    for (let k = 0; k < nEmps; k += 4) emps[k + 3] = this.stretchShortfall(emps[k], emps[k + 1], emps[k + 2]);
    const coverBefore = this.coverCostOf(touched, nTouched);
    let delta = 0;
    for (let i = 0; i < changes.length; i++) {
      const { e, s } = changes[i];
      const cur = current[i];
      if (cur === s || cur < 0) continue;
      delta += st.marginal(e, cur, -1);
      st.remove(e, cur);
      removed[this.nRemoved++] = e;
      removed[this.nRemoved++] = cur;
    }
    for (let i = 0; i < changes.length; i++) {
      const { e, s } = changes[i];
      if (current[i] === s || s < 0) continue;
      if (!st.canTake(e, s, true)) {
        this.undo();
        return null;
      }
      delta += st.marginal(e, s, 1);
      st.add(e, s);
      added[this.nAdded++] = e;
      added[this.nAdded++] = s;
    }
    for (let k = 0; k < nEmps; k += 4)
      if (this.stretchShortfall(emps[k], emps[k + 1], emps[k + 2]) > emps[k + 3]) {
        this.undo();
        return null;
      }
    return delta + this.coverCostOf(touched, nTouched) - coverBefore;
  }

  /**
   * Min-stretch shortfall of employee e over the stretches meeting days from-1 .. to+1 (as
   * State.shortfall(e, false) counts it): a change on days from..to leaves every other stretch
   * as it was, and the first and last stretch of that range end where they ended before.
   */
  private stretchShortfall(e: number, from: number, to: number): number {
    const emp = this.problem.employees[e];
    const minOn = emp.minConsecutive;
    const minOff = emp.minConsecutiveOff;
    if (minOn === undefined && minOff === undefined) return 0;
    const days = this.st!.dayCount[e];
    const H = this.ctx.H;
    let lo = Math.max(0, from - 1);
    const loWorks = days[lo] > 0;
    while (lo > 0 && days[lo - 1] > 0 === loWorks) lo--;
    let hi = Math.min(H - 1, to + 1);
    const hiWorks = days[hi] > 0;
    while (hi < H - 1 && days[hi + 1] > 0 === hiWorks) hi++;
    let h = 0;
    let start = lo;
    for (let d = lo + 1; d <= hi + 1; d++) {
      if (d === hi + 1 || days[d] > 0 !== days[start] > 0) {
        if (start > 0 && d < H) {
          const min = days[start] > 0 ? minOn : minOff;
          const length = d - start;
          if (min !== undefined && length < min) h += min - length;
        }
        start = d;
      }
    }
    return h;
  }

  /** Cover cost of the covers holding any of the given slots (State.coverCostOf without a Set). */
  private coverCostOf(slots: Int32Array, n: number): number {
    const ctx = this.ctx;
    const st = this.st!;
    const stamp = ++this.stamp;
    let total = 0;
    for (let i = 0; i < n; i++)
      for (const c of ctx.coversOfSlot[slots[i]]) {
        if (this.coverSeen[c] === stamp) continue;
        this.coverSeen[c] = stamp;
        const cover = ctx.problem.covers[c];
        const k = st.coverCount[c];
        total +=
          k < cover.target
            ? (cover.target - k) * cover.underWeight
            : k > cover.target
              ? (k - cover.target) * (cover.overWeight ?? 1e9)
              : 0;
      }
    return total;
  }

  /** Reverts the last successful tryMove. */
  undo(): void {
    const st = this.state();
    for (let i = this.nAdded - 2; i >= 0; i -= 2) st.remove(this.added[i], this.added[i + 1]);
    for (let i = this.nRemoved - 2; i >= 0; i -= 2) st.add(this.removed[i], this.removed[i + 1]);
    this.nAdded = 0;
    this.nRemoved = 0;
  }

  /** A random move of the given kind on the current state (may be a no-op or infeasible). */
  randomMove(kind: MoveKind, random: () => number, shortSlots: number[]): Change[] {
    const st = this.state();
    const { nE, H, byDay } = this.ctx;
    const pick = (n: number) => Math.floor(random() * n);
    const changes: Change[] = [];
    if ((kind === 'swap' || kind === 'swap2') && nE > 1) {
      const e1 = pick(nE);
      const e2 = (e1 + 1 + pick(nE - 1)) % nE;
      const len = kind === 'swap2' ? 1 + pick(2) : 1 + pick(Math.min(H, random() < 0.5 ? 3 : 10));
      const d0 = pick(H - len + 1);
      const days: number[] = [];
      for (let d = d0; d < d0 + len; d++) days.push(d);
      // swap2: a second block elsewhere, so each keeps her number of shifts when the first moves one.
      if (kind === 'swap2') {
        const d1 = pick(H - len + 1);
        for (let d = d1; d < d1 + len; d++) if (!days.includes(d)) days.push(d);
      }
      for (const d of days) {
        const a = st.slotOnDay(e1, d);
        const b = st.slotOnDay(e2, d);
        if (a === b) continue;
        changes.push({ e: e1, d, s: b }, { e: e2, d, s: a });
      }
      return changes;
    }
    if (kind === 'fill' && shortSlots.length) {
      const s = shortSlots[pick(shortSlots.length)];
      const e = pick(nE);
      const day = this.problem.slots[s].day;
      changes.push({ e, d: day, s });
      // Often extend to a stretch of the same position, so min-stretch rules can hold.
      const extra = pick(3);
      const dir = random() < 0.5 ? -1 : 1;
      for (let i = 1; i <= extra; i++) {
        const d = day + dir * i;
        if (d < 0 || d >= H) break;
        const t = byDay[d][this.positionOf[s]];
        if (t === undefined) break;
        changes.push({ e, d, s: t });
      }
      return changes;
    }
    if (kind === 'slide') {
      // Move a block of one employee's days (her pattern) 1-3 days earlier or later: counts, minutes
      // and shift types stay, the stretch boundaries move.
      const e = pick(nE);
      const len = 1 + pick(Math.min(H - 1, 7));
      const shift = (1 + pick(3)) * (random() < 0.5 ? -1 : 1);
      const from = pick(H - len + 1);
      const to = from + shift;
      if (to < 0 || to + len > H) return changes;
      const next = new Map<number, number>();
      for (let d = from; d < from + len; d++) next.set(d, -1);
      for (let i = 0; i < len; i++) {
        const old = st.slotOnDay(e, from + i);
        next.set(to + i, old < 0 ? -1 : (byDay[to + i][this.positionOf[old]] ?? -1));
      }
      for (const [d, s] of next) changes.push({ e, d, s });
      return changes;
    }
    if (kind === 'relocate') {
      // One employee drops 1-3 days and works as many days elsewhere: her number of shifts (and so,
      // mostly, her minutes) stays, which a minimum total usually demands.
      const e = pick(nE);
      const len = 1 + pick(Math.min(H, 3));
      const from = pick(H - len + 1);
      const to = pick(H - len + 1);
      const k = pick(this.maxPerDay);
      const next = new Map<number, number>();
      for (let d = from; d < from + len; d++) next.set(d, -1);
      for (let d = to; d < to + len; d++) next.set(d, byDay[d][k] ?? -1);
      for (const [d, s] of next) changes.push({ e, d, s });
      return changes;
    }
    if (kind === 'block') {
      const e = pick(nE);
      const len = 1 + pick(Math.min(H, 6));
      const d0 = pick(H - len + 1);
      const k = pick(this.maxPerDay + 1) - 1;
      for (let d = d0; d < d0 + len; d++) changes.push({ e, d, s: k < 0 ? -1 : (byDay[d][k] ?? -1) });
      return changes;
    }
    const e = pick(nE);
    const d = pick(H);
    const k = pick(byDay[d].length + 1) - 1;
    changes.push({ e, d, s: k < 0 ? -1 : byDay[d][k] });
    return changes;
  }

  /** Under-covered slots of the current state. */
  shortSlots(): number[] {
    const st = this.state();
    const out: number[] = [];
    this.problem.covers.forEach((cover, c) => {
      if (st.coverCount[c] < cover.target) out.push(...cover.slots);
    });
    return out;
  }

  /**
   * Median cost increase of random feasible moves from the loaded roster, below the shortfall
   * price: the temperature scale. The state is unchanged.
   */
  typicalUphill(random: () => number): number {
    const ups: number[] = [];
    const kinds: MoveKind[] = ['one', 'block', 'swap'];
    for (let i = 0; i < 20_000 && ups.length < 200; i++) {
      const delta = this.tryMove(this.randomMove(kinds[i % kinds.length], random, []));
      if (delta === null) continue;
      this.undo();
      // Moves into a minutes shortfall (or an open kring seat) are near-hard: not the scale.
      if (delta > 1e-9 && delta < MIN_MINUTES_SHORTFALL_COST) ups.push(delta);
    }
    ups.sort((a, b) => a - b);
    return ups.length ? ups[Math.floor(ups.length / 2)] : 1;
  }

  /** Simulated annealing from the given roster; returns the best roster met. */
  run(start: CoreRoster, opts: LocalSearchOptions): LocalSearchResult {
    const started = performance.now();
    const random = mulberry32(opts.seed ?? 1);
    this.load(start);
    let current = modelObjective(this.problem, start);
    if (this.ctx.nE === 0 || this.ctx.H === 0 || this.problem.slots.length === 0)
      return { roster: this.roster(), objective: current, moves: 0, accepted: 0 };
    let best = current;
    let bestRoster = this.roster();
    const scale = opts.startTemperature === undefined ? this.typicalUphill(random) : 0;
    const t0 = opts.startTemperature ?? 3 * scale;
    const t1 = opts.endTemperature ?? t0 / 150;
    const maxMoves = opts.maxMoves ?? Infinity;
    let moves = 0;
    let accepted = 0;
    let temperature = t0;
    let shortSlots = this.shortSlots();
    const kinds: MoveKind[] = [
      'one',
      'block',
      'swap',
      'swap',
      'fill',
      'slide',
      'slide',
      'relocate',
      'relocate',
      'swap2',
    ];
    for (;;) {
      if ((moves & 255) === 0) {
        const progress = Number.isFinite(maxMoves)
          ? moves / maxMoves
          : (performance.now() - started) / opts.budgetMs;
        if (progress >= 1 || opts.shouldStop?.()) break;
        temperature = t0 * Math.pow(t1 / t0, progress);
        shortSlots = this.shortSlots();
      }
      if (moves >= maxMoves) break;
      moves++;
      const kind = kinds[Math.floor(random() * kinds.length)];
      const delta = this.tryMove(this.randomMove(kind, random, shortSlots));
      if (delta === null) continue;
      if (delta <= 0 || random() < Math.exp(-delta / temperature)) {
        accepted++;
        current += delta;
        if (current < best - 1e-9) {
          best = current;
          bestRoster = this.roster();
        }
      } else this.undo();
    }
    return { roster: bestRoster, objective: best, moves, accepted };
  }
}
