import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import request from 'supertest';
import {
  CaseOffered,
  CaseReassigned,
  CaseTriaged,
  DispatchAlarm,
  DutyAssigned,
  OfferEnded,
  OfferPush,
  SolveProgress,
} from '@permanentie/contracts';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import {
  bootService,
  cloneTestDatabase,
  eventually,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
  tokenFor,
} from '@permanentie/testing';
import { ClientSocket, connect, PushQueue, record, urlOf } from './support';

const offer = (n: number, gpId = 'gp-1') => ({
  caseId: `case-${n}`,
  wachtpostId: 'wp-1',
  offerId: `offer-${n}`,
  gpId,
  urgency: 'U2' as const,
  expiresAt: '2099-01-01T00:00:00.000Z',
  attempt: 1,
  zoneId: 'zone-1',
});

describe('gateway sockets: auth, rooms across instances, push, acknowledged offers', () => {
  let a: INestApplication;
  let b: INestApplication;
  let queue: PushQueue;
  const open: ClientSocket[] = [];
  const track = async (s: Promise<ClientSocket>) => {
    const socket = await s;
    open.push(socket);
    return socket;
  };

  beforeAll(async () => {
    const config = {
      DATABASE_URL: await cloneTestDatabase(),
      REDIS_URL,
      QUEUE_PREFIX: testQueuePrefix(),
      AUTH_TOKEN_SECRET: TEST_SECRET,
      ADMIN_USERNAME: 'beheer',
      ADMIN_PASSWORD: 'beheer-wachtwoord-1',
      OFFER_ACK_TIMEOUT_MS: 500,
    };
    // Two gateway instances on one database and one Redis: rooms are shared through the adapter.
    a = await bootService(GatewayModule.forRoot(config), { name: 'gateway-a', listen: true });
    b = await bootService(GatewayModule.forRoot(config), { name: 'gateway-b', listen: true });
    queue = new PushQueue(config.QUEUE_PREFIX);
  });

  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });

  afterAll(async () => {
    await queue?.close();
    await b?.close();
    await a?.close();
  });

  it('refuses a handshake without a valid token, and the polling transport', async () => {
    await expect(connect(urlOf(a), undefined)).rejects.toThrow(/unauthorized: missing/);
    await expect(connect(urlOf(a), 'not.a.token')).rejects.toThrow(/unauthorized/);
    await expect(
      connect(urlOf(a), tokenFor('gp', { gpId: 'gp-1' }, { secret: 'x'.repeat(40) })),
    ).rejects.toThrow(/unauthorized: signature/);
    await expect(
      connect(urlOf(a), tokenFor('gp', { gpId: 'gp-1' }), { transports: ['polling'] }),
    ).rejects.toThrow();
  });

  it('pushes each event only to the rooms it concerns, whichever instance holds the socket', async () => {
    const gp1 = await track(connect(urlOf(b), tokenFor('gp', { gpId: 'gp-1' }, { sub: 'acc-gp1' })));
    const gp2 = await track(connect(urlOf(a), tokenFor('gp', { gpId: 'gp-2' }, { sub: 'acc-gp2' })));
    const disp = await track(connect(urlOf(b), tokenFor('dispatcher', { wachtpostId: 'wp-1' })));
    const other = await track(connect(urlOf(a), tokenFor('dispatcher', { wachtpostId: 'wp-9' })));
    const planner = await track(connect(urlOf(a), tokenFor('planner', { kringId: 'k-1' })));
    const seen = [gp1, gp2, disp, other, planner].map(record);
    gp1.on('offer.new', (_p, ack) => ack({ received: true }));

    await queue.push(CaseTriaged, {
      caseId: 'case-0',
      wachtpostId: 'wp-1',
      zoneId: 'zone-1',
      urgency: 'U3',
      channel: '1733',
      disposition: 'consultation',
      language: 'nl',
      postcode: '1000',
      receivedAt: '2026-11-25T10:00:00.000Z',
      dueAt: '2026-11-25T13:00:00.000Z',
      revision: 1,
    });
    await queue.push(CaseOffered, offer(1));
    await queue.push(DispatchAlarm, {
      caseId: 'case-2',
      wachtpostId: 'wp-1',
      reasonCode: 'all_declined',
      zoneId: 'zone-1',
      supervisorGpId: 'gp-2',
    });
    await queue.push(SolveProgress, {
      runId: 'run-1',
      rosterId: 'r-1',
      kringId: 'k-1',
      phase: 'solving',
      percent: 40,
      objective: null,
    });
    await queue.push(DutyAssigned, {
      assignmentId: 'as-1',
      rosterId: 'r-1',
      shiftId: 's-1',
      kringId: 'k-1',
      zoneId: 'zone-1',
      dutyKind: 'wachtpost',
      role: 'first',
      gpId: 'gp-1',
      startsAt: '2026-11-27T19:00:00.000Z',
      endsAt: '2026-11-28T08:00:00.000Z',
    });

    const [sGp1, sGp2, sDisp, sOther, sPlanner] = seen;
    await eventually(
      () =>
        sGp1.has('offer.new') &&
        sGp1.has('roster.changed') &&
        sGp2.has('alarm') &&
        sPlanner.has('roster.changed') &&
        sPlanner.has('roster.progress'),
    );
    await eventually(() => (sDisp.get('case.changed') ?? []).length >= 2 && sDisp.has('alarm'));
    expect(sGp1.get('offer.new')).toEqual([offer(1)]);
    expect(sGp2.has('offer.new')).toBe(false);
    expect(sDisp.get('case.changed')).toEqual(
      expect.arrayContaining([
        {
          caseId: 'case-0',
          wachtpostId: 'wp-1',
          change: 'triaged',
          urgency: 'U3',
          disposition: 'consultation',
        },
        {
          caseId: 'case-1',
          wachtpostId: 'wp-1',
          change: 'offered',
          urgency: 'U2',
          gpId: 'gp-1',
          offerId: 'offer-1',
        },
      ]),
    );
    expect(sGp2.get('alarm')).toEqual([
      expect.objectContaining({ caseId: 'case-2', reasonCode: 'all_declined' }),
    ]);
    expect(sPlanner.get('roster.progress')).toEqual([
      expect.objectContaining({ runId: 'run-1', percent: 40 }),
    ]);
    expect(sPlanner.get('roster.changed')).toEqual([
      expect.objectContaining({ change: 'duty_assigned', gpId: 'gp-1', kringId: 'k-1' }),
    ]);
    expect(sOther.size).toBe(0);
    expect(sGp2.has('roster.changed')).toBe(false);
    // No push carries more than ids and codes: nothing that looks like a name or free text.
    expect(JSON.stringify([...sDisp.values()])).not.toMatch(/displayName|complaint|name"/);

    const db = a.get(DataSource);
    await eventually(
      async () =>
        (await db.query(`SELECT acked_at FROM pending_offer WHERE offer_id = 'offer-1'`))[0]?.acked_at !=
        null,
    );
  });

  it("pushes a manual reassign to the wachtpost's screens and admins as case.changed", async () => {
    const disp = await track(connect(urlOf(b), tokenFor('dispatcher', { wachtpostId: 'wp-1' })));
    const admin = await track(connect(urlOf(a), tokenFor('admin', {}, { sub: 'acc-admin' })));
    const other = await track(connect(urlOf(a), tokenFor('dispatcher', { wachtpostId: 'wp-9' })));
    const gp = await track(connect(urlOf(b), tokenFor('gp', { gpId: 'gp-7' }, { sub: 'acc-gp7' })));
    const [sDisp, sAdmin, sOther, sGp] = [disp, admin, other, gp].map(record);
    await queue.push(CaseReassigned, {
      caseId: 'case-r',
      wachtpostId: 'wp-1',
      reassignmentId: 'ra-1',
      fromGpId: null,
      fromOfferId: null,
      toGpId: 'gp-7',
      offerId: 'offer-r',
      reasonCode: 'covers_neighbour_zone',
      actorId: 'acc-anna',
      actorRole: 'dispatcher',
      at: '2026-11-25T22:03:00.000+01:00',
    });
    const expected = {
      caseId: 'case-r',
      wachtpostId: 'wp-1',
      change: 'reassigned',
      gpId: 'gp-7',
      fromGpId: null,
      offerId: 'offer-r',
      code: 'covers_neighbour_zone',
      at: '2026-11-25T22:03:00.000+01:00',
    };
    await eventually(() => sDisp.has('case.changed') && sAdmin.has('case.changed'));
    expect(sDisp.get('case.changed')).toEqual([expected]);
    expect(sAdmin.get('case.changed')).toEqual([expected]);
    expect(sOther.size).toBe(0);
    expect(sGp.has('case.changed')).toBe(false);
  });

  it('a GP who drops while an offer is being sent gets it again when she reconnects', async () => {
    const token = tokenFor('gp', { gpId: 'gp-3' }, { sub: 'acc-gp3' });
    const first = await track(connect(urlOf(a), token));
    // The offer reaches the screen, but the connection drops before the acknowledgement.
    const arrived = new Promise<OfferPush>((resolve) =>
      first.on('offer.new', (p) => {
        first.io.engine.close();
        resolve(p);
      }),
    );
    await queue.push(CaseOffered, offer(3, 'gp-3'));
    expect((await arrived).offerId).toBe('offer-3');
    await eventually(() => !first.connected);

    // Meanwhile a second offer goes out while no screen of hers is connected at all.
    await queue.push(CaseOffered, offer(4, 'gp-3'));
    await eventually(
      async () =>
        (await a.get(DataSource).query(`SELECT 1 FROM pending_offer WHERE offer_id = 'offer-4'`)).length,
    );

    // She reconnects (on the other instance): both open offers arrive, and she acknowledges them.
    const again = await track(connect(urlOf(b), token));
    const got: string[] = [];
    again.on('offer.new', (p, ack) => {
      got.push(p.offerId);
      ack({ received: true });
    });
    await eventually(() => got.includes('offer-3') && got.includes('offer-4'));
    expect(got.sort()).toEqual(['offer-3', 'offer-4']);

    // An ended offer is not sent again.
    await queue.push(OfferEnded, {
      caseId: 'case-4',
      wachtpostId: 'wp-1',
      offerId: 'offer-4',
      gpId: 'gp-3',
      outcome: 'declined',
      reasonCode: 'busy',
    });
    const ended = record(again);
    await eventually(() => ended.has('offer.ended'));
    await eventually(
      async () =>
        (await a.get(DataSource).query(`SELECT 1 FROM pending_offer WHERE offer_id = 'offer-4'`)).length ===
        0,
    );
    const third = await track(connect(urlOf(a), token));
    const later: string[] = [];
    third.on('offer.new', (p, ack) => {
      later.push(p.offerId);
      ack({ received: true });
    });
    await eventually(() => later.includes('offer-3'));
    await new Promise((r) => setTimeout(r, 200));
    expect(later).toEqual(['offer-3']);
  });

  it('sends an offer again when the screen does not acknowledge it in time', async () => {
    const gp = await track(connect(urlOf(b), tokenFor('gp', { gpId: 'gp-5' }, { sub: 'acc-gp5' })));
    const deliveries: string[] = [];
    gp.on('offer.new', (p, ack) => {
      deliveries.push(p.offerId);
      if (deliveries.length > 1) ack({ received: true }); // the first one is lost on the way back
    });
    await queue.push(CaseOffered, offer(5, 'gp-5'));
    await eventually(
      async () =>
        (await a.get(DataSource).query(`SELECT acked_at FROM pending_offer WHERE offer_id = 'offer-5'`))[0]
          ?.acked_at != null,
    );
    expect(deliveries).toEqual(['offer-5', 'offer-5']);
  });

  it('closes a socket when its token expires, and a renewed token keeps it open', async () => {
    const short = await track(
      connect(urlOf(a), tokenFor('dispatcher', { wachtpostId: 'wp-1' }, { ttlSeconds: 3 })),
    );
    const ended = record(short);
    await eventually(() => !short.connected, 8000);
    expect(ended.get('session.ended')).toEqual([{ reason: 'expired' }]);

    const expiresAt = (Math.floor(Date.now() / 1000) + 3) * 1000;
    const renewed = await track(
      connect(urlOf(a), tokenFor('dispatcher', { wachtpostId: 'wp-1' }, { sub: 'acc-d', ttlSeconds: 3 })),
    );
    const answer = await renewed.emitWithAck(
      'auth.renew',
      tokenFor('dispatcher', { wachtpostId: 'wp-1' }, { sub: 'acc-d', ttlSeconds: 600 }),
    );
    expect(answer.ok).toBe(true);
    const refused = await renewed.emitWithAck(
      'auth.renew',
      tokenFor('dispatcher', {}, { sub: 'someone-else' }),
    );
    expect(refused).toEqual({ ok: false, reason: 'other_account' });
    // Past the first token's expiry: still connected on the renewed one.
    await new Promise((r) => setTimeout(r, expiresAt + 500 - Date.now()));
    expect(renewed.connected).toBe(true);
  });

  it('logout closes the sockets of that session on every instance', async () => {
    const login = await request(a.getHttpServer())
      .post('/api/auth/login')
      .send({ username: 'beheer', password: 'beheer-wachtwoord-1' })
      .expect(200);
    const onA = await track(connect(urlOf(a), login.body.accessToken));
    const onB = await track(connect(urlOf(b), login.body.accessToken));
    const seenB = record(onB);
    await request(b.getHttpServer())
      .post('/api/auth/logout')
      .auth(login.body.accessToken, { type: 'bearer' })
      .expect(204);
    await eventually(() => !onA.connected && !onB.connected);
    expect(seenB.get('session.ended')).toEqual([{ reason: 'logout' }]);
  });
});
