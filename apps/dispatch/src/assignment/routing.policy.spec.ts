import { DateTime } from 'luxon';
import { DutyKind, DutyRole } from '@permanentie/contracts';
import { ZONE } from '@permanentie/domain';
import {
  compareQueue,
  decideRouting,
  DutyView,
  dutyKindsFor,
  GpView,
  isOfficeHours,
  needsGp,
  RoutingCase,
  RoutingWorld,
  ZoneView,
} from './routing.policy';

const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const WED_10 = at('2026-11-25T10:00'); // Wednesday, office hours
const WED_22 = at('2026-11-25T22:00');
const SAT_10 = at('2026-11-28T10:00');
const HOURS = { start: 8, end: 19 };

const kase = (over: Partial<RoutingCase> = {}): RoutingCase => ({
  urgency: 'U3',
  channel: '1733',
  disposition: 'consultation',
  language: 'nl',
  postcode: '1500',
  zoneId: 'z1',
  ...over,
});

const zone = (zoneId: string, overflowZoneIds: string[] = [], postcodes: string[] = []): ZoneView => ({
  zoneId,
  wachtpostId: 'wp1',
  postcodes,
  overflowZoneIds,
  active: true,
});

const duty = (
  gpId: string,
  zoneId: string,
  dutyKind: DutyKind,
  role: DutyRole = 'first',
  from = '2026-11-25T00:00',
  to = '2026-11-26T08:00',
): DutyView => ({
  gpId,
  zoneId,
  dutyKind,
  role,
  startsAt: at(from),
  endsAt: at(to),
});

const gp = (gpId: string, languages: GpView['languages'] = ['nl'], practicePostcode = '1500'): GpView => ({
  gpId,
  languages,
  practicePostcode,
  active: true,
});

function world(over: Partial<RoutingWorld> & { gpList?: GpView[] } = {}): RoutingWorld {
  const { gpList = [], ...rest } = over;
  return {
    now: WED_22,
    zones: new Map([['z1', zone('z1')]]),
    duties: [],
    gps: new Map(gpList.map((g) => [g.gpId, g])),
    load: new Map(),
    maxOpenCases: 3,
    refused: new Set(),
    officeHours: HOURS,
    ...rest,
  };
}

describe('duty kind by channel and moment', () => {
  it('takes the dagwacht on a weekday in office hours, the wachtpost otherwise', () => {
    expect(dutyKindsFor('1733', WED_10, HOURS)[0]).toEqual(['dagwacht']);
    expect(dutyKindsFor('1733', WED_22, HOURS)).toEqual([['wachtpost', 'weekwacht']]);
    expect(dutyKindsFor('1733', SAT_10, HOURS)).toEqual([['wachtpost', 'weekwacht']]);
  });

  it('treats a legal holiday on a weekday as out of hours (11 November)', () => {
    expect(isOfficeHours(at('2026-11-11T10:00'), HOURS)).toBe(false);
    expect(isOfficeHours(at('2026-11-12T10:00'), HOURS)).toBe(true);
    expect(isOfficeHours(at('2026-11-12T19:00'), HOURS)).toBe(false);
    expect(isOfficeHours(at('2026-11-12T07:59'), HOURS)).toBe(false);
  });

  it('sends noodpunt walk-ins to the noodpunt and practice overflow to the overflow doctor', () => {
    expect(dutyKindsFor('noodpunt_walk_in', WED_22, HOURS)).toEqual([['noodpunt']]);
    expect(dutyKindsFor('practice_overflow', WED_10, HOURS)).toEqual([['overflow']]);
  });

  it('routes by the duty that covers the moment', () => {
    const duties = [
      duty('day', 'z1', 'dagwacht'),
      duty('night', 'z1', 'wachtpost'),
      duty('nood', 'z1', 'noodpunt'),
    ];
    const gps = [gp('day'), gp('night'), gp('nood')];
    expect(decideRouting(kase(), 'wp1', world({ now: WED_10, duties, gpList: gps }))).toMatchObject({
      gpId: 'day',
    });
    expect(decideRouting(kase(), 'wp1', world({ now: WED_22, duties, gpList: gps }))).toMatchObject({
      gpId: 'night',
    });
    expect(
      decideRouting(
        kase({ channel: 'noodpunt_walk_in' }),
        'wp1',
        world({ now: WED_10, duties, gpList: gps }),
      ),
    ).toMatchObject({ gpId: 'nood' });
  });

  it('falls back to the wachtpost duty in office hours when no dagwacht is rostered', () => {
    const d = decideRouting(
      kase(),
      'wp1',
      world({ now: WED_10, duties: [duty('wp', 'z1', 'wachtpost')], gpList: [gp('wp')] }),
    );
    expect(d).toMatchObject({ kind: 'offer', gpId: 'wp' });
  });

  it('ignores duties that do not cover now', () => {
    const d = decideRouting(
      kase(),
      'wp1',
      world({
        duties: [duty('later', 'z1', 'wachtpost', 'first', '2026-11-25T23:00', '2026-11-26T08:00')],
        gpList: [gp('later')],
      }),
    );
    expect(d).toMatchObject({ kind: 'alarm', reasonCode: 'no_gp_on_duty' });
  });
});

