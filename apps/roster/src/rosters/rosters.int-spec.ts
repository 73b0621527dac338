import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { eventually, frozenClock, tokenFor } from '@permanentie/testing';
import { bootRoster, KringFixture, NIGHT, seedKring } from '../../test/fixtures';

const HOLIDAY = { ...NIGHT, days: [], onHoliday: 'only', weight: 2 };

describe('roster: generate, solve, lock, change, publish', () => {
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
  const rosterOf = async (id: string) =>
    (await http().get(`/rosters/${id}`).set('Authorization', k.auth).expect(200)).body;
  const solved = async (id: string, timeLimitSeconds = 20) => {
    const run = await http()
      .post(`/rosters/${id}/solve`)
      .set('Authorization', k.auth)
      .send({ timeLimitSeconds })
      .expect(202);
    return eventually(async () => {
      const r = await http().get(`/solve-runs/${run.body.id}`).set('Authorization', k.auth);
      return ['done', 'failed', 'cancelled'].includes(r.body.status) && r.body;
    }, 60_000);
  };

  beforeAll(async () => {
    app = await bootRoster(frozenClock('2026-09-01T10:00:00'));
    db = app.get(DataSource);
    k = await seedKring(app, { kringId: 'hageland', gps: 8, templates: { night: NIGHT, holiday: HOLIDAY } });
  });
  afterAll(() => app?.close());

  it('generates the period with the 14 h October DST night and the All Saints holiday duty', async () => {
    const res = await http()
      .post('/kringen/hageland/rosters')
      .set('Authorization', k.auth)
      .send({ from: '2026-10-19', to: '2026-11-01' })
      .expect(201);
    rosterId = res.body.id;
    const { shifts } = await rosterOf(rosterId);
    const dst = shifts.find((s: { startsAt: string }) => s.startsAt === '2026-10-24T17:00:00.000Z');
    expect(dst).toMatchObject({ minutes: 840, endsAt: '2026-10-25T07:00:00.000Z' });
    const holiday = shifts.find((s: { holiday: string | null }) => s.holiday === 'all_saints');
    expect(holiday).toMatchObject({
      startsAt: '2026-10-31T18:00:00.000Z',
      endsAt: '2026-11-02T07:00:00.000Z',
      minutes: 37 * 60,
    });
    // 14 nights, of which Saturday 31 and Sunday 1 fall in the holiday window, plus the holiday duty.
    expect(shifts).toHaveLength(14 - 2 + 1);
    await http()
      .post('/kringen/hageland/rosters')
      .set('Authorization', k.auth)
      .send({ from: '2026-11-01', to: '2026-11-05' })
      .expect(400);
  });

  it('checks a manual change against the hard rules and explains the violation', async () => {
    const { shifts } = await rosterOf(rosterId);
    await http()
      .post(`/gps/${k.gpIds[1]}/preferences`)
      .set('Authorization', k.auth)
      .send({ kind: 'unavailable', from: '2026-10-20', to: '2026-10-20' })
      .expect(201);
    const tue = shifts.find((s: { startsAt: string }) => s.startsAt === '2026-10-20T17:00:00.000Z');
    const bad = await http()
      .post(`/rosters/${rosterId}/assignments`)
      .set('Authorization', k.auth)
      .send({ shiftId: tue.id, role: 'first', gpId: k.gpIds[1] })
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'gpId', reason: expect.stringMatching(/^unavailable: /) }]);
    const unknown = await http()
      .post(`/rosters/${rosterId}/assignments`)
      .set('Authorization', k.auth)
      .send({ shiftId: tue.id, role: 'first', gpId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('gpId');
    // The DST night goes to GP 0, locked; a second GP on the same seat is one too many.
    const dst = shifts.find((s: { minutes: number }) => s.minutes === 840);
    await http()
      .post(`/rosters/${rosterId}/assignments`)
      .set('Authorization', k.auth)
      .send({ shiftId: dst.id, role: 'first', gpId: k.gpIds[0] })
      .expect(201);
    const twice = await http()
      .post(`/rosters/${rosterId}/assignments`)
      .set('Authorization', k.auth)
      .send({ shiftId: dst.id, role: 'first', gpId: k.gpIds[2] })
      .expect(400);
    expect(twice.body.errors[0].reason).toMatch(/^coverage: /);
    // The next morning's night would break the 11 h rest? 08:00 -> 19:00 is exactly 11 h: allowed.
    const publishEarly = await http()
      .post(`/rosters/${rosterId}/publish`)
      .set('Authorization', k.auth)
      .expect(400);
    expect(publishEarly.body.errors[0]).toEqual({
      field: 'assignments',
      reason: expect.stringMatching(/^coverage: /),
    });
  });

  it('solves around the lock in the background, reports progress and fills every seat', async () => {
    const run = await solved(rosterId);
    expect(run.status).toBe('done');
    expect(run.result.uncovered).toEqual([]);
    const { shifts, assignments } = await rosterOf(rosterId);
    expect(assignments).toHaveLength(shifts.length);
    const dst = shifts.find((s: { minutes: number }) => s.minutes === 840);
    expect(assignments.filter((a: { shiftId: string }) => a.shiftId === dst.id)).toEqual([
      expect.objectContaining({ gpId: k.gpIds[0], locked: true }),
    ]);
    const tue = shifts.find((s: { startsAt: string }) => s.startsAt === '2026-10-20T17:00:00.000Z');
    expect(assignments.find((a: { shiftId: string }) => a.shiftId === tue.id).gpId).not.toBe(k.gpIds[1]);
    const phases = (await outbox('roster.solve-progress')).map((p) => p.phase);
    expect(phases[0]).toBe('queued');
    expect(phases).toContain('building');
    expect(phases[phases.length - 1]).toBe('done');
    expect(await outbox('roster.duty-assigned')).toEqual([]);
  });

  it('publishes: one DutyAssigned per assignment and RosterPublished', async () => {
    await http().post(`/rosters/${rosterId}/publish`).set('Authorization', k.auth).expect(200);
    const { shifts, assignments } = await rosterOf(rosterId);
    const assigned = await outbox('roster.duty-assigned');
    expect(assigned).toHaveLength(assignments.length);
    const dst = shifts.find((s: { minutes: number }) => s.minutes === 840);
    expect(assigned.find((e) => e.shiftId === dst.id)).toMatchObject({
      rosterId,
      kringId: 'hageland',
      zoneId: k.zoneId,
      dutyKind: 'wachtpost',
      role: 'first',
      gpId: k.gpIds[0],
      startsAt: '2026-10-24T19:00:00.000+02:00',
      endsAt: '2026-10-25T08:00:00.000+01:00',
    });
    expect(await outbox('roster.roster-published')).toEqual([
      { rosterId, kringId: 'hageland', periodStart: '2026-10-19', periodEnd: '2026-11-01' },
    ]);
    await http().post(`/rosters/${rosterId}/solve`).set('Authorization', k.auth).send({}).expect(409);
  });

  it('turns a change after publishing into DutyUnassigned + DutyAssigned, and refuses an empty seat', async () => {
    const { shifts, assignments } = await rosterOf(rosterId);
    const dst = shifts.find((s: { minutes: number }) => s.minutes === 840);
    const old = assignments.find((a: { shiftId: string }) => a.shiftId === dst.id);
    await http()
      .delete(`/rosters/${rosterId}/assignments/${old.id}`)
      .set('Authorization', k.auth)
      .expect(409);
    const busy = new Set(
      assignments
        .filter((a: { shiftId: string }) => {
          const s = shifts.find((x: { id: string }) => x.id === a.shiftId);
          return Math.abs(Date.parse(s.startsAt) - Date.parse(dst.startsAt)) < 3 * 86400_000;
        })
        .map((a: { gpId: string }) => a.gpId),
    );
    const free = k.gpIds.find((g) => !busy.has(g))!;
    const res = await http()
      .post(`/rosters/${rosterId}/assignments`)
      .set('Authorization', k.auth)
      .send({ shiftId: dst.id, role: 'first', gpId: free, replacesAssignmentId: old.id })
      .expect(201);
    expect(await outbox('roster.duty-unassigned')).toEqual([
      { assignmentId: old.id, shiftId: dst.id, gpId: k.gpIds[0], kringId: 'hageland' },
    ]);
    const assigned = await outbox('roster.duty-assigned');
    expect(assigned[assigned.length - 1]).toMatchObject({
      assignmentId: res.body.id,
      gpId: free,
      shiftId: dst.id,
    });
  });

  it('explains shifts nobody can take instead of failing', async () => {
    await http()
      .post('/kringen/hageland/templates')
      .set('Authorization', k.auth)
      .send({
        ...NIGHT,
        zoneId: k.zoneId,
        kind: 'noodpunt',
        startTime: '10:00',
        endTime: '12:00',
        endDayOffset: 0,
        days: [3],
        requires: ['noodpunt_ervaring'],
      })
      .expect(201);
    const r = await http()
      .post('/kringen/hageland/rosters')
      .set('Authorization', k.auth)
      .send({ from: '2026-11-02', to: '2026-11-08' })
      .expect(201);
    const run = await solved(r.body.id);
    expect(run.status).toBe('done');
    expect(run.result.status).toBe('partial');
    expect(run.result.uncovered).toEqual([
      expect.objectContaining({ role: 'first', missing: 1, reason: expect.stringMatching(/^no_capability/) }),
    ]);
    const { assignments, shifts } = await rosterOf(r.body.id);
    expect(assignments).toHaveLength(shifts.length - 1);
  });

  it('cancels a solve: the run ends cancelled and the draft keeps what it had', async () => {
    const r = await http()
      .post('/kringen/hageland/rosters')
      .set('Authorization', k.auth)
      .send({ from: '2026-11-09', to: '2027-01-31' })
      .expect(201);
    const run = await http()
      .post(`/rosters/${r.body.id}/solve`)
      .set('Authorization', k.auth)
      .send({ timeLimitSeconds: 120 })
      .expect(202);
    await http().post(`/rosters/${r.body.id}/solve`).set('Authorization', k.auth).send({}).expect(409);
    await http().post(`/solve-runs/${run.body.id}/cancel`).set('Authorization', k.auth).expect(200);
    const final = await eventually(async () => {
      const res = await http().get(`/solve-runs/${run.body.id}`).set('Authorization', k.auth);
      return ['done', 'failed', 'cancelled'].includes(res.body.status) && res.body;
    }, 30_000);
    expect(final.status).toBe('cancelled');
    expect(final.cancelRequested).toBe(true);
    expect((await rosterOf(r.body.id)).assignments).toEqual([]);
    const phases = (await outbox('roster.solve-progress'))
      .filter((p) => p.runId === run.body.id)
      .map((p) => p.phase);
    expect(phases[phases.length - 1]).toBe('cancelled');
    // A new run may start once the old one is over.
    const again = await http()
      .post(`/rosters/${r.body.id}/solve`)
      .set('Authorization', k.auth)
      .send({ timeLimitSeconds: 5 })
      .expect(202);
    await http().post(`/solve-runs/${again.body.id}/cancel`).set('Authorization', k.auth).expect(200);
  });

  it('keeps other kringen out of rosters and runs', async () => {
    await http()
      .get(`/rosters/${rosterId}`)
      .set('Authorization', `Bearer ${tokenFor('planner', { kringId: 'elders' })}`)
      .expect(403);
  });
});
