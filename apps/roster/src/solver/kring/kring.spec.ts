import { checkKringAssignments, solveKring } from '../index';
import type { KringGp, KringProblem, KringShift } from '../kring-problem';
import { kringToCore } from './kring-to-core';

const DAY = ['03', '04', '05', '06', '07', '08', '09']; // Mon 3 - Sun 9 March 2025 (CET, +01:00)
const at = (day: string, hour: string) => `2025-03-${day}T${hour}:00:00+01:00`;
const next = (day: string) => String(Number(day) + 1).padStart(2, '0');

function shift(id: string, start: string, end: string, extra: Partial<KringShift> = {}): KringShift {
  return {
    id,
    kind: 'wachtpost',
    zoneId: 'z1',
    start,
    end,
    minutes: (Date.parse(end) - Date.parse(start)) / 60000,
    weight: 1,
    need: { first: 1 },
    tags: [],
    ...extra,
  };
}

function gp(id: string, extra: Partial<KringGp> = {}): KringGp {
  return {
    id,
    share: 1,
    capabilities: ['home_visits'],
    unavailable: [],
    wishes: [],
    carriedOver: 0,
    eveHistory: [],
    ...extra,
  };
}

function smallKring(): KringProblem {
  const shifts: KringShift[] = [];
  DAY.forEach((d, i) => {
    if (i < 5)
      shifts.push(
        shift(`day-${d}`, at(d, '08'), at(d, '19'), { kind: 'dagwacht', requires: ['home_visits'] }),
      );
    shifts.push(
      shift(`night-${d}`, at(d, '19'), at(next(d), '08'), {
        weight: 1.5,
        need: i >= 5 ? { first: 1, backup: 1 } : { first: 1 },
      }),
    );
  });
  return {
    shifts,
    gps: [
      gp('g1'),
      gp('g2'),
      gp('g3', { capabilities: [] }),
      gp('g4', { unavailable: [{ start: at('05', '00'), end: at('07', '00') }] }),
      gp('g5'),
      gp('g6'),
    ],
    rules: {
      minRestHours: 11,
      maxShiftsPerWeek: 3,
      weights: { fairness: 10, wish: 5, spread: 2, rotation: 50 },
    },
    locked: [],
  };
}

describe('solveKring', () => {
  it('covers every seat without breaking a hard rule on a small kring', async () => {
    const problem = smallKring();
    const solution = await solveKring(problem, { timeLimitSeconds: 20 });
    expect(solution.uncovered).toEqual([]);
    expect(['optimal', 'feasible']).toContain(solution.status);
    expect(checkKringAssignments(problem, solution.assignments)).toEqual([]);
    // capability and unavailability, spelled out
    const byGp = (id: string) => solution.assignments.filter((a) => a.gpId === id).map((a) => a.shiftId);
    expect(byGp('g3').filter((s) => s.startsWith('day-'))).toEqual([]);
    expect(byGp('g4').filter((s) => ['night-04', 'day-05', 'night-05', 'day-06'].includes(s))).toEqual([]);
  });

  it('keeps every GP close to her fair share of the weighted hours', async () => {
    const problem = smallKring();
    const solution = await solveKring(problem, { timeLimitSeconds: 20 });
    const load = (s: KringShift) => (s.minutes / 60) * s.weight;
    const shifts = new Map(problem.shifts.map((s) => [s.id, s]));
    const total = problem.shifts.reduce(
      (t, s) => t + load(s) * Object.values(s.need).reduce((a, b) => a + (b ?? 0), 0),
      0,
    );
    const largest = Math.max(...problem.shifts.map(load));
    for (const g of problem.gps) {
      const mine = solution.assignments
        .filter((a) => a.gpId === g.id)
        .reduce((t, a) => t + load(shifts.get(a.shiftId)!), 0);
      expect(Math.abs(mine - total / problem.gps.length)).toBeLessThanOrEqual(largest);
    }
  });

  it('names seats it cannot cover and why instead of failing', async () => {
    const problem: KringProblem = {
      shifts: [
        shift('day', at('03', '08'), at('03', '19'), { need: { first: 1, backup: 1 } }),
        shift('night', at('03', '19'), at('04', '08')),
        shift('echo', at('05', '08'), at('05', '12'), { requires: ['ultrasound'] }),
      ],
      gps: [gp('g1'), gp('g2')],
      rules: {
        minRestHours: 11,
        maxShiftsPerWeek: 5,
        weights: { fairness: 1, wish: 1, spread: 0, rotation: 0 },
      },
      // the planner locked both GPs on the day shift, so the night right after has nobody rested
      locked: [
        { shiftId: 'day', role: 'first', gpId: 'g1' },
        { shiftId: 'day', role: 'backup', gpId: 'g2' },
      ],
    };
    const solution = await solveKring(problem, { timeLimitSeconds: 10 });
    expect(solution.status).toBe('partial');
    const reasons = Object.fromEntries(solution.uncovered.map((u) => [u.shiftId, u.reason]));
    expect(reasons.echo).toContain('no GP with capability ultrasound is available');
    expect(reasons.night).toContain('every eligible GP would break the 11 h rest rule');
    expect(solution.uncovered.every((u) => u.missing === 1)).toBe(true);
    expect(checkKringAssignments(problem, solution.assignments).filter((v) => v.rule !== 'coverage')).toEqual(
      [],
    );
  });

  it('explains every seat when nobody may take any of them (no assignment column at all)', async () => {
    const problem: KringProblem = {
      shifts: [shift('echo', at('05', '08'), at('05', '12'), { requires: ['ultrasound'] })],
      gps: [gp('g1'), gp('g2')],
      rules: {
        minRestHours: 11,
        maxShiftsPerWeek: 5,
        weights: { fairness: 1, wish: 1, spread: 0, rotation: 0 },
      },
      locked: [],
    };
    const solution = await solveKring(problem, { timeLimitSeconds: 5 });
    expect(solution.status).toBe('partial');
    expect(solution.assignments).toEqual([]);
    expect(solution.uncovered.map((u) => u.reason)).toEqual([
      expect.stringContaining('no GP with capability ultrasound is available'),
    ]);
  });

  it('returns the best roster so far, marked cancelled, when aborted', async () => {
    const problem = smallKring();
    const controller = new AbortController();
    controller.abort();
    const solution = await solveKring(problem, { timeLimitSeconds: 30, signal: controller.signal });
    expect(solution.status).toBe('cancelled');
    expect(Array.isArray(solution.assignments)).toBe(true);
  });

  it('reports progress ending in done', async () => {
    const phases: string[] = [];
    await solveKring(smallKring(), { timeLimitSeconds: 10, onProgress: (p) => phases.push(p.phase) });
    expect(phases[phases.length - 1]).toBe('done');
    expect(phases).toContain('solving');
  });
});