describe('choosing among the GPs on duty', () => {
  const duties = [duty('a', 'z1', 'wachtpost'), duty('b', 'z1', 'wachtpost'), duty('c', 'z1', 'wachtpost')];

  it("prefers the patient's language over a lower load", () => {
    const w = world({
      duties,
      gpList: [gp('a', ['nl']), gp('b', ['fr', 'nl']), gp('c', ['nl'])],
      load: new Map([['b', 2]]),
    });
    expect(decideRouting(kase({ language: 'fr' }), 'wp1', w)).toMatchObject({ gpId: 'b' });
  });

  it('then the lowest current load', () => {
    const w = world({
      duties,
      gpList: [gp('a'), gp('b'), gp('c')],
      load: new Map([
        ['a', 2],
        ['b', 1],
        ['c', 2],
      ]),
    });
    expect(decideRouting(kase(), 'wp1', w)).toMatchObject({ gpId: 'b' });
  });

  it('then, for a home visit, the shortest distance from the practice', () => {
    const w = world({
      duties,
      gpList: [gp('a', ['nl'], '3000'), gp('b', ['nl'], '1600'), gp('c', ['nl'], '2000')],
    });
    expect(
      decideRouting(kase({ disposition: 'home_visit_priority', postcode: '1500' }), 'wp1', w),
    ).toMatchObject({
      gpId: 'b',
    });
    // Not a home visit: distance does not count, the tie breaks on id.
    expect(decideRouting(kase({ postcode: '1500' }), 'wp1', w)).toMatchObject({ gpId: 'a' });
  });

  it('breaks ties between equal GPs per case, so simultaneous cases spread over them', () => {
    const w = world({ duties, gpList: [gp('a'), gp('b'), gp('c')] });
    const chosen = Array.from({ length: 30 }, (_, i) => decideRouting(kase({ caseId: `k${i}` }), 'wp1', w));
    const gpIds = chosen.map((d) => (d.kind === 'offer' ? d.gpId : ''));
    expect(new Set(gpIds)).toEqual(new Set(['a', 'b', 'c']));
    expect(decideRouting(kase({ caseId: 'k7' }), 'wp1', w)).toEqual(chosen[7]);
    expect(chosen[0]).toMatchObject({
      alternatives: expect.arrayContaining(['a', 'b', 'c'].filter((x) => x !== gpIds[0])),
    });
  });

  it('skips GPs at their maximum of open cases', () => {
    const w = world({
      duties,
      gpList: [gp('a'), gp('b'), gp('c')],
      load: new Map([
        ['a', 3],
        ['b', 3],
        ['c', 2],
      ]),
    });
    expect(decideRouting(kase(), 'wp1', w)).toMatchObject({ gpId: 'c' });
  });

  it('skips GPs who declined or let this case expire', () => {
    const w = world({ duties, gpList: [gp('a'), gp('b'), gp('c')], refused: new Set(['a', 'b']) });
    expect(decideRouting(kase(), 'wp1', w)).toMatchObject({ gpId: 'c', role: 'first' });
  });

  it('ignores inactive GPs', () => {
    const w = world({ duties, gpList: [{ ...gp('a'), active: false }, gp('b'), gp('c')] });
    expect(decideRouting(kase(), 'wp1', w)).toMatchObject({ gpId: 'b' });
  });
});

