import { KringProblem } from '../solver';
import { decideAssignments } from './assignment.rules';

const problem: KringProblem = {
  shifts: [
    {
      id: 'fri',
      kind: 'wachtpost',
      zoneId: 'z',
      start: '2026-10-23T19:00:00+02:00',
      end: '2026-10-24T08:00:00+02:00',
      minutes: 780,
      weight: 1,
      need: { first: 1 },
      tags: [],
    },
    {
      id: 'sat',
      kind: 'wachtpost',
      zoneId: 'z',
      start: '2026-10-24T08:00:00+02:00',
      end: '2026-10-24T19:00:00+02:00',
      minutes: 660,
      weight: 1,
      need: { first: 1 },
      tags: [],
    },
    {
      id: 'sat-n',
      kind: 'wachtpost',
      zoneId: 'z',
      start: '2026-10-24T19:00:00+02:00',
      end: '2026-10-25T08:00:00+01:00',
      minutes: 840,
      weight: 1,
      need: { first: 1 },
      requires: ['home_visits'],
      tags: [],
    },
  ],
  gps: [
    {
      id: 'a',
      share: 1,
      capabilities: ['home_visits'],
      unavailable: [],
      wishes: [],
      carriedOver: 0,
      eveHistory: [],
    },
    {
      id: 'b',
      share: 1,
      capabilities: [],
      unavailable: [{ start: '2026-10-24T00:00:00+02:00', end: '2026-10-25T00:00:00+02:00' }],
      wishes: [],
      carriedOver: 0,
      eveHistory: [],
    },
  ],
  rules: { minRestHours: 11, maxShiftsPerWeek: 3, weights: { fairness: 1, wish: 1, spread: 1, rotation: 1 } },
  locked: [],
};