/** Two weeks, day shifts, nights and weekend backups, 24 GPs with holidays and capabilities. */
function twoWeekKring(): KringProblem {
  const shifts: KringShift[] = [];
  for (let i = 0; i < 14; i++) {
    const d = String(3 + i).padStart(2, '0');
    const weekend = i % 7 >= 5;
    if (!weekend)
      shifts.push(
        shift(`day-${d}`, at(d, '08'), at(d, '19'), { kind: 'dagwacht', requires: ['home_visits'] }),
      );
    shifts.push(
      shift(`night-${d}`, at(d, '19'), at(next(d), '08'), {
        weight: weekend ? 1.5 : 1.2,
        need: weekend ? { first: 1, backup: 1 } : { first: 1 },
      }),
    );
  }
  const gps = Array.from({ length: 24 }, (_, i) =>
    gp(`g${i}`, {
      share: i % 4 === 0 ? 0.5 : 1,
      capabilities: i % 3 === 0 ? [] : ['home_visits'],
      unavailable:
        i % 5 === 0
          ? [
              {
                start: at(String(3 + (i % 10)).padStart(2, '0'), '00'),
                end: at(String(6 + (i % 10)).padStart(2, '0'), '00'),
              },
            ]
          : [],
    }),
  );
  return {
    shifts,
    gps,
    rules: {
      minRestHours: 11,
      maxShiftsPerWeek: 2,
      weights: { fairness: 10, wish: 5, spread: 2, rotation: 50 },
    },
    locked: [],
  };
}

describe('solveKring with a short time limit', () => {
  it('still returns a fully covered roster without hard violations (greedy incumbent)', async () => {
    const problem = twoWeekKring();
    const solution = await solveKring(problem, { timeLimitSeconds: 1 });
    expect(solution.uncovered).toEqual([]);
    expect(['optimal', 'feasible']).toContain(solution.status);
    expect(checkKringAssignments(problem, solution.assignments)).toEqual([]);
    const seats = problem.shifts.reduce(
      (n, s) => n + Object.values(s.need).reduce((a, b) => a + (b ?? 0), 0),
      0,
    );
    expect(solution.assignments).toHaveLength(seats);
  });
});

