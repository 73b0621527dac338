import { CoreProblem, CoreRoster, slotsByDay } from './roster-core';

export interface CoreViolation {
  rule:
    | 'forbidden'
    | 'fixed'
    | 'clique'
    | 'cover_max'
    | 'limit'
    | 'min_minutes'
    | 'max_minutes'
    | 'max_consecutive'
    | 'min_consecutive'
    | 'min_consecutive_off'
    | 'max_weekends';
  employee?: string;
  message: string;
}

export interface CoreEvaluation {
  /** Sum of the weighted soft violations (what the benchmark calls the objective). */
  objective: number;
  violations: CoreViolation[];
  /** Total missing people over all covers. */
  uncovered: number;
}

/** Scores a roster and lists every broken hard rule. Pure; the reference the MIP is checked against. */
export function evaluateRoster(problem: CoreProblem, roster: CoreRoster): CoreEvaluation {
  const violations: CoreViolation[] = [];
  let objective = problem.offset;
  let uncovered = 0;
  const takenBy = new Map<number, number>();
  for (const slots of roster) for (const s of slots) takenBy.set(s, (takenBy.get(s) ?? 0) + 1);

  for (const cover of problem.covers) {
    const count = cover.slots.reduce((n, s) => n + (takenBy.get(s) ?? 0), 0);
    if (count < cover.target) {
      objective += (cover.target - count) * cover.underWeight;
      uncovered += cover.target - count;
    } else if (count > cover.target) {
      if (cover.overWeight === null) {
        violations.push({
          rule: 'cover_max',
          message: `${cover.label}: ${count} people, at most ${cover.target} allowed`,
        });
      } else objective += (count - cover.target) * cover.overWeight;
    }
  }

  const byDay = slotsByDay(problem);
  const cliquesOfSlot = new Map<number, number[]>();
  problem.cliques.forEach((clique, c) => {
    for (const s of clique) cliquesOfSlot.set(s, [...(cliquesOfSlot.get(s) ?? []), c]);
  });

  problem.employees.forEach((emp, e) => {
    const taken = new Set(roster[e] ?? []);
    const who = emp.id;
    const push = (rule: CoreViolation['rule'], message: string) =>
      violations.push({ rule, employee: who, message: `${who}: ${message}` });

    for (const s of taken) {
      const reason = emp.forbidden.get(s);
      if (reason !== undefined) push('forbidden', `${problem.slots[s].label} is not allowed (${reason})`);
      objective += emp.costs.get(s) ?? 0;
    }
    for (const s of emp.fixed)
      if (!taken.has(s)) push('fixed', `locked ${problem.slots[s].label} is missing`);

    const checkedCliques = new Set<number>();
    for (const s of taken) {
      for (const c of cliquesOfSlot.get(s) ?? []) {
        if (checkedCliques.has(c)) continue;
        checkedCliques.add(c);
        const inClique = problem.cliques[c].filter((t) => taken.has(t));
        if (inClique.length > 1)
          push('clique', `cannot take both ${inClique.map((t) => problem.slots[t].label).join(' and ')}`);
      }
    }
    for (const limit of emp.limits) {
      const n = limit.slots.filter((s) => taken.has(s)).length;
      if (n > limit.max) push('limit', `${n} ${limit.label}, at most ${limit.max}`);
    }

    const minutes = [...taken].reduce((m, s) => m + problem.slots[s].minutes, 0);
    if (emp.minMinutes !== undefined && minutes < emp.minMinutes)
      push('min_minutes', `works ${minutes} minutes, at least ${emp.minMinutes} required`);
    if (emp.maxMinutes !== undefined && minutes > emp.maxMinutes)
      push('max_minutes', `works ${minutes} minutes, at most ${emp.maxMinutes} allowed`);

    const works = byDay.map((slots) => slots.some((s) => taken.has(s)));
    for (const stretch of stretches(works)) {
      const touchesEdge = stretch.start === 0 || stretch.end === problem.days - 1;
      const span = `days ${stretch.start}-${stretch.end}`;
      if (stretch.working) {
        if (emp.maxConsecutive !== undefined && stretch.length > emp.maxConsecutive)
          push(
            'max_consecutive',
            `${stretch.length} consecutive shifts (${span}), at most ${emp.maxConsecutive}`,
          );
        if (emp.minConsecutive !== undefined && !touchesEdge && stretch.length < emp.minConsecutive)
          push(
            'min_consecutive',
            `${stretch.length} consecutive shifts (${span}), at least ${emp.minConsecutive}`,
          );
      } else if (
        emp.minConsecutiveOff !== undefined &&
        !touchesEdge &&
        stretch.length < emp.minConsecutiveOff
      ) {
        push(
          'min_consecutive_off',
          `${stretch.length} consecutive days off (${span}), at least ${emp.minConsecutiveOff}`,
        );
      }
    }
    if (emp.maxWeekends !== undefined) {
      const worked = problem.weekends.filter((days) => days.some((d) => works[d])).length;
      if (worked > emp.maxWeekends)
        push('max_weekends', `works ${worked} weekends, at most ${emp.maxWeekends}`);
    }
    if (emp.loadTarget) {
      const load = [...taken].reduce((l, s) => l + problem.slots[s].load, 0);
      objective += Math.abs(load - emp.loadTarget.value) * emp.loadTarget.weight;
    }
  });

  for (const pair of problem.pairs) {
    for (const slots of roster)
      if (slots.includes(pair.a) && slots.includes(pair.b)) objective += pair.weight;
  }
  return { objective, violations, uncovered };
}

export function stretches(
  works: boolean[],
): { start: number; end: number; length: number; working: boolean }[] {
  const result: { start: number; end: number; length: number; working: boolean }[] = [];
  let start = 0;
  for (let d = 1; d <= works.length; d++) {
    if (d === works.length || works[d] !== works[start]) {
      result.push({ start, end: d - 1, length: d - start, working: works[start] });
      start = d;
    }
  }
  return result;
}