describe('deciding a change of assignments', () => {
  it('lets a draft be filled seat by seat', () => {
    expect(
      decideAssignments(problem, [], [{ shiftId: 'fri', role: 'first', gpId: 'a' }], {
        published: false,
        field: 'gpId',
      }),
    ).toEqual([]);
  });

  it('explains a broken rest rule, unavailability and a missing capability', () => {
    const before = [{ shiftId: 'fri', role: 'first' as const, gpId: 'a' }];
    const rest = decideAssignments(
      problem,
      before,
      [...before, { shiftId: 'sat', role: 'first', gpId: 'a' }],
      { published: false, field: 'gpId' },
    );
    expect(rest.map((e) => e.reason.split(':')[0])).toEqual(['min_rest']);
    const unavailable = decideAssignments(problem, [], [{ shiftId: 'sat', role: 'first', gpId: 'b' }], {
      published: false,
      field: 'gpId',
    });
    expect(unavailable.map((e) => e.reason.split(':')[0])).toEqual(['unavailable']);
    const capability = decideAssignments(problem, [], [{ shiftId: 'sat-n', role: 'first', gpId: 'b' }], {
      published: false,
      field: 'gpId',
    });
    expect(capability.map((e) => e.reason.split(':')[0])).toContain('capability');
  });

  it('names an unknown GP as the field', () => {
    expect(
      decideAssignments(problem, [], [{ shiftId: 'fri', role: 'first', gpId: 'zz' }], {
        published: false,
        field: 'gpId',
      }),
    ).toEqual([{ field: 'gpId', reason: expect.any(String) }]);
  });

  it('gives a GP who takes no part in the period the real reason, not "unknown"', () => {
    const withAbsent: KringProblem = {
      ...problem,
      absent: [{ gpId: 'old', reason: 'no_share: 66 jaar in 2026, geen wachtdienst vanaf 65 jaar' }],
    };
    expect(
      decideAssignments(withAbsent, [], [{ shiftId: 'fri', role: 'first', gpId: 'old' }], {
        published: false,
        field: 'gpId',
      }),
    ).toEqual([{ field: 'gpId', reason: 'no_share: 66 jaar in 2026, geen wachtdienst vanaf 65 jaar' }]);
  });

  it('needs the supervisor capability for the supervisor seat, whatever the shift requires', () => {
    const supervised: KringProblem = {
      ...problem,
      shifts: problem.shifts.map((s) => (s.id === 'fri' ? { ...s, need: { first: 1, supervisor: 1 } } : s)),
      gps: [
        ...problem.gps,
        { ...problem.gps[0], id: 'sup', capabilities: ['supervisor'] },
        { ...problem.gps[0], id: 'c', capabilities: ['home_visits'] },
      ],
    };
    const change = (gpId: string) =>
      decideAssignments(supervised, [], [{ shiftId: 'fri', role: 'supervisor', gpId }], {
        published: false,
        field: 'gpId',
      });
    expect(change('c')).toEqual([
      {
        field: 'gpId',
        reason: 'capability: c lacks capability supervisor required by shift fri as supervisor',
      },
    ]);
    expect(change('sup')).toEqual([]);
    // The first seat of that shift needs no supervisor.
    expect(
      decideAssignments(supervised, [], [{ shiftId: 'fri', role: 'first', gpId: 'c' }], {
        published: false,
        field: 'gpId',
      }),
    ).toEqual([]);
  });

  it("checks rest and the weekly maximum against her shifts in the kring's other rosters", () => {
    const neighbours: KringProblem = {
      ...problem,
      rules: { ...problem.rules, maxShiftsPerWeek: 2 },
      elsewhere: [
        // Thursday night in the roster before: Friday 08:00 -> 19:00 is 11 h, allowed.
        {
          gpId: 'a',
          shiftId: 'thu',
          rosterId: 'r0',
          start: '2026-10-22T19:00:00+02:00',
          end: '2026-10-23T08:00:00+02:00',
        },
        // Saturday evening 20:00 in another roster: 1 h after the Saturday day shift.
        {
          gpId: 'b',
          shiftId: 'sat-late',
          rosterId: 'r2',
          start: '2026-10-24T20:00:00+02:00',
          end: '2026-10-24T23:00:00+02:00',
        },
      ],
    };
    const reasons = (gpId: string, shiftIds: string[]) =>
      decideAssignments(
        neighbours,
        [],
        shiftIds.map((shiftId) => ({ shiftId, role: 'first' as const, gpId })),
        { published: false, field: 'gpId' },
      ).map((e) => e.reason);
    // fri alone: 2 shifts that week with thu. fri + sat-n: 3, one more than the maximum.
    expect(reasons('a', ['fri'])).toEqual([]);
    expect(reasons('a', ['fri', 'sat-n'])).toEqual([
      'max_shifts_per_week: a works 3 shifts in week 2026-W43 (1 of them in other rosters), at most 2',
    ]);
    const noUnavailability = { ...neighbours, gps: neighbours.gps.map((g) => ({ ...g, unavailable: [] })) };
    expect(
      decideAssignments(noUnavailability, [], [{ shiftId: 'sat', role: 'first', gpId: 'b' }], {
        published: true,
        field: 'gpId',
      })
        .map((e) => e.reason)
        .filter((r) => !r.startsWith('coverage')),
    ).toEqual([
      'min_rest: b gets 1.0 h rest between shift sat and her shift sat-late (2026-10-24T20:00:00+02:00 - 2026-10-24T23:00:00+02:00) of roster r2, at least 11 h required',
    ]);
  });

  it('refuses to leave a published seat empty or doubly filled', () => {
    const full = [
      { shiftId: 'fri', role: 'first' as const, gpId: 'a' },
      { shiftId: 'sat-n', role: 'first' as const, gpId: 'a' },
    ];
    const before = [...full, { shiftId: 'sat', role: 'first' as const, gpId: 'b' }];
    expect(
      decideAssignments(problem, before, full, { published: true, field: 'gpId' }).map(
        (e) => e.reason.split(':')[0],
      ),
    ).toEqual(['coverage']);
  });
});