describe('checkKringAssignments', () => {
  const problem = smallKring();
  const full = (changes: { shiftId: string; role?: 'first' | 'backup'; gpId: string }[]) =>
    changes.map((c) => ({ role: 'first' as const, ...c }));

  it('names overlap, rest, capability, unavailability, weekly maximum and coverage', () => {
    const violations = checkKringAssignments(
      problem,
      full([
        { shiftId: 'day-03', gpId: 'g3' }, // lacks home_visits
        { shiftId: 'night-03', gpId: 'g3' }, // 0 h rest after day-03
        { shiftId: 'day-05', gpId: 'g4' }, // unavailable
        { shiftId: 'night-06', gpId: 'g1' },
        { shiftId: 'night-07', gpId: 'g1' },
        { shiftId: 'night-08', gpId: 'g1' },
        { shiftId: 'night-09', gpId: 'g1' }, // fourth shift this week (rest broken too)
        { shiftId: 'night-09', role: 'backup', gpId: 'g1' }, // second seat on one shift
      ]),
    );
    const rules = new Set(violations.map((v) => v.rule));
    for (const rule of [
      'capability',
      'min_rest',
      'unavailable',
      'max_shifts_per_week',
      'coverage',
      'double_booking',
    ])
      expect(rules).toContain(rule);
    expect(violations.find((v) => v.rule === 'min_rest')!.message).toBe(
      'g3 gets 0.0 h rest between day-03 and night-03, at least 11 h required',
    );
    expect(violations.find((v) => v.rule === 'capability')!.message).toContain(
      'lacks capability home_visits',
    );
  });

  it('names an overlap', () => {
    const overlapping: KringProblem = {
      ...problem,
      shifts: [shift('a', at('03', '08'), at('03', '19')), shift('b', at('03', '12'), at('03', '20'))],
    };
    const violations = checkKringAssignments(
      overlapping,
      full([
        { shiftId: 'a', gpId: 'g1' },
        { shiftId: 'b', gpId: 'g1' },
      ]),
    );
    expect(violations.map((v) => v.rule)).toEqual(['overlap']);
  });
});

describe('capability per role', () => {
  const supervised = (): KringProblem => ({
    shifts: DAY.slice(0, 4).map((d) =>
      shift(`night-${d}`, at(d, '19'), at(next(d), '08'), { need: { first: 1, supervisor: 1 } }),
    ),
    gps: [
      gp('sup1', { capabilities: ['home_visits', 'supervisor'] }),
      gp('sup2', { capabilities: ['supervisor'] }),
      gp('g1'),
      gp('g2'),
    ],
    rules: {
      minRestHours: 11,
      maxShiftsPerWeek: 3,
      weights: { fairness: 10, wish: 5, spread: 0, rotation: 0 },
    },
    locked: [],
  });

  it('forbids the supervisor seat in the model to a GP without the supervisor capability, with the reason', () => {
    const { core, slotOf } = kringToCore(supervised());
    const sup = slotOf('night-03', 'supervisor')!;
    const first = slotOf('night-03', 'first')!;
    const g1 = core.employees.find((e) => e.id === 'g1')!;
    expect(g1.forbidden.get(sup)).toBe('lacks capability supervisor');
    expect(g1.forbidden.has(first)).toBe(false);
    expect(core.employees.find((e) => e.id === 'sup2')!.forbidden.has(sup)).toBe(false);
  });

  it('gives supervisor seats only to supervisors, and explains a seat no supervisor can take', async () => {
    const problem = supervised();
    const solution = await solveKring(problem, { timeLimitSeconds: 10 });
    expect(solution.uncovered).toEqual([]);
    expect(checkKringAssignments(problem, solution.assignments)).toEqual([]);
    const supervisors = solution.assignments.filter((a) => a.role === 'supervisor').map((a) => a.gpId);
    expect(supervisors).toHaveLength(4);
    expect(supervisors.every((g) => g.startsWith('sup'))).toBe(true);

    const none = { ...problem, gps: problem.gps.filter((g) => !g.id.startsWith('sup')) };
    const partial = await solveKring(none, { timeLimitSeconds: 5 });
    expect(partial.uncovered.map((u) => [u.role, u.reason])).toEqual(
      DAY.slice(0, 4).map(() => [
        'supervisor',
        'no_capability: no GP with capability supervisor is available',
      ]),
    );
  });

  it('names a supervisor seat held without the capability (manual change, swap, publish)', () => {
    const problem = supervised();
    const violations = checkKringAssignments(problem, [
      { shiftId: 'night-03', role: 'first', gpId: 'sup1' },
      { shiftId: 'night-03', role: 'supervisor', gpId: 'g1' },
    ]);
    expect(violations.filter((v) => v.rule === 'capability')).toEqual([
      {
        rule: 'capability',
        shiftId: 'night-03',
        role: 'supervisor',
        gpId: 'g1',
        message: 'g1 lacks capability supervisor required by shift night-03 as supervisor',
      },
    ]);
  });
});

