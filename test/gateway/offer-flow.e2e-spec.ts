import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CaseTriaged, DutyAssigned, GpChanged, OfferPush, ZoneChanged } from '@permanentie/contracts';
import { DispatchModule } from '../../apps/dispatch/src/dispatch.module';
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

/*
 * The real chain: a triaged case reaches dispatch, dispatch offers it, the offer comes back over
 * the bus to the gateway and onto the GP's socket. Her connection drops while the offer is being
 * sent; when she reconnects she has it, pushed again and in her pending state over HTTP.
 */
describe('offer flow across dispatch and gateway, with a dropped GP connection', () => {
  let dispatch: INestApplication;
  let gateway: INestApplication;
  let feed: PushQueue;
  const open: ClientSocket[] = [];
  const gpId = 'gp-flow';
  const gpToken = tokenFor('gp', { gpId, kringId: 'k-flow' }, { sub: randomUUID() });

  beforeAll(async () => {
    const config = {
      DATABASE_URL: await cloneTestDatabase(),
      REDIS_URL,
      QUEUE_PREFIX: testQueuePrefix(),
      AUTH_TOKEN_SECRET: TEST_SECRET,
    };
    dispatch = await bootService(DispatchModule.forRoot(config), { name: 'dispatch', listen: true });
    gateway = await bootService(
      GatewayModule.forRoot({ ...config, DISPATCH_URL: urlOf(dispatch), OFFER_ACK_TIMEOUT_MS: 500 }),
      { name: 'gateway', listen: true },
    );
    feed = new PushQueue(config.QUEUE_PREFIX, 'dispatch');
    // Roster's news, as dispatch receives it: a zone, a GP, her duty covering now.
    const now = Date.now();
    await feed.push(ZoneChanged, {
      zoneId: 'zone-flow',
      kringId: 'k-flow',
      wachtpostId: 'wp-flow',
      postcodes: ['1500'],
      overflowZoneIds: [],
      active: true,
    });
    await feed.push(GpChanged, {
      gpId,
      kringId: 'k-flow',
      languages: ['nl'],
      practicePostcode: '1500',
      capabilities: [],
      active: true,
    });
    await feed.push(DutyAssigned, {
      assignmentId: randomUUID(),
      rosterId: 'r-flow',
      shiftId: 's-flow',
      kringId: 'k-flow',
      zoneId: 'zone-flow',
      dutyKind: 'wachtpost',
      role: 'first',
      gpId,
      startsAt: new Date(now - 3600_000).toISOString(),
      endsAt: new Date(now + 6 * 3600_000).toISOString(),
    });
    const db = dispatch.get(DataSource);
    await eventually(async () => (await db.query(`SELECT 1 FROM duty WHERE gp_id = $1`, [gpId])).length > 0);
  });

  afterAll(async () => {
    for (const s of open) s.close();
    await feed?.close();
    await gateway?.close();
    await dispatch?.close();
  });

  it('a GP whose socket drops while the offer is sent has it again on reconnect, and in her pending state', async () => {
    const first = await connect(urlOf(gateway), gpToken);
    open.push(first);
    const board = await connect(urlOf(gateway), tokenFor('dispatcher', { wachtpostId: 'wp-flow' }));
    open.push(board);
    const boardSeen = record(board);
    const arrived = new Promise<OfferPush>((resolve) =>
      first.on('offer.new', (offer) => {
        first.io.engine.close(); // the network drops before she can acknowledge
        resolve(offer);
      }),
    );
    const caseId = randomUUID();
    const now = new Date();
    await feed.push(CaseTriaged, {
      caseId,
      wachtpostId: 'wp-flow',
      zoneId: 'zone-flow',
      urgency: 'U2',
      channel: '1733',
      disposition: 'consultation',
      language: 'nl',
      postcode: '1500',
      receivedAt: now.toISOString(),
      dueAt: new Date(now.getTime() + 3600_000).toISOString(),
      revision: 1,
    });
    const offer = await arrived;
    expect(offer).toMatchObject({ caseId, gpId, wachtpostId: 'wp-flow', urgency: 'U2' });
    await eventually(() => !first.connected);

    const again = await connect(urlOf(gateway), gpToken);
    open.push(again);
    const redelivered = await new Promise<OfferPush>((resolve) =>
      again.on('offer.new', (p, ack) => {
        ack({ received: true });
        resolve(p);
      }),
    );
    expect(redelivered.offerId).toBe(offer.offerId);
    const work = await request(gateway.getHttpServer())
      .get('/api/dispatch/me/work')
      .auth(gpToken, { type: 'bearer' })
      .expect(200);
    expect(work.body.offers).toEqual([expect.objectContaining({ offerId: offer.offerId, caseId })]);
    await eventually(() =>
      (boardSeen.get('case.changed') ?? []).some((c) => (c as { change: string }).change === 'offered'),
    );
  });
});
