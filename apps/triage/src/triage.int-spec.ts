import { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  BusEvent,
  CaseAccepted,
  CaseCompleted,
  CaseOffered,
  OfferEnded,
  CaseStarted,
  EventDefinition,
  eventKey,
  queueOf,
  SlaBreached,
  KringCalendarChanged,
  ZoneChanged,
} from '@permanentie/contracts';
import { FixedClock, inszFrom, rizivFrom } from '@permanentie/domain';
import {
  bootService,
  cloneTestDatabase,
  eventually,
  frozenClock,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
  tokenFor,
} from '@permanentie/testing';
import { queueQuery } from './cases/cases.reader';
import { SAMPLE_PROTOCOL } from './protocols/sample-protocol';
import { TriageModule } from './triage.module';

const WP = 'wp-leuven';
const OTHER_WP = 'wp-brussel';
const dispatcher = tokenFor('dispatcher', { wachtpostId: WP }, { sub: 'disp-anna' });
const otherDispatcher = tokenFor('dispatcher', { wachtpostId: OTHER_WP }, { sub: 'disp-bert' });
const admin = tokenFor('admin', {}, { sub: 'admin-1' });
const gp1 = tokenFor('gp', { gpId: 'gp-1' }, { sub: 'user-gp-1' });
const gp2 = tokenFor('gp', { gpId: 'gp-2' }, { sub: 'user-gp-2' });

const VALID_INSZ = inszFrom({ year: 1985, month: 4, day: 12 }, 17);
const VALID_RIZIV = rizivFrom(12345);

function caseBody(overrides: Record<string, unknown> = {}) {
  return {
    channel: '1733',
    caller: { name: 'Mieke Peeters', phone: '+32470000001', relation: 'family' },
    patient: {
      name: 'Jan Peeters',
      birthDate: '1985-04-12',
      insz: VALID_INSZ,
      phone: '+32470000002',
      address: { street: 'Naamsestraat 1', postcode: '3000', city: 'Leuven' },
      language: 'nl',
    },
    ownGp: { riziv: VALID_RIZIV, name: 'Dr. An Claes' },
    ...overrides,
  };
}

interface OutboxRow {
  event_name: string;
  payload: Record<string, unknown>;
}