describe("shifts in the kring's other rosters", () => {
  // This roster: Monday 3 - Thursday 6 March, nights. The roster before ended with g1 on Sunday
  // night (until Monday 08:00) and g2 on Saturday night; the week 3-9 March has g3 twice more
  // in the roster after (Friday and Saturday).
  const problem = (): KringProblem => ({
    shifts: DAY.slice(0, 4).map((d) => shift(`night-${d}`, at(d, '19'), at(next(d), '08'))),
    gps: [gp('g1'), gp('g2'), gp('g3'), gp('g4')],
    rules: {
      minRestHours: 12,
      maxShiftsPerWeek: 3,
      weights: { fairness: 10, wish: 5, spread: 1, rotation: 0 },
    },
    locked: [],
    elsewhere: [
      {
        gpId: 'g1',
        shiftId: 'sun',
        rosterId: 'before',
        start: '2025-03-02T19:00:00+01:00',
        end: at('03', '08'),
      },
      { gpId: 'g3', shiftId: 'fri', rosterId: 'after', start: at('07', '19'), end: at('08', '08') },
      { gpId: 'g3', shiftId: 'sat', rosterId: 'after', start: at('08', '19'), end: at('09', '08') },
    ],
  });

  it('forbids seats within the rest period of an existing assignment, naming it, and counts the week', () => {
    const { core, slotOf } = kringToCore(problem());
    const g1 = core.employees.find((e) => e.id === 'g1')!;
    expect(g1.forbidden.get(slotOf('night-03', 'first')!)).toBe(
      'less than 12 h rest from her shift sun (2025-03-02T19:00:00+01:00 - 2025-03-03T08:00:00+01:00) of roster before',
    );
    expect(g1.forbidden.has(slotOf('night-04', 'first')!)).toBe(false);
    const g3 = core.employees.find((e) => e.id === 'g3')!;
    expect(g3.limits).toEqual([
      expect.objectContaining({ max: 1, label: 'shifts in week 2025-W10 (besides 2 in other rosters)' }),
    ]);
  });

  it('solves around them and the checker names a break of either rule', async () => {
    const p = problem();
    const solution = await solveKring(p, { timeLimitSeconds: 10 });
    expect(solution.uncovered).toEqual([]);
    expect(checkKringAssignments(p, solution.assignments)).toEqual([]);
    expect(solution.assignments.find((a) => a.shiftId === 'night-03')!.gpId).not.toBe('g1');
    expect(solution.assignments.filter((a) => a.gpId === 'g3').length).toBeLessThanOrEqual(1);

    const rules = checkKringAssignments(p, [
      { shiftId: 'night-03', role: 'first', gpId: 'g1' },
      { shiftId: 'night-04', role: 'first', gpId: 'g3' },
      { shiftId: 'night-06', role: 'first', gpId: 'g3' },
      { shiftId: 'night-05', role: 'first', gpId: 'g2' },
    ]).map((v) => `${v.rule}: ${v.message}`);
    expect(rules).toEqual([
      'min_rest: g1 gets 11.0 h rest between shift night-03 and her shift sun (2025-03-02T19:00:00+01:00 - 2025-03-03T08:00:00+01:00) of roster before, at least 12 h required',
      'min_rest: g3 gets 11.0 h rest between shift night-06 and her shift fri (2025-03-07T19:00:00+01:00 - 2025-03-08T08:00:00+01:00) of roster after, at least 12 h required',
      'max_shifts_per_week: g3 works 4 shifts in week 2025-W10 (2 of them in other rosters), at most 3',
    ]);
  });

  it('explains a seat that only GPs bound elsewhere could take', async () => {
    // Only g1, bound by Sunday night: she can take Wednesday, not Monday.
    const p = { ...problem(), gps: [gp('g1')], shifts: [problem().shifts[0], problem().shifts[2]] };
    const solution = await solveKring(p, { timeLimitSeconds: 5 });
    expect(solution.assignments).toEqual([{ shiftId: 'night-05', role: 'first', gpId: 'g1' }]);
    expect(solution.uncovered).toEqual([
      expect.objectContaining({
        shiftId: 'night-03',
        reason: expect.stringMatching(/^min_rest: every eligible GP would break the 12 h rest rule/),
      }),
    ]);
  });
});
