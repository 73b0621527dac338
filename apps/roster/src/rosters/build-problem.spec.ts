import { Gp, GpPreference } from '../gps/gp.entity';
import { DEFAULT_SETTINGS } from '../kringen/kring.entity';
import { Shift } from './roster.entity';
import { buildKringProblem, shareOf } from './build-problem';

const gp = (id: string, over: Partial<Gp> = {}): Gp =>
  Object.assign(new Gp(), {
    id,
    kringId: 'k',
    participationFactor: 1,
    birthYear: 1980,
    capabilities: [],
    exemptions: [],
    active: true,
    ...over,
  });

const shift = Object.assign(new Shift(), {
  id: 's1',
  kind: 'wachtpost',
  zoneId: 'z',
  startsAt: new Date('2026-10-24T17:00:00Z'),
  endsAt: new Date('2026-10-25T07:00:00Z'),
  minutes: 840,
  weight: 1.5,
  need: { first: 1 },
  requires: [],
  tags: ['night', 'weekend'],
});

describe('building the kring problem', () => {
  it('scales the share by participation, age and exempted days', () => {
    expect(shareOf(gp('a', { participationFactor: 0.5 }), DEFAULT_SETTINGS, '2026-04-01', '2026-04-30')).toBe(
      0.5,
    );
    expect(shareOf(gp('b', { birthYear: 1965 }), DEFAULT_SETTINGS, '2026-04-01', '2026-04-30')).toBe(0.5);
    expect(shareOf(gp('c', { birthYear: 1960 }), DEFAULT_SETTINGS, '2026-04-01', '2026-04-30')).toBe(0);
    const exempt = gp('d', { exemptions: [{ reason: 'childbirth', from: '2026-04-16', to: '2026-06-30' }] });
    expect(shareOf(exempt, DEFAULT_SETTINGS, '2026-04-01', '2026-04-30')).toBe(0.5);
  });

  it('gives local times with offset, unavailability as instants, wishes per shift and the year balance', () => {
    const prefs: GpPreference[] = [
      {
        id: 'p1',
        gpId: 'a',
        kind: 'unavailable',
        fromDate: '2026-10-26',
        toDate: '2026-10-26',
        dutyKind: null,
      },
      {
        id: 'p2',
        gpId: 'a',
        kind: 'avoid',
        fromDate: '2026-10-24',
        toDate: '2026-10-24',
        dutyKind: 'wachtpost',
      },
      {
        id: 'p3',
        gpId: 'b',
        kind: 'want',
        fromDate: '2026-10-24',
        toDate: '2026-10-24',
        dutyKind: 'dagwacht',
      },
    ];
    const problem = buildKringProblem({
      settings: DEFAULT_SETTINGS,
      from: '2026-10-19',
      to: '2026-10-31',
      shifts: [shift],
      gps: [gp('a'), gp('b'), gp('old', { birthYear: 1950 })],
      preferences: prefs,
      locked: [],
      earlier: [{ gpId: 'a', minutes: 600, weight: 2 }],
      earlierEves: [
        { gpId: 'b', tags: ['christmas_eve', 'holiday'], year: 2025 },
        { gpId: 'b', tags: ['christmas_eve'], year: 2025 },
        { gpId: 'b', tags: ['new_years_eve'], year: 2023 },
      ],
    });
    expect(problem.shifts[0]).toMatchObject({
      start: '2026-10-24T19:00:00.000+02:00',
      end: '2026-10-25T08:00:00.000+01:00',
      minutes: 840,
    });
    expect(problem.gps.map((g) => g.id)).toEqual(['a', 'b']);
    const [a, b] = problem.gps;
    expect(a.unavailable).toEqual([
      { start: '2026-10-26T00:00:00.000+01:00', end: '2026-10-27T00:00:00.000+01:00' },
    ]);
    expect(a.wishes).toEqual([{ shiftId: 's1', want: false, weight: 1 }]);
    expect(b.wishes).toEqual([]);
    expect(a.carriedOver).toBe(10);
    expect(b.carriedOver).toBe(-10);
    expect(b.eveHistory).toEqual([
      { tag: 'christmas_eve', yearsAgo: 1 },
      { tag: 'new_years_eve', yearsAgo: 3 },
    ]);
    expect(problem.rules.minRestHours).toBe(11);
    // The 76-year-old takes no part, and the problem says why (for a refused manual change).
    expect(problem.absent).toEqual([
      { gpId: 'old', reason: 'no_share: 76 jaar in 2026, geen wachtdienst vanaf 65 jaar' },
    ]);
  });
});