describe('triage service (real PostgreSQL + Redis)', () => {
  let app: INestApplication;
  let db: DataSource;
  let clock: FixedClock;
  let prefix: string;
  let queue: Queue;
  let keyN = 0;

  const http = () => request(app.getHttpServer());
  const newKey = () => `key-${Date.now()}-${++keyN}`;
  const create = (body: Record<string, unknown> = caseBody(), key = newKey(), token = dispatcher) =>
    http().post('/cases').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);
  const post = (path: string, body: Record<string, unknown>, token = dispatcher) =>
    http().post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token = dispatcher) => http().get(path).set('Authorization', `Bearer ${token}`);
  /** The case's events after intake (triage.case-recorded, published by every intake, left out). */
  const outbox = async (caseId: string): Promise<OutboxRow[]> =>
    db.query(
      `SELECT event_name, payload FROM outbox WHERE payload->>'caseId' = $1 AND event_name <> 'triage.case-recorded'
       ORDER BY seq`,
      [caseId],
    );
  const allEvents = async (caseId: string): Promise<OutboxRow[]> =>
    db.query(`SELECT event_name, payload FROM outbox WHERE payload->>'caseId' = $1 ORDER BY seq`, [caseId]);
  const caseRow = async (id: string) => (await db.query(`SELECT * FROM cases WHERE id = $1`, [id]))[0];
  const triage = (id: string, complaintCode: string, answers: Record<string, string>, version = 1) =>
    post(`/cases/${id}/triage`, { version, complaintCode, answers });
  /** A case created and triaged to the given complaint/answers; returns the summary. */
  const triaged = async (complaintCode: string, answers: Record<string, string>, body = caseBody()) => {
    const created = await create(body).expect(201);
    const res = await triage(created.body.id, complaintCode, answers).expect(200);
    return res.body;
  };
  /** Feeds an event through the real consumer path: the events-triage queue, inbox, handler. */
  const deliver = async <P>(def: EventDefinition<P>, payload: P) => {
    const id = randomUUID();
    const data: BusEvent<P> = {
      id,
      name: def.name,
      version: def.version,
      occurredAt: clock.now().toISO() ?? '',
      payload,
    };
    await queue.add(eventKey(def), data, { jobId: id });
    await eventually(
      async () => (await db.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [id])).length === 1,
    );
    return id;
  };

  const U4_CHILD = {
    age: 'under_2_years',
    non_blanching_rash: 'no',
    drowsy_floppy: 'no',
    drinking_poorly: 'no',
    fever_over_3_days: 'no',
  };
  const U1_CHEST = {
    pressing_radiating: 'yes',
    sweating_pale: 'no',
    over_40_or_cardiac: 'yes',
    pain_on_movement: 'no',
  };
  const U3_CHEST = {
    pressing_radiating: 'no',
    sweating_pale: 'no',
    over_40_or_cardiac: 'no',
    pain_on_movement: 'no',
  };
  const U5_MIGRAINE = { thunderclap: 'no', neuro_signs: 'no', fever_stiff_neck: 'no', known_migraine: 'yes' };

  beforeAll(async () => {
    const url = await cloneTestDatabase();
    prefix = testQueuePrefix();
    clock = frozenClock('2026-11-25T21:00:00');
    app = await bootService(
      TriageModule.forRoot({
        DATABASE_URL: url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        AUTH_TOKEN_SECRET: TEST_SECRET,
        REPORT_DELIVERY_INTERVAL_MS: 0,
      }),
      { name: 'triage', clock },
    );
    db = app.get(DataSource);
    queue = new Queue(queueOf('triage'), { connection: { url: REDIS_URL }, prefix: `{${prefix}}` });
    await deliver(ZoneChanged, {
      zoneId: 'zone-leuven-centrum',
      kringId: 'kring-leuven',
      wachtpostId: WP,
      postcodes: ['3000', '3001', '3010'],
      overflowZoneIds: [],
      active: true,
    });
  });

  afterAll(async () => {
    await queue?.close();
    await app?.close();
  });

  beforeEach(() => clock.set('2026-11-25T21:00:00'));

  describe('intake', () => {
    it('records a call as a received case with its zone derived from the postcode, and no patient data in the answer', async () => {
      const res = await create().expect(201);
      expect(res.body).toMatchObject({
        wachtpostId: WP,
        status: 'received',
        version: 1,
        channel: '1733',
        postcode: '3000',
        zoneId: 'zone-leuven-centrum',
        language: 'nl',
        urgency: null,
        receivedAt: '2026-11-25T21:00:00+01:00',
        dueAt: '2026-11-25T21:20:00+01:00', // triage within 20 minutes
      });
      expect(JSON.stringify(res.body)).not.toContain('Peeters');
      const row = await caseRow(res.body.id);
      expect(row).toMatchObject({
        patient_name: 'Jan Peeters',
        patient_insz: VALID_INSZ,
        own_gp_riziv: VALID_RIZIV,
      });
      // The other dispatchers' screens learn of the new call (gateway), with ids and codes only.
      const events = await allEvents(res.body.id);
      expect(events).toEqual([
        {
          event_name: 'triage.case-recorded',
          payload: {
            caseId: res.body.id,
            wachtpostId: WP,
            zoneId: 'zone-leuven-centrum',
            channel: '1733',
            receivedAt: '2026-11-25T21:00:00+01:00',
            dueAt: '2026-11-25T21:20:00+01:00',
          },
        },
      ]);
      expect(JSON.stringify(events)).not.toMatch(/Peeters|Naamsestraat|1985|Claes/);
      const [{ destinations }] = await db.query(
        `SELECT destinations FROM outbox WHERE payload->>'caseId' = $1`,
        [res.body.id],
      );
      expect(destinations).toEqual(['gateway']);
    });

    it('a replayed submit publishes nothing again', async () => {
      const key = newKey();
      const first = await create(caseBody(), key).expect(201);
      await create(caseBody(), key).expect(200);
      expect((await allEvents(first.body.id)).map((e) => e.event_name)).toEqual(['triage.case-recorded']);
    });

    it('gives no zone to a Belgian postcode no zone of the wachtpost covers', async () => {
      const body = caseBody();
      (body.patient as { address: { postcode: string } }).address.postcode = '9000';
      const res = await create(body).expect(201);
      expect(res.body.zoneId).toBeNull();
    });

    it('a retried submit with the same Idempotency-Key returns the same case; another body with that key is 422', async () => {
      const key = newKey();
      const first = await create(caseBody(), key).expect(201);
      const again = await create(caseBody(), key).expect(200);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const different = await create(caseBody({ channel: 'wachtpost_phone' }), key).expect(422);
      expect(different.body.errors).toEqual([{ field: 'Idempotency-Key', reason: expect.any(String) }]);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM cases WHERE idempotency_key = $1`, [
        key,
      ]);
      expect(n).toBe(1);
    });

    it('concurrent submits with one key make one case', async () => {
      const key = newKey();
      const results = await Promise.all([1, 2, 3, 4].map(() => create(caseBody(), key)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM cases WHERE idempotency_key = $1`, [
        key,
      ]);
      expect(n).toBe(1);
    });

    it('the same key in another wachtpost is another case', async () => {
      const key = newKey();
      const a = await create(caseBody(), key).expect(201);
      const b = await create(caseBody(), key, otherDispatcher).expect(201);
      expect(b.body.id).not.toBe(a.body.id);
      expect(b.body.wachtpostId).toBe(OTHER_WP);
    });

    it('needs an Idempotency-Key', async () => {
      const res = await http()
        .post('/cases')
        .set('Authorization', `Bearer ${dispatcher}`)
        .send(caseBody())
        .expect(400);
      expect(res.body.errors).toContainEqual({ field: 'Idempotency-Key', reason: expect.any(String) });
    });

    it('answers 400 naming each bad field (INSZ check digit, unknown postcode, RIZIV) and stores nothing', async () => {
      const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM cases`);
      const body = caseBody({ ownGp: { riziv: '10000150099' } });
      const patient = body.patient as { insz: string; address: { postcode: string } };
      patient.insz =
        VALID_INSZ.slice(0, 9) + String((Number(VALID_INSZ.slice(9)) + 1) % 100).padStart(2, '0');
      patient.address.postcode = '9999';
      const res = await create(body).expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['ownGp.riziv', 'patient.address.postcode', 'patient.insz']);
      expect(res.body.errors.every((e: { reason: string }) => e.reason.length > 0)).toBe(true);
      const [{ n: after }] = await db.query(`SELECT count(*)::int AS n FROM cases`);
      expect(after).toBe(before);
    });

    it('one 400 names every bad field once, in Dutch: a missing name beside a bad INSZ and postcode 9999; nothing stored', async () => {
      const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM cases`);
      const body = caseBody();
      const patient = body.patient as Record<string, unknown> & { address: { postcode: string } };
      delete patient.name;
      patient.insz =
        VALID_INSZ.slice(0, 9) + String((Number(VALID_INSZ.slice(9)) + 1) % 100).padStart(2, '0');
      patient.address.postcode = '9999';
      const res = await create(body).expect(400);
      expect(res.body.errors).toHaveLength(3);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'patient.name', reason: 'verplicht' },
          { field: 'patient.insz', reason: 'INSZ ongeldig (controlecijfers kloppen niet)' },
          { field: 'patient.address.postcode', reason: 'postcode bestaat niet in België' },
        ]),
      );
      const [{ n: after }] = await db.query(`SELECT count(*)::int AS n FROM cases`);
      expect(after).toBe(before);
    });

    it('dates, RIZIV and DTO problems come in the same 400 too, each field once', async () => {
      const body = caseBody({
        channel: 'pigeon',
        receivedAt: '2026-11-25T23:00:00+01:00', // two hours ahead of the clock
        ownGp: { riziv: '10000150099', name: 42 },
      });
      const patient = body.patient as Record<string, unknown>;
      patient.birthDate = '2027-01-01';
      patient.language = 'xx';
      patient.address = undefined;
      const res = await create(body).expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual([
        'channel',
        'ownGp.name',
        'ownGp.riziv',
        'patient.address',
        'patient.birthDate',
        'patient.language',
        'receivedAt',
      ]);
      expect(res.body.errors).toContainEqual({ field: 'receivedAt', reason: 'ligt in de toekomst' });
      expect(res.body.errors).toContainEqual({ field: 'patient.birthDate', reason: 'ligt in de toekomst' });
      expect(res.body.errors).toContainEqual({ field: 'patient.address', reason: 'verplicht' });
      for (const e of res.body.errors as { reason: string }[])
        expect(e.reason).not.toMatch(/\bmust\b|\bshould\b/);
    });

    it('answers 400 for DTO problems too (unknown channel, missing patient name, bad language)', async () => {
      const body = caseBody({ channel: 'pigeon' });
      (body.patient as Record<string, unknown>).name = undefined;
      (body.patient as Record<string, unknown>).language = 'xx';
      const res = await create(body).expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['channel', 'patient.name', 'patient.language']));
    });

    it('accepts a call without INSZ or own GP (validate, never require)', async () => {
      const body = caseBody({ ownGp: undefined });
      delete (body.patient as Record<string, unknown>).insz;
      await create(body).expect(201);
    });

    it('only dispatchers and admins create cases; a dispatcher only in her own wachtpost', async () => {
      await create(caseBody(), newKey(), gp1).expect(403);
      await create(caseBody({ wachtpostId: OTHER_WP })).expect(400);
      const res = await create(caseBody({ wachtpostId: OTHER_WP }), newKey(), admin).expect(201);
      expect(res.body.wachtpostId).toBe(OTHER_WP);
      await http().post('/cases').set('Idempotency-Key', newKey()).send(caseBody()).expect(401);
    });
  });

  describe('triage with the sample protocol', () => {
    it('U1: chest pain radiating goes to 112 at once, never to a GP', async () => {
      const c = await triaged('chest_pain', U1_CHEST);
      expect(c).toMatchObject({
        status: 'handed_to_112',
        urgency: 'U1',
        disposition: 'handed_to_112',
        dueAt: '2026-11-25T21:03:00+01:00',
        escalatedAt: '2026-11-25T21:00:00+01:00',
      });
      const events = await outbox(c.id);
      expect(events.map((e) => e.event_name)).toEqual(['triage.case-escalated-112']);
      expect(events[0].payload).toEqual({
        caseId: c.id,
        wachtpostId: WP,
        at: '2026-11-25T21:00:00.000+01:00',
      });
    });

    it('U4: a febrile toddler waits for a GP; CaseTriaged carries ids and codes only', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      expect(c).toMatchObject({
        status: 'waiting_for_gp',
        urgency: 'U4',
        disposition: 'consultation',
        revision: 1,
      });
      expect(c.dueAt).toBe('2026-11-26T21:00:00+01:00');
      const [event] = await outbox(c.id);
      expect(event.event_name).toBe('triage.case-triaged');
      expect(event.payload).toEqual({
        caseId: c.id,
        wachtpostId: WP,
        zoneId: 'zone-leuven-centrum',
        urgency: 'U4',
        channel: '1733',
        disposition: 'consultation',
        language: 'nl',
        postcode: '3000',
        receivedAt: '2026-11-25T21:00:00+01:00',
        dueAt: '2026-11-26T21:00:00+01:00',
        revision: 1,
      });
      expect(JSON.stringify(event.payload)).not.toMatch(/Peeters|Naamsestraat|1985/);
    });

    it('U2: a febrile child under 3 months; U3: chest pain without red flags; U2 with home visit for breathlessness with fever', async () => {
      const baby = await triaged('fever_child', { ...U4_CHILD, age: 'under_3_months' });
      expect(baby).toMatchObject({
        urgency: 'U2',
        disposition: 'consultation',
        dueAt: '2026-11-25T22:00:00+01:00',
      });
      const chest = await triaged('chest_pain', U3_CHEST);
      expect(chest).toMatchObject({
        urgency: 'U3',
        disposition: 'consultation',
        dueAt: '2026-11-26T00:00:00+01:00',
      });
      const breath = await triaged('breathlessness', {
        cannot_speak: 'no',
        blue_lips: 'no',
        known_asthma_copd: 'no',
        fever: 'yes',
      });
      expect(breath).toMatchObject({
        status: 'waiting_for_gp',
        urgency: 'U2',
        disposition: 'home_visit_priority',
      });
    });

    it('U5: known migraine gets phone advice, no GP, due with the own GP at 08:00 the next working day', async () => {
      const c = await triaged('headache', U5_MIGRAINE);
      expect(c).toMatchObject({
        status: 'advice_given',
        urgency: 'U5',
        disposition: 'phone_advice',
        dueAt: '2026-11-26T08:00:00+01:00',
      });
      // Not for dispatch (no GP needed), but the dispatchers' screens are told: ids and codes only.
      expect(await outbox(c.id)).toEqual([
        {
          event_name: 'triage.case-advice-given',
          payload: {
            caseId: c.id,
            wachtpostId: WP,
            urgency: 'U5',
            disposition: 'phone_advice',
            at: '2026-11-25T21:00:00.000+01:00',
          },
        },
      ]);
    });

    it("U5 on the eve of 11 July: due the next working day after the kring's community holiday", async () => {
      clock.set('2025-07-10T22:00:00'); // Thursday; 11 July 2025 is a Friday
      expect((await triaged('headache', U5_MIGRAINE)).dueAt).toBe('2025-07-11T08:00:00+02:00');
      await deliver(KringCalendarChanged, { kringId: 'kring-leuven', communityHolidays: ['flemish'] });
      try {
        expect((await triaged('headache', U5_MIGRAINE)).dueAt).toBe('2025-07-14T08:00:00+02:00');
      } finally {
        await deliver(KringCalendarChanged, { kringId: 'kring-leuven', communityHolidays: [] });
      }
    });

    it('keeps the protocol version and answers on the case', async () => {
      const c = await triaged('chest_pain', U3_CHEST);
      const row = await caseRow(c.id);
      expect(row.answers).toEqual(U3_CHEST);
      expect(row.complaint_code).toBe('chest_pain');
      const [pv] = await db.query(`SELECT version, code FROM protocol_versions WHERE id = $1`, [
        row.protocol_version_id,
      ]);
      expect(pv).toEqual({ version: 1, code: SAMPLE_PROTOCOL.code });
    });

    it('answers 400 for an answer that is not an option, an unknown or missing question, an unknown complaint; nothing changes', async () => {
      const created = await create().expect(201);
      const bad = await triage(created.body.id, 'chest_pain', {
        pressing_radiating: 'maybe',
        sweating_pale: 'no',
        over_40_or_cardiac: 'no',
        shoe_size: '42',
      }).expect(400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'answers.pressing_radiating', reason: expect.stringContaining('yes, no') },
          { field: 'answers.shoe_size', reason: expect.any(String) },
          { field: 'answers.pain_on_movement', reason: expect.any(String) },
        ]),
      );
      const unknown = await triage(created.body.id, 'toothache', {}).expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'complaintCode', reason: expect.any(String) }]);
      const row = await caseRow(created.body.id);
      expect(row).toMatchObject({ status: 'received', version: 1, urgency: null, answers: null });
      expect(await outbox(created.body.id)).toEqual([]);
    });

    it('triage twice is refused (409): re-triage is an override', async () => {
      const c = await triaged('chest_pain', U3_CHEST);
      await triage(c.id, 'chest_pain', U3_CHEST, c.version).expect(409);
    });
  });

  describe('override, 112, cancel, close and concurrency', () => {
    it('the dispatcher overrides with a reason; it is recorded and dispatch gets a new revision', async () => {
      const c = await triaged('chest_pain', U3_CHEST);
      const res = await post(`/cases/${c.id}/override`, {
        version: c.version,
        urgency: 'U2',
        disposition: 'home_visit_priority',
        reason: 'Patiënte klinkt zeer angstig en is bedlegerig',
      }).expect(200);
      expect(res.body).toMatchObject({
        urgency: 'U2',
        disposition: 'home_visit_priority',
        proposedUrgency: 'U3',
        proposedDisposition: 'consultation',
        overridden: true,
        revision: 2,
        dueAt: '2026-11-25T22:00:00+01:00',
      });
      const row = await caseRow(c.id);
      expect(row).toMatchObject({
        override_reason: 'Patiënte klinkt zeer angstig en is bedlegerig',
        overridden_by: 'dispatcher:disp-anna',
      });
      const events = await outbox(c.id);
      expect(events.map((e) => [e.event_name, e.payload.revision, e.payload.urgency])).toEqual([
        ['triage.case-triaged', 1, 'U3'],
        ['triage.case-triaged', 2, 'U2'],
      ]);
      const [h] = await db.query(
        `SELECT actor, data FROM case_history WHERE case_id = $1 AND kind = 'overridden'`,
        [c.id],
      );
      expect(h.data).toMatchObject({
        from: { urgency: 'U3' },
        to: { urgency: 'U2' },
        reason: expect.any(String),
      });
    });

    it('triage + override in one request: a protocol U1 overridden to U2 never goes to 112; one CaseTriaged U2; proposal and override both recorded', async () => {
      const created = await create().expect(201);
      const res = await post(`/cases/${created.body.id}/triage`, {
        version: 1,
        complaintCode: 'chest_pain',
        answers: U1_CHEST,
        override: {
          urgency: 'U2',
          disposition: 'home_visit_priority',
          reason: 'Gekende angstpatiënte, pijn reproduceerbaar bij drukken',
        },
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'waiting_for_gp',
        urgency: 'U2',
        disposition: 'home_visit_priority',
        proposedUrgency: 'U1',
        proposedDisposition: 'handed_to_112',
        overridden: true,
        revision: 1,
        escalatedAt: null,
        version: 2,
        dueAt: '2026-11-25T22:00:00+01:00',
      });
      const events = await outbox(created.body.id);
      expect(events.map((e) => [e.event_name, e.payload.urgency, e.payload.revision])).toEqual([
        ['triage.case-triaged', 'U2', 1],
      ]);
      const row = await caseRow(created.body.id);
      expect(row).toMatchObject({
        proposed_urgency: 'U1',
        proposed_disposition: 'handed_to_112',
        urgency: 'U2',
        answers: U1_CHEST,
        complaint_code: 'chest_pain',
        override_reason: 'Gekende angstpatiënte, pijn reproduceerbaar bij drukken',
        overridden_by: 'dispatcher:disp-anna',
        escalated_at: null,
      });
      expect(row.rule_index).toEqual(expect.any(Number));
      expect(row.protocol_version_id).toEqual(expect.any(String));
      const history = await db.query(
        `SELECT kind, actor, data FROM case_history WHERE case_id = $1 ORDER BY id`,
        [created.body.id],
      );
      expect(history.map((h: { kind: string }) => h.kind)).toEqual(['received', 'triaged', 'overridden']);
      expect(history[1].data).toEqual({ urgency: 'U1', disposition: 'handed_to_112' });
      expect(history[2]).toMatchObject({
        actor: 'dispatcher:disp-anna',
        data: {
          from: { urgency: 'U1', disposition: 'handed_to_112' },
          to: { urgency: 'U2', disposition: 'home_visit_priority' },
          reason: 'Gekende angstpatiënte, pijn reproduceerbaar bij drukken',
        },
      });
      // The separate endpoint still corrects it later.
      const later = await post(`/cases/${created.body.id}/override`, {
        version: res.body.version,
        urgency: 'U3',
        disposition: 'consultation',
        reason: 'Na terugbellen: pijn verdwenen',
      }).expect(200);
      expect(later.body).toMatchObject({ urgency: 'U3', revision: 2, proposedUrgency: 'U1' });
    });

    it('triage + override to advice: no GP is ever sought; a bad override is 400 and changes nothing', async () => {
      const created = await create().expect(201);
      const noReason = await post(`/cases/${created.body.id}/triage`, {
        version: 1,
        complaintCode: 'chest_pain',
        answers: U3_CHEST,
        override: { urgency: 'U1', disposition: 'consultation' },
      }).expect(400);
      expect(noReason.body.errors).toEqual([
        { field: 'override.disposition', reason: 'U1 gaat altijd naar 112 en alleen U1 gaat naar 112' },
        { field: 'override.reason', reason: 'verplicht' },
      ]);
      expect(await caseRow(created.body.id)).toMatchObject({ status: 'received', version: 1, answers: null });
      const res = await post(`/cases/${created.body.id}/triage`, {
        version: 1,
        complaintCode: 'chest_pain',
        answers: U3_CHEST,
        override: { urgency: 'U5', disposition: 'phone_advice', reason: 'Spierpijn na sporten, gekend' },
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'advice_given',
        urgency: 'U5',
        proposedUrgency: 'U3',
        revision: 0,
        overridden: true,
      });
      expect((await outbox(created.body.id)).map((e) => e.event_name)).toEqual(['triage.case-advice-given']);
    });

    it('an override needs a reason and a consistent U1/112 pair', async () => {
      const c = await triaged('chest_pain', U3_CHEST);
      const noReason = await post(`/cases/${c.id}/override`, {
        version: c.version,
        urgency: 'U2',
        disposition: 'consultation',
      }).expect(400);
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      const mismatch = await post(`/cases/${c.id}/override`, {
        version: c.version,
        urgency: 'U1',
        disposition: 'consultation',
        reason: 'test',
      }).expect(400);
      expect(mismatch.body.errors).toEqual([{ field: 'disposition', reason: expect.any(String) }]);
      expect((await caseRow(c.id)).version).toBe(c.version);
    });

    it('an override to U1 hands the case to 112 at once', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      const res = await post(`/cases/${c.id}/override`, {
        version: c.version,
        urgency: 'U1',
        disposition: 'handed_to_112',
        reason: 'Kind reageert niet meer',
      }).expect(200);
      expect(res.body.status).toBe('handed_to_112');
      expect((await outbox(c.id)).map((e) => e.event_name)).toEqual([
        'triage.case-triaged',
        'triage.case-escalated-112',
      ]);
    });

    it('a case waiting for a GP is not turned into advice by override (close it instead)', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      await post(`/cases/${c.id}/override`, {
        version: c.version,
        urgency: 'U5',
        disposition: 'phone_advice',
        reason: 'koorts gezakt',
      }).expect(409);
    });

    it('the dispatcher hands an open case to 112 with a reason', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      const res = await post(`/cases/${c.id}/escalate-112`, {
        version: c.version,
        reason: 'Stuipen tijdens het gesprek',
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'handed_to_112',
        urgency: 'U1',
        disposition: 'handed_to_112',
      });
      expect((await outbox(c.id)).map((e) => e.event_name)).toContain('triage.case-escalated-112');
      await post(`/cases/${c.id}/escalate-112`, { version: res.body.version }).expect(409);
    });

    it('cancels with a reason (CaseCancelled carries the code only); a cancelled case cannot be cancelled or closed', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      const other = await post(`/cases/${c.id}/cancel`, { version: c.version, reasonCode: 'other' }).expect(
        400,
      );
      expect(other.body.errors).toEqual([{ field: 'reason', reason: expect.any(String) }]);
      const res = await post(`/cases/${c.id}/cancel`, {
        version: c.version,
        reasonCode: 'patient_went_elsewhere',
        reason: 'Moeder rijdt zelf naar spoed',
      }).expect(200);
      expect(res.body.status).toBe('cancelled');
      const events = await outbox(c.id);
      expect(events[1]).toEqual({
        event_name: 'triage.case-cancelled',
        payload: {
          caseId: c.id,
          wachtpostId: WP,
          reasonCode: 'patient_went_elsewhere',
          at: '2026-11-25T21:00:00.000+01:00',
        },
      });
      await post(`/cases/${c.id}/cancel`, { version: res.body.version, reasonCode: 'duplicate' }).expect(409);
      await post(`/cases/${c.id}/close`, { version: res.body.version, disposition: 'phone_advice' }).expect(
        409,
      );
    });

    it('a stale version gets 409 and changes nothing', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      await post(`/cases/${c.id}/cancel`, { version: c.version - 1, reasonCode: 'duplicate' }).expect(409);
      expect((await caseRow(c.id)).status).toBe('waiting_for_gp');
    });

    it('two dispatchers editing one case at once: one wins, the loser gets 409', async () => {
      const c = await triaged('chest_pain', U3_CHEST);
      const [a, b] = await Promise.all([
        post(`/cases/${c.id}/override`, {
          version: c.version,
          urgency: 'U2',
          disposition: 'consultation',
          reason: 'eerste',
        }),
        post(`/cases/${c.id}/cancel`, { version: c.version, reasonCode: 'duplicate' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      expect((await caseRow(c.id)).version).toBe(c.version + 1);
    });

    it('an untriaged case cannot be closed (cancel it)', async () => {
      const created = await create().expect(201);
      await post(`/cases/${created.body.id}/close`, { version: 1, disposition: 'phone_advice' }).expect(409);
    });

    it('a dispatcher of another wachtpost cannot touch the case', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      await post(
        `/cases/${c.id}/cancel`,
        { version: c.version, reasonCode: 'duplicate' },
        otherDispatcher,
      ).expect(403);
    });
  });

  describe('close and the contact report', () => {
    it('closing writes CaseClosed and a real report for the own GP, due 08:00 the next working day, delivered by the job', async () => {
      clock.set('2026-11-27T22:10:00'); // Friday evening
      const c = await triaged('headache', U5_MIGRAINE);
      const res = await post(`/cases/${c.id}/close`, {
        version: c.version,
        disposition: 'phone_advice',
        note: 'Sumatriptan 50 mg genomen, beterschap na 30 min.',
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'closed',
        disposition: 'phone_advice',
        closedAt: '2026-11-27T22:10:00+01:00',
      });
      expect((await outbox(c.id)).map((e) => e.event_name)).toEqual([
        'triage.case-advice-given',
        'triage.case-closed',
      ]);

      const report = await get(`/cases/${c.id}/report`).expect(200);
      expect(report.body).toMatchObject({
        state: 'pending',
        dueAt: '2026-11-30T08:00:00+01:00',
        recipientRiziv: VALID_RIZIV,
        language: 'nl',
      });
      const body: string = report.body.body;
      expect(body).toContain('Dr. An Claes');
      expect(body).toContain('Jan Peeters');
      expect(body).toContain('Hoofdpijn');
      expect(body).toContain('Gekende migraine, zoals gewoonlijk? ja');
      expect(body).toContain('U5 geen risico');
      expect(body).toContain('telefonisch advies');
      expect(body).toContain('Eigen migrainemedicatie nemen');
      expect(body).toContain('Sumatriptan 50 mg');

      const run = await post('/reports/deliver', {}, admin).expect(200);
      expect(run.body.delivered).toBeGreaterThanOrEqual(1);
      const [mail] = await db.query(
        `SELECT m.recipient_riziv, m.body FROM report_mailbox m JOIN contact_reports r ON r.id = m.report_id WHERE r.case_id = $1`,
        [c.id],
      );
      expect(mail).toEqual({ recipient_riziv: VALID_RIZIV, body });
      const list = await get('/reports?state=delivered').expect(200);
      expect(list.body.find((r: { caseId: string }) => r.caseId === c.id)).toMatchObject({
        state: 'delivered',
        late: false,
      });
    });

    it('writes the report in French for a French-speaking patient, and keeps it undelivered without a RIZIV number', async () => {
      const body = caseBody({ ownGp: { name: 'Dr. Dupont' } });
      (body.patient as { language: string }).language = 'fr';
      const c = await triaged('chest_pain', U1_CHEST, body);
      await post(`/cases/${c.id}/close`, { version: c.version, disposition: 'handed_to_112' }).expect(200);
      const report = await get(`/cases/${c.id}/report`).expect(200);
      expect(report.body).toMatchObject({ state: 'no_recipient', language: 'fr' });
      expect(report.body.body).toContain('Douleur thoracique');
      expect(report.body.body).toContain('transféré au 112');
      await post('/reports/deliver', {}, admin).expect(200);
      expect((await get(`/cases/${c.id}/report`).expect(200)).body.state).toBe('no_recipient');
    });

    it("the report is due 08:00 the next working day after the kring's community holiday", async () => {
      clock.set('2025-07-10T22:00:00'); // Thursday; 11 July 2025 (Flemish community) is a Friday
      await deliver(KringCalendarChanged, { kringId: 'kring-leuven', communityHolidays: ['flemish'] });
      try {
        const c = await triaged('headache', U5_MIGRAINE);
        await post(`/cases/${c.id}/close`, { version: c.version, disposition: 'phone_advice' }).expect(200);
        const report = await get(`/cases/${c.id}/report`).expect(200);
        expect(report.body.dueAt).toBe('2025-07-14T08:00:00+02:00');
      } finally {
        await deliver(KringCalendarChanged, { kringId: 'kring-leuven', communityHolidays: [] });
      }
      // Without it, 11 July is a working day.
      const c = await triaged('headache', U5_MIGRAINE);
      await post(`/cases/${c.id}/close`, { version: c.version, disposition: 'phone_advice' }).expect(200);
      expect((await get(`/cases/${c.id}/report`).expect(200)).body.dueAt).toBe('2025-07-11T08:00:00+02:00');
    });

    it('a case at 112 closes only as handed_to_112', async () => {
      const c = await triaged('chest_pain', U1_CHEST);
      await post(`/cases/${c.id}/close`, { version: c.version, disposition: 'consultation' }).expect(409);
    });
  });

  describe('events from dispatch (through the events-triage queue)', () => {
    it('offered -> accepted -> started -> sla breached -> completed keeps status and GP current and closes with a report', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      const ref = { caseId: c.id, wachtpostId: WP };
      await deliver(CaseOffered, {
        ...ref,
        offerId: 'o1',
        gpId: 'gp-1',
        urgency: 'U4',
        expiresAt: '2026-11-25T21:05:00+01:00',
        attempt: 1,
        zoneId: 'zone-leuven-centrum',
      });
      expect(await caseRow(c.id)).toMatchObject({ status: 'offered', offered_gp_id: 'gp-1' });

      // The GP an offer is made to may read the patient data; another GP may not.
      const seen = await get(`/cases/${c.id}`, gp1).expect(200);
      expect(seen.body.patient.name).toBe('Jan Peeters');
      await get(`/cases/${c.id}`, gp2).expect(403);
      const [log] = await db.query(
        `SELECT user_id, role, gp_id, purpose, action FROM access_log WHERE case_id = $1`,
        [c.id],
      );
      expect(log).toEqual({
        user_id: 'user-gp-1',
        role: 'gp',
        gp_id: 'gp-1',
        purpose: 'care',
        action: 'read_case',
      });

      await deliver(CaseAccepted, { ...ref, offerId: 'o1', gpId: 'gp-1', at: '2026-11-25T21:02:00+01:00' });
      expect(await caseRow(c.id)).toMatchObject({
        status: 'accepted',
        assigned_gp_id: 'gp-1',
        offered_gp_id: null,
      });
      const queue1 = await get('/queue').expect(200);
      expect(queue1.body.find((q: { id: string }) => q.id === c.id)).toMatchObject({
        status: 'accepted',
        assignedGpId: 'gp-1',
      });

      await deliver(CaseStarted, {
        ...ref,
        gpId: 'gp-1',
        mode: 'consultation',
        at: '2026-11-25T21:30:00+01:00',
      });
      expect((await caseRow(c.id)).status).toBe('in_progress');

      clock.set('2026-11-26T21:01:00');
      await deliver(SlaBreached, { ...ref, dueAt: '2026-11-26T21:00:00+01:00', gpId: 'gp-1' });
      expect((await caseRow(c.id)).sla_breached_at).not.toBeNull();

      await deliver(CaseCompleted, {
        ...ref,
        gpId: 'gp-1',
        disposition: 'consultation',
        at: '2026-11-26T21:10:00+01:00',
      });
      const row = await caseRow(c.id);
      expect(row).toMatchObject({ status: 'closed', disposition: 'consultation', assigned_gp_id: 'gp-1' });
      const events = await outbox(c.id);
      expect(events.map((e) => e.event_name)).toEqual(['triage.case-triaged', 'triage.case-closed']);
      expect(events[1].payload).toMatchObject({ disposition: 'consultation' });
      const [report] = await db.query(`SELECT state, body FROM contact_reports WHERE case_id = $1`, [c.id]);
      expect(report.state).toBe('pending');
      expect(report.body).toContain('consultatie op de wachtpost');
      expect(report.body).toContain('aanvaard door arts van wacht');
      expect(report.body).toContain('streeftijd overschreden');
      expect(report.body).toContain('gp-1');

      // The GP who held the case still reads it; the first GP after expiry of an offer does not.
      await get(`/cases/${c.id}`, gp1).expect(200);
    });

    it('an offer that expired no longer opens the record to that GP', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      await deliver(CaseOffered, {
        caseId: c.id,
        wachtpostId: WP,
        offerId: 'o2',
        gpId: 'gp-2',
        urgency: 'U4',
        expiresAt: '2026-11-25T21:05:00+01:00',
        attempt: 1,
        zoneId: 'zone-leuven-centrum',
      });
      await get(`/cases/${c.id}`, gp2).expect(200);
      clock.set('2026-11-25T21:06:00');
      await get(`/cases/${c.id}`, gp2).expect(403);
    });

    it('a declined offer closes the record to that GP at once, and the case waits for the next', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      await deliver(CaseOffered, {
        caseId: c.id,
        wachtpostId: WP,
        offerId: 'o4',
        gpId: 'gp-2',
        urgency: 'U4',
        expiresAt: '2026-11-25T21:15:00+01:00',
        attempt: 1,
        zoneId: 'zone-leuven-centrum',
      });
      await get(`/cases/${c.id}`, gp2).expect(200);
      await deliver(OfferEnded, {
        caseId: c.id,
        wachtpostId: WP,
        offerId: 'o4',
        gpId: 'gp-2',
        outcome: 'declined',
        reasonCode: 'busy',
      });
      await get(`/cases/${c.id}`, gp2).expect(403);
      expect(await caseRow(c.id)).toMatchObject({ status: 'waiting_for_gp', offered_gp_id: null });
    });

    it('late events change nothing: an acceptance after a cancellation', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      await post(`/cases/${c.id}/cancel`, { version: c.version, reasonCode: 'duplicate' }).expect(200);
      await deliver(CaseAccepted, {
        caseId: c.id,
        wachtpostId: WP,
        offerId: 'o3',
        gpId: 'gp-1',
        at: '2026-11-25T21:02:00+01:00',
      });
      expect(await caseRow(c.id)).toMatchObject({ status: 'cancelled', assigned_gp_id: null });
    });

    it('zone changes feed the read model: a deactivated zone no longer matches', async () => {
      await deliver(ZoneChanged, {
        zoneId: 'zone-heverlee',
        kringId: 'kring-leuven',
        wachtpostId: WP,
        postcodes: ['3001'],
        overflowZoneIds: [],
        active: true,
      });
      const body = caseBody();
      (body.patient as { address: { postcode: string } }).address.postcode = '3001';
      // 3001 is in both zones; the first by id wins.
      expect((await create(body).expect(201)).body.zoneId).toBe('zone-heverlee');
      await deliver(ZoneChanged, {
        zoneId: 'zone-heverlee',
        kringId: 'kring-leuven',
        wachtpostId: WP,
        postcodes: ['3001'],
        overflowZoneIds: [],
        active: false,
      });
      expect((await create(body).expect(201)).body.zoneId).toBe('zone-leuven-centrum');
    });
  });

  describe('queue', () => {
    it('lists open cases of the wachtpost: untriaged first, then urgency, then due time; with filters', async () => {
      await db.query(`TRUNCATE cases, case_history, access_log, contact_reports, report_mailbox CASCADE`);
      const u4 = await triaged('fever_child', U4_CHILD);
      clock.set('2026-11-25T21:10:00');
      const u3late = await triaged('chest_pain', U3_CHEST);
      clock.set('2026-11-25T21:05:00');
      const u3early = await triaged('chest_pain', U3_CHEST);
      const u2 = await triaged('fever_child', { ...U4_CHILD, age: 'under_3_months' });
      const fresh = (await create().expect(201)).body;
      const closed = await triaged('headache', U5_MIGRAINE);
      await post(`/cases/${closed.id}/close`, {
        version: closed.version,
        disposition: 'phone_advice',
      }).expect(200);
      await create(caseBody(), newKey(), otherDispatcher).expect(201);

      const all = await get('/queue').expect(200);
      expect(all.body.map((c: { id: string }) => c.id)).toEqual([
        fresh.id,
        u2.id,
        u3early.id,
        u3late.id,
        u4.id,
      ]);
      expect(JSON.stringify(all.body)).not.toContain('Peeters');
      const u3 = await get('/queue?urgency=U3').expect(200);
      expect(u3.body.map((c: { id: string }) => c.id)).toEqual([u3early.id, u3late.id]);
      const received = await get('/queue?status=received').expect(200);
      expect(received.body.map((c: { id: string }) => c.id)).toEqual([fresh.id]);
      const zone = await get('/queue?zoneId=nowhere').expect(200);
      expect(zone.body).toEqual([]);
      clock.set('2026-11-25T23:30:00');
      const late = await get('/queue?breached=true').expect(200);
      expect(late.body.map((c: { id: string }) => c.id)).toEqual([fresh.id, u2.id]); // U3 due 00:05, not yet
      const bad = await get('/queue?urgency=U9&status=closed').expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['status', 'urgency']);
    });

    it('is scoped: another wachtpost or a GP cannot read it; an admin names the wachtpost', async () => {
      await get(`/queue?wachtpostId=${WP}`, otherDispatcher).expect(403);
      await get('/queue', gp1).expect(403);
      await get('/queue', admin).expect(400);
      await get(`/queue?wachtpostId=${WP}`, admin).expect(200);
    });

    it('is served by the partial index cases_open_queue', async () => {
      const { sql, params } = queueQuery(WP, { statuses: [], urgencies: ['U2', 'U3'], limit: 100 });
      const plan = await db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        return tx.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      });
      expect(JSON.stringify(plan)).toContain('cases_open_queue');
      expect(JSON.stringify(plan)).not.toContain('"Sort"');
    });
  });

  describe('access log', () => {
    it('every read of patient data writes who, role, case, purpose and when, in the same request', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      const res = await get(`/cases/${c.id}?purpose=dispatch`).expect(200);
      expect(res.body).toMatchObject({
        patient: { name: 'Jan Peeters', insz: VALID_INSZ, address: { postcode: '3000' } },
        caller: { relation: 'family' },
        ownGp: { riziv: VALID_RIZIV },
        answers: U4_CHILD,
      });
      expect(res.body.history.map((h: { kind: string }) => h.kind)).toEqual(['received', 'triaged']);
      await get(`/cases/${c.id}`, admin).expect(200);
      const log = await get(`/cases/${c.id}/access-log`).expect(200);
      expect(log.body).toEqual([
        {
          at: '2026-11-25T21:00:00+01:00',
          userId: 'disp-anna',
          role: 'dispatcher',
          gpId: null,
          purpose: 'dispatch',
          action: 'read_case',
        },
        {
          at: '2026-11-25T21:00:00+01:00',
          userId: 'admin-1',
          role: 'admin',
          gpId: null,
          purpose: 'audit',
          action: 'read_case',
        },
      ]);
    });

    it('refused reads leave no row and show nothing; the log cannot be changed or deleted', async () => {
      const c = await triaged('fever_child', U4_CHILD);
      await get(`/cases/${c.id}`, otherDispatcher).expect(403);
      await get(`/cases/${c.id}`, gp1).expect(403);
      await get(`/cases/${c.id}?purpose=curiosity`).expect(400);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM access_log WHERE case_id = $1`, [c.id]);
      expect(n).toBe(0);
      await get(`/cases/${c.id}`).expect(200);
      await expect(
        db.query(`UPDATE access_log SET purpose = 'x' WHERE case_id = $1`, [c.id]),
      ).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM access_log WHERE case_id = $1`, [c.id])).rejects.toThrow(
        /append-only/,
      );
    });

    it('an unknown case is 404; an id that is no uuid is 400 in the usual shape', async () => {
      await get(`/cases/${randomUUID()}`).expect(404);
      const bad = await get(`/cases/not-a-uuid?purpose=curiosity`).expect(400);
      expect(bad.body.errors[0]).toMatchObject({ field: expect.stringMatching(/^(id|purpose)$/) });
      expect((await get(`/cases/not-a-uuid/access-log`).expect(400)).body.errors).toEqual([
        { field: 'id', reason: 'geen geldige id (uuid)' },
      ]);
    });
  });

  describe('protocols and settings per wachtpost', () => {
    const custom = {
      code: 'kring_leuven_2027',
      title: { nl: 'Kring Leuven 2027', fr: 'Cercle Louvain 2027', en: 'Leuven circle 2027' },
      complaints: [
        {
          code: 'chest_pain',
          label: { nl: 'Pijn op de borst', fr: 'Douleur thoracique', en: 'Chest pain' },
          questions: [
            {
              id: 'severe',
              text: { nl: 'Hevig?', fr: 'Intense?', en: 'Severe?' },
              options: [
                { code: 'yes', label: { nl: 'ja', fr: 'oui', en: 'yes' } },
                { code: 'no', label: { nl: 'nee', fr: 'non', en: 'no' } },
              ],
            },
          ],
          rules: [
            {
              when: { severe: ['yes'] },
              urgency: 'U1',
              disposition: 'handed_to_112',
              advice: { nl: '112', fr: '112', en: '112' },
            },
          ],
          otherwise: {
            urgency: 'U2',
            disposition: 'consultation',
            advice: { nl: 'Kom nu', fr: 'Venez', en: 'Come now' },
          },
        },
      ],
    };

    it('a wachtpost loads its own protocol version; new triages use it, earlier cases keep theirs', async () => {
      const WP3 = 'wp-tienen';
      const disp3 = tokenFor('dispatcher', { wachtpostId: WP3 });
      const before = await create(caseBody(), newKey(), disp3).expect(201);
      const old = await post(
        `/cases/${before.body.id}/triage`,
        { version: 1, complaintCode: 'chest_pain', answers: U3_CHEST },
        disp3,
      ).expect(200);
      expect(old.body.urgency).toBe('U3');

      const loaded = await post(`/wachtposten/${WP3}/protocols`, { definition: custom }, disp3).expect(201);
      expect(loaded.body).toMatchObject({ version: 2, code: 'kring_leuven_2027', active: true });
      const versions = await get(`/wachtposten/${WP3}/protocols`, disp3).expect(200);
      expect(versions.body.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([
        [1, false],
        [2, true],
      ]);

      const after = await create(caseBody(), newKey(), disp3).expect(201);
      const res = await post(
        `/cases/${after.body.id}/triage`,
        { version: 1, complaintCode: 'chest_pain', answers: { severe: 'no' } },
        disp3,
      ).expect(200);
      expect(res.body).toMatchObject({ urgency: 'U2', protocolVersionId: loaded.body.id });
      expect((await caseRow(before.body.id)).protocol_version_id).toBe(old.body.protocolVersionId);
      expect(old.body.protocolVersionId).not.toBe(loaded.body.id);
      // The sample's questions are no longer asked here.
      const other = await create(caseBody(), newKey(), disp3).expect(201);
      await post(
        `/cases/${other.body.id}/triage`,
        { version: 1, complaintCode: 'chest_pain', answers: U3_CHEST },
        disp3,
      ).expect(400);

      await post(`/wachtposten/${WP3}/protocols/1/activate`, {}, disp3).expect(200);
      expect((await get(`/wachtposten/${WP3}/protocols/active`, disp3).expect(200)).body.code).toBe(
        SAMPLE_PROTOCOL.code,
      );
      await post(`/wachtposten/${WP3}/protocols`, { definition: custom }, dispatcher).expect(403);
    });

    it('a broken protocol is refused naming each problem', async () => {
      const broken = JSON.parse(JSON.stringify(custom));
      broken.complaints[0].rules[0].when = { severe: ['perhaps'], unknown_q: ['yes'] };
      broken.complaints[0].otherwise.urgency = 'U1';
      delete broken.title.fr;
      const res = await post(`/wachtposten/${WP}/protocols`, { definition: broken }, admin).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'definition.complaints[0].otherwise.disposition',
        'definition.complaints[0].rules[0].when.severe',
        'definition.complaints[0].rules[0].when.unknown_q',
        'definition.title.fr',
      ]);
    });

    it('targets are configurable per wachtpost and drive the due times', async () => {
      const WP4 = 'wp-aarschot';
      const disp4 = tokenFor('dispatcher', { wachtpostId: WP4 });
      const s = await get(`/wachtposten/${WP4}/settings`, disp4).expect(200);
      expect(s.body.targets).toEqual({
        triageMinutes: 20,
        U1: 3,
        U2: 60,
        U3: 180,
        U4: 1440,
        ownGpAt: '08:00',
      });
      await http()
        .put(`/wachtposten/${WP4}/settings`)
        .set('Authorization', `Bearer ${disp4}`)
        .send({ version: s.body.version, targets: { ...s.body.targets, U2: 45 } })
        .expect(200);
      await http()
        .put(`/wachtposten/${WP4}/settings`)
        .set('Authorization', `Bearer ${disp4}`)
        .send({ version: s.body.version, targets: { ...s.body.targets, U2: 30 } })
        .expect(409);
      const created = await create(caseBody(), newKey(), disp4).expect(201);
      const res = await post(
        `/cases/${created.body.id}/triage`,
        { version: 1, complaintCode: 'fever_child', answers: { ...U4_CHILD, age: 'under_3_months' } },
        disp4,
      ).expect(200);
      expect(res.body.dueAt).toBe('2026-11-25T21:45:00+01:00');
    });
  });

  it('DST: a call at 01:30 on the last Sunday of October gets the right due time', async () => {
    clock.set('2026-10-25T01:30:00');
    const chest = await triaged('chest_pain', U3_CHEST);
    expect(chest.receivedAt).toBe('2026-10-25T01:30:00+02:00');
    expect(chest.dueAt).toBe('2026-10-25T03:30:00+01:00'); // 3 real hours
    const u2 = await triaged('fever_child', { ...U4_CHILD, age: 'under_3_months' });
    expect(u2.dueAt).toBe('2026-10-25T02:30:00+02:00');
    const u5 = await triaged('headache', U5_MIGRAINE);
    expect(u5.dueAt).toBe('2026-10-26T08:00:00+01:00');
  });

  it('the OpenAPI document lists every endpoint with request and error shapes', async () => {
    const res = await http().get('/api/docs-json').expect(200);
    type Operation = {
      parameters?: { in: string; name: string; schema?: { type?: string; format?: string } }[];
      requestBody?: unknown;
      responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
      security?: unknown[];
    };
    const paths = res.body.paths as Record<string, Record<string, Operation>>;
    for (const p of [
      '/cases',
      '/queue',
      '/cases/{id}',
      '/cases/{id}/triage',
      '/cases/{id}/override',
      '/cases/{id}/escalate-112',
      '/cases/{id}/cancel',
      '/cases/{id}/close',
      '/cases/{id}/report',
      '/cases/{id}/access-log',
      '/wachtposten/{wachtpostId}/protocols',
      '/wachtposten/{wachtpostId}/protocols/active',
      '/wachtposten/{wachtpostId}/protocols/sample',
      '/wachtposten/{wachtpostId}/protocols/{version}/activate',
      '/wachtposten/{wachtpostId}/settings',
      '/reports',
      '/reports/deliver',
    ])
      expect(paths[p]).toBeDefined();

    const PUBLIC = ['/health'];
    const problems: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const name = `${method.toUpperCase()} ${path}`;
        const codes = Object.keys(op.responses);
        const ok = codes.filter((c) => /^2\d\d$/.test(c));
        if (ok.length === 0) problems.push(`${name}: no 2xx`);
        for (const c of ok)
          if (c !== '204' && !op.responses[c].content?.['application/json']?.schema)
            problems.push(`${name}: ${c} without a schema`);
        // Input that can be wrong: a body, a query, or a typed path parameter (uuid, integer).
        const takesInput =
          op.requestBody !== undefined ||
          (op.parameters ?? []).some(
            (p) =>
              p.in === 'query' || (p.in === 'path' && (p.schema?.format || p.schema?.type === 'integer')),
          );
        if (takesInput && !codes.includes('400')) problems.push(`${name}: takes input but no 400`);
        if (takesInput && !op.responses['400']?.content?.['application/json']?.schema)
          problems.push(`${name}: 400 without a schema`);
        if (!PUBLIC.includes(path)) {
          if (!codes.includes('401')) problems.push(`${name}: no 401`);
          if (!codes.includes('403')) problems.push(`${name}: no 403`);
          if (!op.security?.length) problems.push(`${name}: no security`);
        }
      }
    }
    expect(problems).toEqual([]);

    const schemas = res.body.components.schemas;
    expect(paths['/cases'].post.responses).toHaveProperty('422');
    expect(paths['/cases/{id}/triage'].post.responses).toHaveProperty('409');
    expect(JSON.stringify(schemas.TriageCaseDto.properties.override)).toContain(
      '#/components/schemas/TriageOverrideDto',
    );
    expect(schemas.TriageOverrideDto.required).toEqual(['urgency', 'disposition', 'reason']);
    expect(JSON.stringify(schemas.LoadProtocolDto.properties.definition)).toContain(
      '#/components/schemas/ProtocolDefinitionDoc',
    );
    expect(schemas.CaseDetailsDoc).toBeDefined();
    expect(schemas.CreateCaseDto).toBeDefined();
    expect(schemas.ValidationErrorDoc).toBeDefined();
  });
});
