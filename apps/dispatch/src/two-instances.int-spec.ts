import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CaseTriaged } from '@permanentie/contracts';
import {
  bootService,
  cloneTestDatabase,
  frozenClock,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
  tokenFor,
} from '@permanentie/testing';
import { drained, Feeder, GpSpec, seedRoster, triaged } from '../../../test/dispatch/support';
import { DispatchModule } from './dispatch.module';
import { DueChecker } from './sla/checker.service';

/**
 * Two dispatch instances on one database and one Redis, racing on the same cases: both consume
 * the queue, both answer GP and dispatcher actions, both run the expiry checker. Whatever the
 * interleaving, the events of each case must tell one story with at most one owner at a time.
 */
describe('two dispatch instances side by side', () => {
  const clock = frozenClock('2026-11-25T22:00:00');
  let a: INestApplication;
  let b: INestApplication;
  let db: DataSource;
  let feed: Feeder;

  beforeAll(async () => {
    const url = await cloneTestDatabase();
    const prefix = testQueuePrefix();
    const config = {
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      AUTH_TOKEN_SECRET: TEST_SECRET,
      DISPATCH_SWEEP_MS: 500,
    };
    a = await bootService(DispatchModule.forRoot(config), { name: 'dispatch-a', clock });
    b = await bootService(DispatchModule.forRoot(config), { name: 'dispatch-b', clock });
    db = a.get(DataSource);
    feed = new Feeder(prefix);
  });

  afterAll(async () => {
    await feed?.close();
    await a?.close();
    await b?.close();
  });

  it('never gives a case two owners, with accepts, declines, reassigns and expiries racing', async () => {
    const gps: GpSpec[] = [];
    for (let z = 0; z < 3; z++) {
      for (let g = 0; g < 4; g++) gps.push({ gpId: `gp-${z}-${g}`, zoneId: `z${z}` });
      gps.push({ gpId: `gp-${z}-back`, zoneId: `z${z}`, role: 'backup' });
    }
    await seedRoster(
      feed,
      'wp',
      [0, 1, 2].map((z) => ({ zoneId: `z${z}` })),
      gps,
    );
    await drained(feed);
    await db.query(
      `INSERT INTO dispatch.wachtpost_settings (wachtpost_id, max_open_cases, updated_at) VALUES ('wp', 100, now())`,
    );

    const N = 90;
    for (let i = 0; i < N; i++) {
      await feed.send(CaseTriaged, triaged(`race-${i}`, 'wp', `z${i % 3}`, { urgency: i % 2 ? 'U2' : 'U3' }));
    }
    await drained(feed, 30_000);

    const live = async (caseId: string) =>
      (
        await db.query(`SELECT offer_id, gp_id FROM dispatch.offer WHERE case_id = $1 AND status = 'open'`, [
          caseId,
        ])
      )[0];
    const statuses: number[] = [];
    let accepts = 0;
    // Round 1: for every case, the GP accepts on both instances and declines, while a dispatcher
    // reassigns it on one of them - all at once.
    await Promise.all(
      Array.from({ length: N }, async (_, i) => {
        const caseId = `race-${i}`;
        const offer = await live(caseId);
        const gp = `Bearer ${tokenFor('gp', { gpId: offer.gp_id })}`;
        const disp = `Bearer ${tokenFor('dispatcher', { wachtpostId: 'wp' })}`;
        const results = await Promise.all([
          request(a.getHttpServer()).post(`/offers/${offer.offer_id}/accept`).set('Authorization', gp),
          request(b.getHttpServer()).post(`/offers/${offer.offer_id}/accept`).set('Authorization', gp),
          request(i % 2 ? a.getHttpServer() : b.getHttpServer())
            .post(`/offers/${offer.offer_id}/decline`)
            .set('Authorization', gp)
            .send({ reasonCode: 'busy_with_patient' }),
          request(i % 2 ? b.getHttpServer() : a.getHttpServer())
            .post(`/cases/${caseId}/reassign`)
            .set('Authorization', disp)
            .send({ gpId: `gp-${i % 3}-3`, reasonCode: 'closer_gp' }),
        ]);
        for (const [k, r] of results.entries()) {
          statuses.push(r.status);
          if (k < 2 && r.status === 200) accepts++;
        }
      }),
    );
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);

    // Round 2: every open offer expires; both checkers (and their sweeps) race to re-offer.
    clock.advance({ minutes: 10 });
    await Promise.all([a.get(DueChecker).runDue(), b.get(DueChecker).runDue(), a.get(DueChecker).runDue()]);
    await new Promise((r) => setTimeout(r, 1200)); // let both sweeps run at least once more

    // Replay each case's events: an offer starts only when none is live, and only the live
    // offer can end or be accepted.
    const rows: { event_name: string; payload: Record<string, string> }[] = await db.query(
      `SELECT event_name, payload FROM dispatch.outbox WHERE payload->>'caseId' LIKE 'race-%' ORDER BY seq`,
    );
    const owner = new Map<string, string | null>();
    const violations: string[] = [];
    let accepted = 0;
    for (const { event_name: name, payload: p } of rows) {
      const current = owner.get(p.caseId) ?? null;
      if (name === 'dispatch.case-offered') {
        if (current) violations.push(`${p.caseId}: offered to ${p.gpId} while ${current} is live`);
        owner.set(p.caseId, p.offerId);
      } else if (name === 'dispatch.offer-ended') {
        if (current !== p.offerId) violations.push(`${p.caseId}: ended ${p.offerId}, live is ${current}`);
        owner.set(p.caseId, null);
      } else if (name === 'dispatch.case-accepted') {
        accepted++;
        if (current !== p.offerId) violations.push(`${p.caseId}: accepted ${p.offerId}, live is ${current}`);
      }
    }
    expect(violations).toEqual([]);
    expect(accepted).toBe(accepts);
    // Nothing is lost: every case is held or has a live, unexpired offer.
    const [{ n: stale }] = await db.query(
      `SELECT count(*)::int AS n FROM dispatch.dispatch_case c WHERE c.case_id LIKE 'race-%' AND NOT EXISTS (
         SELECT 1 FROM dispatch.offer o WHERE o.case_id = c.case_id AND (o.status = 'held' OR (o.status = 'open' AND o.expires_at > $1)))`,
      [clock.now().toISO()],
    );
    expect(stale).toBe(0);
    const [{ n: live2 }] = await db.query(
      `SELECT count(*)::int AS n FROM (SELECT case_id FROM dispatch.offer WHERE status IN ('open', 'held')
         GROUP BY case_id HAVING count(*) > 1) x`,
    );
    expect(live2).toBe(0);
  });

  it('never pushes a GP past her maximum, with cases routed at once on both instances', async () => {
    await seedRoster(
      feed,
      'wpMax',
      [{ zoneId: 'm1' }],
      [
        { gpId: 'max-1', zoneId: 'm1' },
        { gpId: 'max-2', zoneId: 'm1' },
      ],
    );
    await drained(feed);
    await db.query(
      `INSERT INTO dispatch.wachtpost_settings (wachtpost_id, max_open_cases, updated_at) VALUES ('wpMax', 2, now())`,
    );
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => feed.send(CaseTriaged, triaged(`max-${i}`, 'wpMax', 'm1'))),
    );
    await drained(feed, 30_000);
    const perGp: { gp_id: string; n: number }[] = await db.query(
      `SELECT gp_id, count(*)::int AS n FROM dispatch.offer WHERE status IN ('open', 'held') AND gp_id LIKE 'max-%'
       GROUP BY gp_id ORDER BY gp_id`,
    );
    expect(perGp).toEqual([
      { gp_id: 'max-1', n: 2 },
      { gp_id: 'max-2', n: 2 },
    ]);
    const [{ n: waiting }] = await db.query(
      `SELECT count(*)::int AS n FROM dispatch.dispatch_case WHERE case_id LIKE 'max-%' AND status = 'waiting'
         AND alarm_code = 'all_full'`,
    );
    expect(waiting).toBe(16);
  });
});