describe('backup, alarm and overflow', () => {
  const duties = [
    duty('first', 'z1', 'wachtpost'),
    duty('backup', 'z1', 'wachtpost', 'backup'),
    duty('sup', 'z1', 'wachtpost', 'supervisor'),
  ];
  const gpList = [gp('first'), gp('backup'), gp('sup')];

  it('goes to the backup (achterwacht) when the first GPs declined', () => {
    const d = decideRouting(kase(), 'wp1', world({ duties, gpList, refused: new Set(['first']) }));
    expect(d).toMatchObject({ kind: 'offer', gpId: 'backup', role: 'backup', rerouted: null });
  });

  it('raises the alarm with the supervisor when everyone declined', () => {
    const d = decideRouting(kase(), 'wp1', world({ duties, gpList, refused: new Set(['first', 'backup']) }));
    expect(d).toEqual({ kind: 'alarm', reasonCode: 'all_declined', zoneId: 'z1', supervisorGpId: 'sup' });
  });

  it('raises all_full when the willing GPs are at their maximum', () => {
    const d = decideRouting(
      kase(),
      'wp1',
      world({
        duties,
        gpList,
        load: new Map([
          ['first', 3],
          ['backup', 3],
        ]),
      }),
    );
    expect(d).toMatchObject({ kind: 'alarm', reasonCode: 'all_full' });
  });

  it('never offers to the supervisor', () => {
    const d = decideRouting(
      kase(),
      'wp1',
      world({ duties: [duty('sup', 'z1', 'wachtpost', 'supervisor')], gpList }),
    );
    expect(d).toMatchObject({ kind: 'alarm', reasonCode: 'no_gp_on_duty' });
  });

  it("follows the zone's overflow chain in order when nobody is on duty", () => {
    const zones = new Map([
      ['z1', zone('z1', ['z2', 'z3'])],
      ['z2', zone('z2')],
      ['z3', zone('z3')],
    ]);
    const d = decideRouting(
      kase(),
      'wp1',
      world({
        zones,
        duties: [duty('x', 'z3', 'wachtpost'), duty('y', 'z2', 'weekwacht')],
        gpList: [gp('x'), gp('y')],
      }),
    );
    expect(d).toEqual({
      kind: 'offer',
      gpId: 'y',
      zoneId: 'z2',
      role: 'first',
      alternatives: [],
      rerouted: { fromZoneId: 'z1', toZoneId: 'z2', reasonCode: 'no_gp_on_duty' },
    });
  });

  it('alarms chain_exhausted when no zone of the chain has anyone', () => {
    const zones = new Map([
      ['z1', zone('z1', ['z2'])],
      ['z2', zone('z2')],
    ]);
    expect(decideRouting(kase(), 'wp1', world({ zones }))).toMatchObject({
      kind: 'alarm',
      reasonCode: 'chain_exhausted',
      zoneId: 'z1',
    });
  });

  it('finds the zone from the postcode when triage had none', () => {
    const zones = new Map([['z1', zone('z1', [], ['1500'])]]);
    const d = decideRouting(
      kase({ zoneId: null }),
      'wp1',
      world({ zones, duties: [duty('a', 'z1', 'wachtpost')], gpList: [gp('a')] }),
    );
    expect(d).toMatchObject({ kind: 'offer', gpId: 'a', zoneId: 'z1' });
    expect(decideRouting(kase({ zoneId: null, postcode: '9000' }), 'wp1', world({ zones }))).toMatchObject({
      kind: 'alarm',
      zoneId: null,
    });
  });
});

describe('advice and queue order', () => {
  it('needs no GP for phone advice or a referral to the own GP', () => {
    expect(needsGp({ urgency: 'U5', disposition: 'phone_advice' })).toBe(false);
    expect(needsGp({ urgency: 'U4', disposition: 'referral_own_gp' })).toBe(false);
    expect(needsGp({ urgency: 'U5', disposition: 'consultation' })).toBe(true);
    expect(decideRouting(kase({ urgency: 'U5', disposition: 'phone_advice' }), 'wp1', world())).toEqual({
      kind: 'no_gp_needed',
    });
  });

  it('orders U2 before U3 before U4, then the earliest due time', () => {
    const list = [
      { id: 'u4', urgency: 'U4', dueAt: '2026-11-25T11:00:00Z' },
      { id: 'u3late', urgency: 'U3', dueAt: '2026-11-25T13:00:00Z' },
      { id: 'u2', urgency: 'U2', dueAt: '2026-11-25T12:00:00Z' },
      { id: 'u3early', urgency: 'U3', dueAt: '2026-11-25T12:30:00Z' },
    ];
    expect(list.sort(compareQueue).map((x) => x.id)).toEqual(['u2', 'u3early', 'u3late', 'u4']);
  });
});
