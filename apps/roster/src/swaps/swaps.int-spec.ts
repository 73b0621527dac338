import { INestApplication } from '@nestjs/common';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { eventually, frozenClock } from '@permanentie/testing';
import { bootRoster, gpToken, KringFixture, NIGHT, seedKring } from '../../test/fixtures';

interface A {
  id: string;
  shiftId: string;
  gpId: string;
}
interface S {
  id: string;
  startsAt: string;
  minutes: number;
}

describe('roster after publishing: swaps, calendar feed, fairness', () => {
  let app: INestApplication;
  let db: DataSource;
  let k: KringFixture;
  let rosterId: string;
  const http = () => request(app.getHttpServer());
  const outbox = async (name: string) =>
    (
      (await db.query('SELECT payload FROM roster.outbox WHERE event_name = $1 ORDER BY seq', [name])) as {
        payload: Record<string, unknown>;
      }[]
    ).map((r) => r.payload);
  const current = async (): Promise<{ shifts: S[]; assignments: A[] }> =>
    (await http().get(`/rosters/${rosterId}`).set('Authorization', k.auth).expect(200)).body;
  const kringOf = () => k.kringId;

  beforeAll(async () => {
    app = await bootRoster(frozenClock('2026-10-01T10:00:00'));
    db = app.get(DataSource);
    // 12 h rest: two nights in a row (08:00 -> 19:00 is 11 h) are not allowed in this kring.
    k = await seedKring(app, {
      kringId: 'dijleland',
      gps: 6,
      templates: { night: NIGHT },
      settings: { minRestHours: 12 },
    });
    const r = await http()
      .post('/kringen/dijleland/rosters')
      .set('Authorization', k.auth)
      .send({ from: '2026-10-22', to: '2026-10-28' })
      .expect(201);
    rosterId = r.body.id;
    const run = await http()
      .post(`/rosters/${rosterId}/solve`)
      .set('Authorization', k.auth)
      .send({ timeLimitSeconds: 10 });
    await eventually(
      async () =>
        (await http().get(`/solve-runs/${run.body.id}`).set('Authorization', k.auth)).body.status === 'done',
      60_000,
    );
    await http().post(`/rosters/${rosterId}/publish`).set('Authorization', k.auth).expect(200);
  });
  afterAll(() => app?.close());

  it('lets a GP offer her shift, a colleague take it, and the planner approve: DutyUnassigned + DutyAssigned', async () => {
    const { shifts, assignments } = await current();
    const offered = assignments[0];
    const start = Date.parse(shifts.find((s) => s.id === offered.shiftId)!.startsAt);
    // A colleague with nothing within a day of that shift can take it without breaking the rest rule.
    const near = new Set(
      assignments
        .filter(
          (a) =>
            Math.abs(Date.parse(shifts.find((s) => s.id === a.shiftId)!.startsAt) - start) < 2 * 86400_000,
        )
        .map((a) => a.gpId),
    );
    const taker = k.gpIds.find((g) => !near.has(g))!;
    await http()
      .post('/swaps')
      .set('Authorization', gpToken(taker, kringOf()))
      .send({ assignmentId: offered.id })
      .expect(400);
    const swap = await http()
      .post('/swaps')
      .set('Authorization', gpToken(offered.gpId, kringOf()))
      .send({ assignmentId: offered.id })
      .expect(201);
    await http()
      .post(`/swaps/${swap.body.id}/take`)
      .set('Authorization', gpToken(offered.gpId, kringOf()))
      .send({})
      .expect(409);
    const taken = await http()
      .post(`/swaps/${swap.body.id}/take`)
      .set('Authorization', gpToken(taker, kringOf()))
      .send({})
      .expect(200);
    expect(taken.body.status).toBe('pending');
    // The list carries what the GP screen shows: the duty with its times and both GPs by name.
    const offeredShift = shifts.find((s) => s.id === offered.shiftId)!;
    const list = await http().get('/swaps').set('Authorization', gpToken(taker, kringOf())).expect(200);
    const gpName = (id: string) => `Dr. ${k.gpIds.indexOf(id)}`;
    expect(list.body).toEqual([
      expect.objectContaining({
        id: swap.body.id,
        status: 'pending',
        assignmentId: offered.id,
        rosterId,
        kringId: 'dijleland',
        shift: {
          id: offered.shiftId,
          start: DateTime.fromISO(offeredShift.startsAt, { zone: 'Europe/Brussels' }).toISO(),
          end: expect.stringMatching(/^2026-10-\d\dT08:00:00\.000\+0[12]:00$/),
          kind: 'wachtpost',
          zoneId: k.zoneId,
          role: 'first',
        },
        offeredBy: { gpId: offered.gpId, name: gpName(offered.gpId) },
        takenBy: { gpId: taker, name: gpName(taker) },
      }),
    ]);
    expect(list.body[0].shift.start).toMatch(/^2026-10-\d\dT19:00:00\.000\+0[12]:00$/);
    expect(await outbox('roster.duty-unassigned')).toEqual([]);
    await http()
      .post(`/swaps/${swap.body.id}/approve`)
      .set('Authorization', gpToken(taker, kringOf()))
      .expect(403);
    const approved = await http()
      .post(`/swaps/${swap.body.id}/approve`)
      .set('Authorization', k.auth)
      .expect(200);
    expect(approved.body.status).toBe('done');
    expect(await outbox('roster.duty-unassigned')).toEqual([
      { assignmentId: offered.id, shiftId: offered.shiftId, gpId: offered.gpId, kringId: 'dijleland' },
    ]);
    const assigned = await outbox('roster.duty-assigned');
    expect(assigned[assigned.length - 1]).toMatchObject({ shiftId: offered.shiftId, gpId: taker, rosterId });
  });

  it('refuses a take that breaks the rest rule, explaining it, and changes nothing', async () => {
    const { shifts, assignments } = await current();
    const sorted = [...shifts].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const first = assignments.find((a) => a.shiftId === sorted[2].id)!;
    const next = assignments.find((a) => a.shiftId === sorted[3].id)!;
    const swap = await http()
      .post('/swaps')
      .set('Authorization', gpToken(first.gpId, kringOf()))
      .send({ assignmentId: first.id })
      .expect(201);
    const before = (await outbox('roster.duty-assigned')).length;
    // The GP of the next night would work two nights in a row: 11 h rest where the kring wants 12.
    const res = await http()
      .post(`/swaps/${swap.body.id}/take`)
      .set('Authorization', gpToken(next.gpId, kringOf()))
      .send({})
      .expect(400);
    expect(res.body.errors[0].reason).toMatch(/^min_rest: /);
    expect((await outbox('roster.duty-assigned')).length).toBe(before);
    // An open offer has nobody taking it yet.
    const open = (await http().get('/swaps').set('Authorization', k.auth).expect(200)).body.find(
      (x: { id: string }) => x.id === swap.body.id,
    );
    expect(open.offeredBy).toEqual({ gpId: first.gpId, name: `Dr. ${k.gpIds.indexOf(first.gpId)}` });
    expect(open).not.toHaveProperty('takenBy');
    expect(open.shift.id).toBe(first.shiftId);
    await http()
      .post(`/swaps/${swap.body.id}/withdraw`)
      .set('Authorization', gpToken(first.gpId, kringOf()))
      .expect(200);
  });

  it('serves a private calendar feed that ical.js parses, with the 14 h DST night, behind a rotatable token', async () => {
    const { shifts, assignments } = await current();
    const dst = shifts.find((s) => s.minutes === 840)!;
    const gpId = assignments.find((a) => a.shiftId === dst.id)!.gpId;
    await http().get(`/calendar/${gpId}/guess.ics`).expect(404);
    const { body } = await http()
      .post(`/gps/${gpId}/calendar-token`)
      .set('Authorization', gpToken(gpId, kringOf()))
      .expect(201);
    const feed = await http().get(body.path).expect(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels');
    const comp = new ICAL.Component(ICAL.parse(feed.text));
    ICAL.TimezoneService.register(new ICAL.Timezone(comp.getFirstSubcomponent('vtimezone')!));
    const events = comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const mine = assignments.filter((a) => a.gpId === gpId);
    expect(events).toHaveLength(mine.length);
    const night = events.find((e) => e.startDate.toJSDate().toISOString() === '2026-10-24T17:00:00.000Z')!;
    expect(night.endDate.toJSDate().toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect((night.endDate.toUnixTime() - night.startDate.toUnixTime()) / 3600).toBe(14);
    expect(night.startDate.toString()).toBe('2026-10-24T19:00:00');
    // Rotating the token revokes the old link.
    const again = await http().post(`/gps/${gpId}/calendar-token`).set('Authorization', k.auth).expect(201);
    await http().get(body.path).expect(404);
    await http().get(again.body.path).expect(200);
    // A GP sees only her own shifts.
    const other = k.gpIds.find((g) => g !== gpId)!;
    await http().get(`/gps/${gpId}/shifts`).set('Authorization', gpToken(other, kringOf())).expect(404);
    const own = await http()
      .get(`/gps/${gpId}/shifts`)
      .set('Authorization', gpToken(gpId, kringOf()))
      .expect(200);
    expect(own.body).toHaveLength(mine.length);
  });

  it('reports fairness per period and per year', async () => {
    const period = await http().get(`/rosters/${rosterId}/fairness`).set('Authorization', k.auth).expect(200);
    expect(period.body.rows).toHaveLength(6);
    const total = period.body.rows.reduce((s: number, r: { shifts: number }) => s + r.shifts, 0);
    expect(total).toBe(7);
    // Spread (issue 3): max - min of the loads as full-share loads; all shares are 1 here.
    const loads = period.body.rows.map((r: { fullShareLoad: number }) => r.fullShareLoad);
    expect(period.body.spread).toBeCloseTo(Math.max(...loads) - Math.min(...loads), 1);
    const devs = period.body.rows.map((r: { deviation: number }) => r.deviation);
    expect(period.body.deviationSpread).toBeCloseTo(Math.max(...devs) - Math.min(...devs), 1);
    const hours = period.body.rows.reduce(
      (s: number, r: { weightedHours: number }) => s + r.weightedHours,
      0,
    );
    // 6 nights of 13 h and the 14 h DST night, weight 1.5.
    expect(hours).toBeCloseTo((6 * 13 + 14) * 1.5, 1);
    // The year: real wishes, and shares that count exemptions over the rostered days only.
    const { assignments } = await current();
    const wisher = assignments[0];
    const day = DateTime.fromISO((await current()).shifts.find((s) => s.id === wisher.shiftId)!.startsAt, {
      zone: 'Europe/Brussels',
    }).toISODate()!;
    await http()
      .post(`/gps/${wisher.gpId}/preferences`)
      .set('Authorization', k.auth)
      .send({ kind: 'want', from: day, to: day })
      .expect(201);
    const exempted = k.gpIds.find((g) => g !== wisher.gpId)!;
    const gp = (await http().get(`/gps/${exempted}`).set('Authorization', k.auth).expect(200)).body;
    await http()
      .put(`/gps/${exempted}`)
      .set('Authorization', k.auth)
      .send({
        riziv: gp.riziv,
        name: gp.name,
        languages: gp.languages,
        practicePostcode: gp.practicePostcode,
        participationFactor: gp.participationFactor,
        birthYear: gp.birthYear,
        capabilities: gp.capabilities,
        exemptions: [{ reason: 'health', from: '2026-01-01', to: '2026-06-30' }],
      })
      .expect(200);
    const year = await http()
      .get('/kringen/dijleland/fairness/2026')
      .set('Authorization', k.auth)
      .expect(200);
    expect(year.body.rows.reduce((s: number, r: { nights: number }) => s + r.nights, 0)).toBe(7);
    const row = (id: string) => year.body.rows.find((r: { gpId: string }) => r.gpId === id);
    expect(row(wisher.gpId)).toMatchObject({ wishes: 1, wishesHonoured: 1 });
    expect(year.body.wishesPct).toBe(100);
    // Exempted January to June, rostered only in October: her year share is whole.
    expect(row(exempted).share).toBe(1);
    await http()
      .get('/kringen/dijleland/fairness/2026')
      .set('Authorization', gpToken(k.gpIds[0], kringOf()))
      .expect(403);
  });
});
