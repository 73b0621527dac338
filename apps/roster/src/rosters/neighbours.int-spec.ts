import { INestApplication } from '@nestjs/common';
import { DateTime } from 'luxon';
import request from 'supertest';
import { rizivFrom } from '@permanentie/domain';
import { eventually, frozenClock } from '@permanentie/testing';
import { bootRoster, KringFixture, NIGHT, seedKring } from '../../test/fixtures';

interface S {
  id: string;
  startsAt: string;
}
interface A {
  id: string;
  shiftId: string;
  gpId: string;
  role: string;
}

const local = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'Europe/Brussels' }).toFormat("yyyy-MM-dd'T'HH:mm");

/**
 * Two adjacent rosters of one kring split ISO week 41 of 2026 (Mon 5 - Sun 11 October): the rest
 * rule and the weekly maximum hold across them, in the solver and in manual changes. Also: the
 * supervisor seat needs the supervisor capability, and a 65+ GP is refused with the real reason.
 */
describe('roster: rules across neighbouring rosters, capability per role, absent GPs', () => {
  let app: INestApplication;
  let k: KringFixture;
  const http = () => request(app.getHttpServer());
  const rosterOf = async (id: string): Promise<{ shifts: S[]; assignments: A[] }> =>
    (await http().get(`/rosters/${id}`).set('Authorization', k.auth).expect(200)).body;
  const create = async (from: string, to: string): Promise<string> =>
    (
      await http()
        .post(`/kringen/${k.kringId}/rosters`)
        .set('Authorization', k.auth)
        .send({ from, to })
        .expect(201)
    ).body.id;
  const solve = async (id: string) => {
    const run = await http()
      .post(`/rosters/${id}/solve`)
      .set('Authorization', k.auth)
      .send({ timeLimitSeconds: 10 })
      .expect(202);
    return eventually(async () => {
      const r = await http().get(`/solve-runs/${run.body.id}`).set('Authorization', k.auth);
      return ['done', 'failed', 'cancelled'].includes(r.body.status) && r.body;
    }, 60_000);
  };
  const assign = (rosterId: string, body: object) =>
    http().post(`/rosters/${rosterId}/assignments`).set('Authorization', k.auth).send(body);
  const at = (shifts: S[], start: string) => shifts.find((s) => local(s.startsAt) === start)!;

  let first: string;
  let second: string;

  beforeAll(async () => {
    app = await bootRoster(frozenClock('2026-09-01T10:00:00'));
    // 12 h rest: two nights in a row are not allowed. At most 2 shifts per ISO week.
    k = await seedKring(app, {
      kringId: 'zennevallei',
      gps: 5,
      templates: { night: NIGHT },
      settings: { minRestHours: 12, maxShiftsPerWeek: 2 },
    });
    first = await create('2026-10-05', '2026-10-08'); // Mon - Thu of week 41
    second = await create('2026-10-09', '2026-10-18'); // Fri - Sun of week 41, and week 42
  });
  afterAll(() => app?.close());

  it("solves and checks the second roster against the first's assignments (rest and weekly maximum)", async () => {
    const a = await rosterOf(first);
    // GP 0 works Monday and Wednesday: her two shifts of week 41. GP 1 works Thursday night.
    for (const [start, gp] of [
      ['2026-10-05T19:00', 0],
      ['2026-10-07T19:00', 0],
      ['2026-10-08T19:00', 1],
    ] as const)
      await assign(first, { shiftId: at(a.shifts, start).id, role: 'first', gpId: k.gpIds[gp] }).expect(201);
    expect((await solve(first)).status).toBe('done');
    await http().post(`/rosters/${first}/publish`).set('Authorization', k.auth).expect(200);

    const b = await rosterOf(second);
    const friday = at(b.shifts, '2026-10-09T19:00');
    const saturday = at(b.shifts, '2026-10-10T19:00');
    // By hand: Thursday 08:00 -> Friday 19:00 is 11 h; GP 0 already has two shifts in week 41.
    const rest = await assign(second, { shiftId: friday.id, role: 'first', gpId: k.gpIds[1] }).expect(400);
    expect(rest.body.errors).toEqual([
      {
        field: 'gpId',
        reason: expect.stringMatching(
          new RegExp(
            `^min_rest: ${k.gpIds[1]} gets 11\\.0 h rest between shift ${friday.id} and her shift .* of roster ${first}, at least 12 h required$`,
          ),
        ),
      },
    ]);
    const week = await assign(second, { shiftId: saturday.id, role: 'first', gpId: k.gpIds[0] }).expect(400);
    expect(week.body.errors).toEqual([
      {
        field: 'gpId',
        reason: `max_shifts_per_week: ${k.gpIds[0]} works 3 shifts in week 2026-W41 (2 of them in other rosters), at most 2`,
      },
    ]);

    const run = await solve(second);
    expect(run.status).toBe('done');
    expect(run.result.uncovered).toEqual([]);
    const solved = await rosterOf(second);
    const holder = (s: S) => solved.assignments.find((x) => x.shiftId === s.id)!.gpId;
    expect(holder(friday)).not.toBe(k.gpIds[1]);
    const week41 = solved.shifts.filter((s) => local(s.startsAt) < '2026-10-12');
    expect(week41.map(holder)).not.toContain(k.gpIds[0]);
  });

  it('checks a change in the published first roster against the draft second, and publishes', async () => {
    const a = await rosterOf(first);
    const b = await rosterOf(second);
    const thursday = at(a.shifts, '2026-10-08T19:00');
    const fridayHolder = b.assignments.find((x) => x.shiftId === at(b.shifts, '2026-10-09T19:00').id)!.gpId;
    const old = a.assignments.find((x) => x.shiftId === thursday.id)!;
    const res = await assign(first, {
      shiftId: thursday.id,
      role: 'first',
      gpId: fridayHolder,
      replacesAssignmentId: old.id,
    }).expect(400);
    expect(res.body.errors.map((e: { reason: string }) => e.reason)).toContainEqual(
      expect.stringMatching(new RegExp(`^min_rest: .* of roster ${second}, at least 12 h required$`)),
    );
    // Publishing the second checks the same rules against the first, and passes.
    await http().post(`/rosters/${second}/publish`).set('Authorization', k.auth).expect(200);
  });

  it('refuses a 65+ GP with the real reason, not "unknown"', async () => {
    const old = await http()
      .post(`/kringen/${k.kringId}/gps`)
      .set('Authorization', k.auth)
      .send({
        riziv: rizivFrom(10090),
        name: 'Dr. Senior',
        languages: ['nl'],
        practicePostcode: '1700',
        participationFactor: 1,
        birthYear: 1958,
        capabilities: ['home_visits'],
      })
      .expect(201);
    const r = await create('2026-10-19', '2026-10-21');
    const { shifts } = await rosterOf(r);
    const res = await assign(r, { shiftId: shifts[0].id, role: 'first', gpId: old.body.id }).expect(400);
    expect(res.body.errors).toEqual([
      { field: 'gpId', reason: 'no_share: 68 jaar in 2026, geen wachtdienst vanaf 65 jaar' },
    ]);
  });

  it('gives the supervisor seat only to a GP with the supervisor capability', async () => {
    const sup = await seedKring(app, {
      kringId: 'supervised',
      gps: 3,
      seq: 10200,
      templates: { night: { ...NIGHT, days: [1, 4], need: { first: 1, supervisor: 1 } } },
    });
    const boss = await http()
      .post('/kringen/supervised/gps')
      .set('Authorization', sup.auth)
      .send({
        riziv: rizivFrom(10290),
        name: 'Dr. Supervisor',
        languages: ['nl'],
        practicePostcode: '1700',
        participationFactor: 1,
        birthYear: 1975,
        capabilities: ['supervisor'],
      })
      .expect(201);
    const roster = await http()
      .post('/kringen/supervised/rosters')
      .set('Authorization', sup.auth)
      .send({ from: '2026-10-05', to: '2026-10-11' })
      .expect(201);
    const { shifts } = (await http().get(`/rosters/${roster.body.id}`).set('Authorization', sup.auth))
      .body as {
      shifts: S[];
    };
    const bad = await http()
      .post(`/rosters/${roster.body.id}/assignments`)
      .set('Authorization', sup.auth)
      .send({ shiftId: shifts[0].id, role: 'supervisor', gpId: sup.gpIds[0] })
      .expect(400);
    expect(bad.body.errors).toEqual([
      {
        field: 'gpId',
        reason: `capability: ${sup.gpIds[0]} lacks capability supervisor required by shift ${shifts[0].id} as supervisor`,
      },
    ]);
    const run = await http()
      .post(`/rosters/${roster.body.id}/solve`)
      .set('Authorization', sup.auth)
      .send({ timeLimitSeconds: 10 })
      .expect(202);
    await eventually(
      async () =>
        (await http().get(`/solve-runs/${run.body.id}`).set('Authorization', sup.auth)).body.status ===
        'done',
      60_000,
    );
    const { assignments } = (await http().get(`/rosters/${roster.body.id}`).set('Authorization', sup.auth))
      .body as { assignments: A[] };
    const supervisors = assignments.filter((a) => a.role === 'supervisor').map((a) => a.gpId);
    expect(supervisors).toEqual([boss.body.id, boss.body.id]);
  });
});
