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
      lastYearTags: [],
    },
    {
      id: 'b',
      share: 1,
      capabilities: [],
      unavailable: [{ start: '2026-10-24T00:00:00+02:00', end: '2026-10-25T00:00:00+02:00' }],
      wishes: [],
      carriedOver: 0,
      lastYearTags: [],
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
