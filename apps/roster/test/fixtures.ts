import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { rizivFrom } from '@permanentie/domain';
import { FixedClock } from '@permanentie/domain';
import {
  REDIS_URL,
  TEST_SECRET,
  bootService,
  cloneTestDatabase,
  testQueuePrefix,
  tokenFor,
} from '@permanentie/testing';
import { RosterModule } from '../src/roster.module';

export async function bootRoster(clock: FixedClock): Promise<INestApplication> {
  const url = await cloneTestDatabase();
  return bootService(
    RosterModule.forRoot({
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: testQueuePrefix(),
      AUTH_TOKEN_SECRET: TEST_SECRET,
    }),
    { name: 'roster', clock },
  );
}

export const plannerOf = (kringId: string) => `Bearer ${tokenFor('planner', { kringId })}`;
export const gpToken = (gpId: string, kringId: string) => `Bearer ${tokenFor('gp', { gpId, kringId })}`;

export interface KringFixture {
  kringId: string;
  zoneId: string;
  auth: string;
  gpIds: string[];
  templateIds: Record<string, string>;
}

export const NIGHT = {
  kind: 'wachtpost',
  zoneId: 'z',
  startTime: '19:00',
  endTime: '08:00',
  endDayOffset: 1,
  days: [1, 2, 3, 4, 5, 6, 7],
  onHoliday: 'skip',
  need: { first: 1 },
  weight: 1.5,
};

/** A kring with one wachtpost, one zone, `gps` GPs and the given templates, all through HTTP. */
export async function seedKring(
  app: INestApplication,
  opts: { kringId: string; gps: number; templates: Record<string, object>; settings?: object; seq?: number },
): Promise<KringFixture> {
  const http = request(app.getHttpServer());
  const { kringId } = opts;
  const auth = plannerOf(kringId);
  const ok = async (r: Promise<request.Response>) => {
    const res = await r;
    if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  await ok(
    http
      .post('/kringen')
      .set('Authorization', auth)
      .send({ id: kringId, name: `HAK ${kringId}`, settings: opts.settings }),
  );
  await ok(
    http
      .post(`/kringen/${kringId}/wachtposten`)
      .set('Authorization', auth)
      .send({ id: `wp-${kringId}`, name: 'Post' }),
  );
  const zoneId = `${kringId}-z`;
  await ok(
    http
      .put(`/kringen/${kringId}/zones/${zoneId}`)
      .set('Authorization', auth)
      .send({ wachtpostId: `wp-${kringId}`, name: 'Zone', postcodes: [], overflowZoneIds: [] }),
  );
  const gpIds: string[] = [];
  for (let i = 0; i < opts.gps; i++) {
    const gp = await ok(
      http
        .post(`/kringen/${kringId}/gps`)
        .set('Authorization', auth)
        .send({
          riziv: rizivFrom((opts.seq ?? 10000) + i),
          name: `Dr. ${i}`,
          languages: ['nl'],
          practicePostcode: '1700',
          participationFactor: 1,
          birthYear: 1980,
          capabilities: ['home_visits'],
        }),
    );
    gpIds.push(gp.id);
  }
  const templateIds: Record<string, string> = {};
  for (const [name, t] of Object.entries(opts.templates)) {
    const body = await ok(
      http
        .post(`/kringen/${kringId}/templates`)
        .set('Authorization', auth)
        .send({ ...t, zoneId }),
    );
    templateIds[name] = body.id;
  }
  return { kringId, zoneId, auth, gpIds, templateIds };
}
