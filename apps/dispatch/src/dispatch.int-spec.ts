import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  CaseCancelled,
  CaseClosed,
  CaseEscalatedTo112,
  CaseTriaged,
  DutyUnassigned,
} from '@permanentie/contracts';
import {
  bootService,
  cloneTestDatabase,
  frozenClock,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
  tokenFor,
} from '@permanentie/testing';
import { drained, eventsOf, Feeder, seedRoster, triaged } from '../../../test/dispatch/support';
import { DispatchModule } from './dispatch.module';
import { DueChecker } from './sla/checker.service';

const NIGHT = '2026-11-25T22:00:00'; // a Wednesday evening: wachtpost duties

describe('dispatch service (PostgreSQL + Redis)', () => {
  const clock = frozenClock(NIGHT);
  let app: INestApplication;
  let db: DataSource;
  let feed: Feeder;
  let checker: DueChecker;

  const http = () => request(app.getHttpServer());
  const gpToken = (gpId: string) => `Bearer ${tokenFor('gp', { gpId })}`;
  const dispatcher = (wachtpostId: string) => `Bearer ${tokenFor('dispatcher', { wachtpostId })}`;
  const names = async (caseId: string) => (await eventsOf(db, caseId)).map((e) => e.name);
  const lastOffer = async (caseId: string) => {
    const offers = await eventsOf(db, caseId, 'dispatch.case-offered');
    return offers[offers.length - 1]?.payload as {
      offerId: string;
      gpId: string;
      zoneId: string;
      attempt: number;
    };
  };
  const triage = async (...args: Parameters<typeof triaged>) => {
    await feed.send(CaseTriaged, triaged(...args));
    await drained(feed);
  };

  beforeAll(async () => {
    const url = await cloneTestDatabase();
    const prefix = testQueuePrefix();
    app = await bootService(
      DispatchModule.forRoot({
        DATABASE_URL: url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        AUTH_TOKEN_SECRET: TEST_SECRET,
        DISPATCH_SWEEP_MS: 60_000,
      }),
      { name: 'dispatch', clock },
    );
    db = app.get(DataSource);
    checker = app.get(DueChecker);
    feed = new Feeder(prefix);
  });

  afterAll(async () => {
    await feed?.close();
    await app?.close();
  });

  beforeEach(() => clock.set(NIGHT));

  it('offers a triaged case to the first GP on duty who speaks the language, and the GP accepts, starts, completes', async () => {
    await seedRoster(
      feed,
      'wpA',
      [{ zoneId: 'A1' }],
      [
        { gpId: 'A-nl', zoneId: 'A1', languages: ['nl'] },
        { gpId: 'A-fr', zoneId: 'A1', languages: ['fr', 'nl'] },
      ],
    );
    await drained(feed);
    await triage('case-a1', 'wpA', 'A1', { language: 'fr' });
    const offer = await lastOffer('case-a1');
    expect(offer).toMatchObject({ gpId: 'A-fr', zoneId: 'A1', attempt: 1 });

    // Somebody else's offer: forbidden.
    await http().post(`/offers/${offer.offerId}/accept`).set('Authorization', gpToken('A-nl')).expect(403);
    const accepted = await http()
      .post(`/offers/${offer.offerId}/accept`)
      .set('Authorization', gpToken('A-fr'))
      .expect(200);
    expect(accepted.body.caseId).toBe('case-a1');
    await http().post(`/offers/${offer.offerId}/accept`).set('Authorization', gpToken('A-fr')).expect(409);

    const work = await http().get('/me/work').set('Authorization', gpToken('A-fr')).expect(200);
    expect(work.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual(['case-a1']);

    await http()
      .post('/cases/case-a1/start')
      .set('Authorization', gpToken('A-fr'))
      .send({ mode: 'warp' })
      .expect(400)
      .expect((r) => expect(r.body.errors[0].field).toBe('mode'));
    await http()
      .post('/cases/case-a1/start')
      .set('Authorization', gpToken('A-fr'))
      .send({ mode: 'consultation' })
      .expect(200);
    await http()
      .post('/cases/case-a1/complete')
      .set('Authorization', gpToken('A-fr'))
      .send({ disposition: 'consultation' })
      .expect(200);
    expect(await names('case-a1')).toEqual([
      'dispatch.case-offered',
      'dispatch.case-accepted',
      'dispatch.case-started',
      'dispatch.case-completed',
    ]);
    const completed = await eventsOf(db, 'case-a1', 'dispatch.case-completed');
    expect(completed[0].payload).toMatchObject({
      gpId: 'A-fr',
      disposition: 'consultation',
      wachtpostId: 'wpA',
    });
  });

  it('passes a declined or expired case to the next GP, then the backup, then alarms dispatchers and supervisor', async () => {
    await seedRoster(
      feed,
      'wpB',
      [{ zoneId: 'B1' }],
      [
        { gpId: 'B-1', zoneId: 'B1', languages: ['fr', 'nl'] },
        { gpId: 'B-2', zoneId: 'B1' },
        { gpId: 'B-back', zoneId: 'B1', role: 'backup' },
        { gpId: 'B-sup', zoneId: 'B1', role: 'supervisor' },
      ],
    );
    await drained(feed);
    await triage('case-b1', 'wpB', 'B1', { urgency: 'U2', language: 'fr' });
    const first = await lastOffer('case-b1');
    expect(first.gpId).toBe('B-1');

    await http()
      .post(`/offers/${first.offerId}/decline`)
      .set('Authorization', gpToken('B-1'))
      .send({ reasonCode: 'busy_with_patient' })
      .expect(200);
    const second = await lastOffer('case-b1');
    expect(second).toMatchObject({ gpId: 'B-2', attempt: 2 });

    // U2: two minutes to accept. Not yet expired after 1:59, expired after 2:00.
    clock.advance({ seconds: 119 });
    await checker.runDue();
    expect(await eventsOf(db, 'case-b1', 'dispatch.offer-ended')).toHaveLength(1);
    clock.advance({ seconds: 1 });
    await checker.runDue();
    expect(await eventsOf(db, 'case-b1', 'dispatch.offer-ended')).toHaveLength(2);
    const third = await lastOffer('case-b1');
    expect(third).toMatchObject({ gpId: 'B-back', attempt: 3 });
    await http().post(`/offers/${second.offerId}/accept`).set('Authorization', gpToken('B-2')).expect(409);

    await http()
      .post(`/offers/${third.offerId}/decline`)
      .set('Authorization', gpToken('B-back'))
      .send({ reasonCode: 'unwell' })
      .expect(200);
    const ended = await eventsOf(db, 'case-b1', 'dispatch.offer-ended');
    expect(ended.map((e) => [e.payload.gpId, e.payload.outcome, e.payload.reasonCode])).toEqual([
      ['B-1', 'declined', 'busy_with_patient'],
      ['B-2', 'expired', 'no_answer'],
      ['B-back', 'declined', 'unwell'],
    ]);
    const [alarm] = await eventsOf(db, 'case-b1', 'dispatch.alarm');
    expect(alarm.payload).toEqual({
      caseId: 'case-b1',
      wachtpostId: 'wpB',
      reasonCode: 'all_declined',
      zoneId: 'B1',
      supervisorGpId: 'B-sup',
    });
    const alarms = await http()
      .get('/wachtposts/wpB/alarms')
      .set('Authorization', dispatcher('wpB'))
      .expect(200);
    expect(alarms.body).toMatchObject([{ caseId: 'case-b1', reasonCode: 'all_declined' }]);
    await http().get('/wachtposts/wpB/alarms').set('Authorization', dispatcher('wpA')).expect(403);

    // A retry that finds nobody again does not repeat the alarm.
    clock.advance({ minutes: 5 });
    await checker.runDue();
    expect(await eventsOf(db, 'case-b1', 'dispatch.alarm')).toHaveLength(1);

    // The dispatcher reassigns by hand, with a reason.
    await http()
      .post('/cases/case-b1/reassign')
      .set('Authorization', dispatcher('wpB'))
      .send({ gpId: 'B-1', reasonCode: 'gp_called_back' })
      .expect(200);
    expect(await lastOffer('case-b1')).toMatchObject({ gpId: 'B-1', attempt: 4 });
    await http()
      .post('/cases/case-b1/reassign')
      .set('Authorization', dispatcher('wpA'))
      .send({ gpId: 'B-2', reasonCode: 'x_y' })
      .expect(403);
  });

  it('records every reassign with its reason, actor and time, for a waiting case and for an offered one', async () => {
    const anna = `Bearer ${tokenFor('dispatcher', { wachtpostId: 'wpR' }, { sub: 'acc-anna' })}`;
    await seedRoster(
      feed,
      'wpR',
      [{ zoneId: 'R1' }, { zoneId: 'R2' }],
      [
        { gpId: 'R-2a', zoneId: 'R2' },
        { gpId: 'R-2b', zoneId: 'R2' },
      ],
    );
    await drained(feed);

    // Waiting: nobody on duty in R1, so the case is alarmed and nobody has it.
    await triage('case-r1', 'wpR', 'R1');
    expect(await names('case-r1')).toEqual(['dispatch.alarm']);
    clock.advance({ minutes: 3 });
    const moved = await http()
      .post('/cases/case-r1/reassign')
      .set('Authorization', anna)
      .send({ gpId: 'R-2a', reasonCode: 'covers_neighbour_zone' })
      .expect(200);
    expect(await names('case-r1')).toEqual([
      'dispatch.alarm',
      'dispatch.case-offered',
      'dispatch.case-reassigned',
    ]);
    const [waitingEvent] = await eventsOf(db, 'case-r1', 'dispatch.case-reassigned');
    expect(waitingEvent.payload).toEqual({
      caseId: 'case-r1',
      wachtpostId: 'wpR',
      reassignmentId: moved.body.reassignmentId,
      fromGpId: null,
      fromOfferId: null,
      toGpId: 'R-2a',
      offerId: moved.body.offerId,
      reasonCode: 'covers_neighbour_zone',
      actorId: 'acc-anna',
      actorRole: 'dispatcher',
      at: clock.now().toISO(),
    });
    const [waitingRow] = await db.query(`SELECT * FROM dispatch.reassignment WHERE case_id = 'case-r1'`);
    expect(waitingRow).toMatchObject({
      reassignment_id: moved.body.reassignmentId,
      wachtpost_id: 'wpR',
      case_status: 'waiting',
      alarm_code: 'no_gp_on_duty',
      from_gp_id: null,
      from_offer_id: null,
      to_gp_id: 'R-2a',
      to_offer_id: moved.body.offerId,
      reason_code: 'covers_neighbour_zone',
      actor_id: 'acc-anna',
      actor_role: 'dispatcher',
    });
    expect(new Date(waitingRow.at).toISOString()).toBe(clock.now().toUTC().toISO());

    // Offered: the open offer is withdrawn with the reason and the reassign names its GP.
    await triage('case-r2', 'wpR', 'R2');
    const first = await lastOffer('case-r2');
    const to = first.gpId === 'R-2a' ? 'R-2b' : 'R-2a';
    clock.advance({ seconds: 30 });
    const admin = `Bearer ${tokenFor('admin', {}, { sub: 'acc-admin' })}`;
    const again = await http()
      .post('/cases/case-r2/reassign')
      .set('Authorization', admin)
      .send({ gpId: to, reasonCode: 'gp_unreachable' })
      .expect(200);
    expect(await names('case-r2')).toEqual([
      'dispatch.case-offered',
      'dispatch.offer-ended',
      'dispatch.case-offered',
      'dispatch.case-reassigned',
    ]);
    const [ended] = await eventsOf(db, 'case-r2', 'dispatch.offer-ended');
    expect(ended.payload).toMatchObject({
      offerId: first.offerId,
      gpId: first.gpId,
      outcome: 'withdrawn',
      reasonCode: 'gp_unreachable',
    });
    const [offeredEvent] = await eventsOf(db, 'case-r2', 'dispatch.case-reassigned');
    expect(offeredEvent.payload).toMatchObject({
      fromGpId: first.gpId,
      fromOfferId: first.offerId,
      toGpId: to,
      offerId: again.body.offerId,
      reasonCode: 'gp_unreachable',
      actorId: 'acc-admin',
      actorRole: 'admin',
      at: clock.now().toISO(),
    });
    await http()
      .post(`/offers/${first.offerId}/accept`)
      .set('Authorization', gpToken(first.gpId))
      .expect(409);

    // The record, as the wachtpost's dispatchers (and nobody else) read it.
    const history = await http().get('/cases/case-r2/reassignments').set('Authorization', anna).expect(200);
    expect(history.body).toEqual([
      {
        reassignmentId: again.body.reassignmentId,
        caseId: 'case-r2',
        at: clock.now().toUTC().toISO(),
        caseStatus: 'offered',
        alarmCode: null,
        fromGpId: first.gpId,
        fromOfferId: first.offerId,
        toGpId: to,
        offerId: again.body.offerId,
        reasonCode: 'gp_unreachable',
        actorId: 'acc-admin',
        actorRole: 'admin',
      },
    ]);
    await http().get('/cases/case-r2/reassignments').set('Authorization', dispatcher('wpA')).expect(403);
    await http().get('/cases/case-r2/reassignments').set('Authorization', gpToken(to)).expect(403);
    await http().get('/cases/nope/reassignments').set('Authorization', anna).expect(404);

    // A refused reassign (wrong wachtpost, unknown GP) records nothing.
    await http()
      .post('/cases/case-r2/reassign')
      .set('Authorization', dispatcher('wpA'))
      .send({ gpId: first.gpId, reasonCode: 'x_y' })
      .expect(403);
    await http()
      .post('/cases/case-r2/reassign')
      .set('Authorization', anna)
      .send({ gpId: 'nobody', reasonCode: 'x_y' })
      .expect(400);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM dispatch.reassignment WHERE case_id = 'case-r2'`,
    );
    expect(n).toBe(1);
  });

  it("follows the zone's overflow chain when nobody is on duty, and alarms when the chain is exhausted", async () => {
    await seedRoster(
      feed,
      'wpC',
      [
        { zoneId: 'C1', overflow: ['C2', 'C3'] },
        { zoneId: 'C2' },
        { zoneId: 'C3' },
        { zoneId: 'C4', overflow: ['C2'] },
      ],
      [{ gpId: 'C-3', zoneId: 'C3' }],
    );
    await drained(feed);
    await triage('case-c1', 'wpC', 'C1');
    expect(await names('case-c1')).toEqual(['dispatch.case-offered', 'dispatch.case-rerouted']);
    const [rerouted] = await eventsOf(db, 'case-c1', 'dispatch.case-rerouted');
    expect(rerouted.payload).toMatchObject({ fromZoneId: 'C1', toZoneId: 'C3', reasonCode: 'no_gp_on_duty' });
    expect(await lastOffer('case-c1')).toMatchObject({ gpId: 'C-3', zoneId: 'C3' });
    const queue = await http()
      .get('/wachtposts/wpC/queue')
      .set('Authorization', dispatcher('wpC'))
      .expect(200);
    expect(queue.body[0]).toMatchObject({
      caseId: 'case-c1',
      routedZoneId: 'C3',
      rerouteReason: 'no_gp_on_duty',
    });

    await triage('case-c4', 'wpC', 'C4');
    expect(await names('case-c4')).toEqual(['dispatch.alarm']);
    expect((await eventsOf(db, 'case-c4'))[0].payload).toMatchObject({
      reasonCode: 'chain_exhausted',
      zoneId: 'C4',
    });

    // A GP comes on duty in C4: the waiting case is offered without anyone touching it.
    await seedRoster(feed, 'wpC', [], [{ gpId: 'C-4', zoneId: 'C4' }]);
    await drained(feed);
    await checker.runDue();
    expect(await lastOffer('case-c4')).toMatchObject({ gpId: 'C-4' });
  });

  it('skips a GP at her maximum of open cases and serves the queue U2 first', async () => {
    await seedRoster(feed, 'wpD', [{ zoneId: 'D1' }], [{ gpId: 'D-1', zoneId: 'D1' }]);
    await drained(feed);
    await http()
      .put('/wachtposts/wpD/settings')
      .set('Authorization', dispatcher('wpD'))
      .send({
        acceptSecondsU2: 60,
        acceptSecondsU3: 300,
        acceptSecondsU4: 900,
        maxOpenCases: 1,
        officeStartHour: 8,
        officeEndHour: 19,
      })
      .expect(200);
    await http()
      .put('/wachtposts/wpD/settings')
      .set('Authorization', dispatcher('wpD'))
      .send({
        acceptSecondsU2: 5,
        acceptSecondsU3: 300,
        acceptSecondsU4: 900,
        maxOpenCases: 0,
        officeStartHour: 8,
        officeEndHour: 19,
      })
      .expect(400)
      .expect((r) =>
        expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
          'acceptSecondsU2',
          'maxOpenCases',
        ]),
      );
    const s = await http()
      .get('/wachtposts/wpD/settings')
      .set('Authorization', dispatcher('wpD'))
      .expect(200);
    expect(s.body).toMatchObject({ acceptSecondsU2: 60, maxOpenCases: 1 });

    await triage('case-d1', 'wpD', 'D1', { urgency: 'U4', dueAt: '2026-11-26T20:00:00+01:00' });
    await triage('case-d2', 'wpD', 'D1', { urgency: 'U4', dueAt: '2026-11-26T10:00:00+01:00' });
    await triage('case-d3', 'wpD', 'D1', { urgency: 'U2', dueAt: '2026-11-25T23:00:00+01:00' });
    expect((await lastOffer('case-d1')).gpId).toBe('D-1');
    expect(await names('case-d2')).toEqual(['dispatch.alarm']);
    expect((await eventsOf(db, 'case-d2'))[0].payload.reasonCode).toBe('all_full');
    const board = await http()
      .get('/wachtposts/wpD/board')
      .set('Authorization', dispatcher('wpD'))
      .expect(200);
    expect(board.body.zones[0].onDuty).toMatchObject([{ gpId: 'D-1', role: 'first', openCases: 1 }]);

    const queue = await http()
      .get('/wachtposts/wpD/queue')
      .set('Authorization', dispatcher('wpD'))
      .expect(200);
    expect(queue.body.map((c: { caseId: string }) => c.caseId)).toEqual(['case-d3', 'case-d2', 'case-d1']);

    // D-1 completes her case: the U2 gets the freed place before the older U4.
    const o1 = await lastOffer('case-d1');
    await http().post(`/offers/${o1.offerId}/accept`).set('Authorization', gpToken('D-1')).expect(200);
    await http()
      .post('/cases/case-d1/complete')
      .set('Authorization', gpToken('D-1'))
      .send({ disposition: 'phone_advice' })
      .expect(200);
    await checker.runDue();
    expect((await lastOffer('case-d3'))?.gpId).toBe('D-1');
    expect(await lastOffer('case-d2')).toBeUndefined();
  });

  it('warns at 75% of the time to the due time and reports a breach at 100%', async () => {
    await seedRoster(feed, 'wpE', [{ zoneId: 'E1' }], [{ gpId: 'E-1', zoneId: 'E1' }]);
    await drained(feed);
    // Received 22:00, due 23:00: warning at 22:45.
    await triage('case-e1', 'wpE', 'E1', { urgency: 'U2', dueAt: '2026-11-25T23:00:00+01:00' });
    const offer = await lastOffer('case-e1');
    await http().post(`/offers/${offer.offerId}/accept`).set('Authorization', gpToken('E-1')).expect(200);
    clock.set('2026-11-25T22:44:59');
    await checker.runDue();
    expect(await eventsOf(db, 'case-e1', 'dispatch.sla-warning')).toHaveLength(0);
    clock.set('2026-11-25T22:45:00');
    await checker.runDue();
    const [warning] = await eventsOf(db, 'case-e1', 'dispatch.sla-warning');
    expect(warning.payload).toMatchObject({ gpId: 'E-1', dueAt: '2026-11-25T23:00:00.000+01:00' });
    clock.set('2026-11-25T23:00:00');
    await checker.runDue();
    await checker.runDue();
    expect(await eventsOf(db, 'case-e1', 'dispatch.sla-breached')).toHaveLength(1);
    expect(await eventsOf(db, 'case-e1', 'dispatch.sla-warning')).toHaveLength(1);
  });

  it('withdraws the open offer when triage cancels the case, and ignores a late re-triage', async () => {
    await seedRoster(
      feed,
      'wpF',
      [{ zoneId: 'F1' }, { zoneId: 'F2' }],
      [
        { gpId: 'F-1', zoneId: 'F1' },
        { gpId: 'F-2', zoneId: 'F2' },
      ],
    );
    await drained(feed);
    await triage('case-f1', 'wpF', 'F1');
    // Re-triage, same zone, higher urgency: the offer stays with F-1.
    await triage('case-f1', 'wpF', 'F1', { urgency: 'U2', revision: 2 });
    expect(await names('case-f1')).toEqual(['dispatch.case-offered']);
    // An old revision changes nothing; a new zone re-routes.
    await triage('case-f1', 'wpF', 'F2', { revision: 1 });
    expect(await names('case-f1')).toEqual(['dispatch.case-offered']);
    await triage('case-f1', 'wpF', 'F2', { revision: 3 });
    expect((await lastOffer('case-f1')).gpId).toBe('F-2');

    await feed.send(CaseCancelled, {
      caseId: 'case-f1',
      wachtpostId: 'wpF',
      reasonCode: 'caller_hung_up',
      at: NIGHT,
    });
    await drained(feed);
    const ended = await eventsOf(db, 'case-f1', 'dispatch.offer-ended');
    expect(ended.map((e) => [e.payload.gpId, e.payload.outcome, e.payload.reasonCode])).toEqual([
      ['F-1', 'withdrawn', 'retriaged'],
      ['F-2', 'withdrawn', 'case_cancelled'],
    ]);
    await triage('case-f1', 'wpF', 'F1', { revision: 4 });
    expect(await eventsOf(db, 'case-f1', 'dispatch.case-offered')).toHaveLength(2);
  });

  it('moves an open offer to the GP now on duty when the roster takes the duty away, and leaves a case she accepted', async () => {
    await seedRoster(
      feed,
      'wpS',
      [{ zoneId: 'S1' }],
      [
        { gpId: 'S-1', zoneId: 'S1' },
        { gpId: 'S-2', zoneId: 'S1' },
      ],
    );
    await drained(feed);
    const unassign = async (gpId: string) => {
      await feed.send(DutyUnassigned, {
        assignmentId: `as-${gpId}-S1-first`,
        shiftId: 's1',
        gpId,
        kringId: 'k1',
      });
      await drained(feed);
    };
    const endings = async (caseId: string) =>
      (await eventsOf(db, caseId, 'dispatch.offer-ended')).map((e) => [
        e.payload.gpId,
        e.payload.outcome,
        e.payload.reasonCode,
      ]);
    await triage('case-s1', 'wpS', 'S1');
    const first = await lastOffer('case-s1');
    await http()
      .post(`/offers/${first.offerId}/accept`)
      .set('Authorization', gpToken(first.gpId))
      .expect(200);
    await triage('case-s2', 'wpS', 'S1');
    const second = await lastOffer('case-s2');
    expect(second.gpId).not.toBe(first.gpId);

    // The roster takes the duty of the GP with the open offer: it goes to the one still on duty.
    await unassign(second.gpId);
    expect(await endings('case-s2')).toEqual([[second.gpId, 'withdrawn', 'off_duty']]);
    expect((await lastOffer('case-s2')).gpId).toBe(first.gpId);

    // Her duty goes too: the open offer is withdrawn, the case she accepted stays hers.
    await unassign(first.gpId);
    expect(await endings('case-s2')).toEqual([
      [second.gpId, 'withdrawn', 'off_duty'],
      [first.gpId, 'withdrawn', 'off_duty'],
    ]);
    expect(await endings('case-s1')).toEqual([]);
    const work = await http().get('/me/work').set('Authorization', gpToken(first.gpId)).expect(200);
    expect(work.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual(['case-s1']);
  });

  it('ends a held case sent to 112, and a case closed by triage, with a withdrawal to the GP', async () => {
    await seedRoster(feed, 'wpK', [{ zoneId: 'K1' }], [{ gpId: 'K-1', zoneId: 'K1' }]);
    await drained(feed);
    await triage('case-k1', 'wpK', 'K1');
    const offer = await lastOffer('case-k1');
    await http().post(`/offers/${offer.offerId}/accept`).set('Authorization', gpToken('K-1')).expect(200);
    await feed.send(CaseEscalatedTo112, { caseId: 'case-k1', wachtpostId: 'wpK', at: NIGHT });
    await triage('case-k2', 'wpK', 'K1');
    await feed.send(CaseClosed, {
      caseId: 'case-k2',
      wachtpostId: 'wpK',
      disposition: 'phone_advice',
      at: NIGHT,
    });
    await drained(feed);
    const ended = [
      ...(await eventsOf(db, 'case-k1', 'dispatch.offer-ended')),
      ...(await eventsOf(db, 'case-k2', 'dispatch.offer-ended')),
    ];
    expect(ended.map((e) => [e.payload.caseId, e.payload.outcome, e.payload.reasonCode])).toEqual([
      ['case-k1', 'withdrawn', 'escalated_112'],
      ['case-k2', 'withdrawn', 'case_closed'],
    ]);
    const work = await http().get('/me/work').set('Authorization', gpToken('K-1')).expect(200);
    expect(work.body).toEqual({ offers: [], cases: [] });
    await http()
      .post('/cases/case-k1/start')
      .set('Authorization', gpToken('K-1'))
      .send({ mode: 'en_route' })
      .expect(409);
  });

  it('needs no GP for U5 phone advice', async () => {
    await triage('case-g1', 'wpG', 'G1', { urgency: 'U5', disposition: 'phone_advice' });
    expect(await names('case-g1')).toEqual([]);
    const [row] = await db.query(`SELECT status FROM dispatch.dispatch_case WHERE case_id = 'case-g1'`);
    expect(row.status).toBe('advice');
  });

  it('refuses a second live offer or hold for one case in the database itself', async () => {
    await seedRoster(feed, 'wpH', [{ zoneId: 'H1' }], [{ gpId: 'H-1', zoneId: 'H1' }]);
    await drained(feed);
    await triage('case-h1', 'wpH', 'H1');
    await expect(
      db.query(
        `INSERT INTO dispatch.offer (offer_id, case_id, gp_id, attempt, status, offered_at, expires_at)
         VALUES (gen_random_uuid(), 'case-h1', 'H-2', 9, 'held', now(), now())`,
      ),
    ).rejects.toMatchObject({ driverError: { code: '23505', constraint: 'offer_one_live_per_case' } });
  });

  it('answers 401 without a token and 403 for the wrong role', async () => {
    await http().get('/wachtposts/wpA/queue').expect(401);
    await http().get('/wachtposts/wpA/queue').set('Authorization', gpToken('A-nl')).expect(403);
    await http().get('/me/work').set('Authorization', dispatcher('wpA')).expect(403);
  });
});
