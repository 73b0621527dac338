import { DynamicModule, INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CaseTriaged, DutyAssigned, GpChanged, Role, ROLES, ZoneChanged } from '@permanentie/contracts';
import { IS_PUBLIC, ROLES as ROLES_KEY } from '@permanentie/platform';
import {
  bootService,
  cloneTestDatabase,
  eventually,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
  tokenFor,
} from '@permanentie/testing';
import { RosterModule } from '../apps/roster/src/roster.module';
import { TriageModule } from '../apps/triage/src/triage.module';
import { DispatchModule } from '../apps/dispatch/src/dispatch.module';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { PushQueue } from './gateway/support';

/*
 * Every HTTP route of every service, called without a token and with each role. The routes are
 * found by walking each app's controllers, so a route added later is checked without an edit:
 *   - no token: 401, unless the route is @Public() (only the routes in PUBLIC_ROUTES may be);
 *   - a role that may not call it: 403; for the sensitive routes "may" comes from the reviewed
 *     table SENSITIVE below (and their @Roles must say the same), for the others from @Roles();
 *   - an allowed role (with path ids filled from its own scope): anything but 401, 403 and 5xx.
 * Then the scope checks with real rows: a dispatcher, planner or GP reaching into another
 * wachtpost, kring or GP's offer gets 403 where her own colleague gets through.
 */

const DA: Role[] = ['dispatcher', 'admin'];
const GA: Role[] = ['gp', 'admin'];
const PA: Role[] = ['planner', 'admin'];
const A: Role[] = ['admin'];
const SERVICES = ['roster', 'triage', 'dispatch', 'gateway'];

/**
 * Reviewed: who may call the sensitive routes ("service METHOD path" as the controllers declare
 * it). A change of @Roles on any of these fails this test; change an entry only with a review of
 * who may then read patient data, act on cases, change rosters, accounts or the bus.
 */
const SENSITIVE: Record<string, Role[]> = {
  // Patient data and what reveals it.
  'triage GET /cases/:id': ['dispatcher', 'gp', 'admin'],
  'triage GET /cases/:id/report': DA,
  'triage GET /cases/:id/access-log': DA,
  'triage GET /queue': DA,
  'triage GET /reports': DA,
  'dispatch GET /me/work': ['gp'],
  'dispatch GET /wachtposts/:wachtpostId/queue': DA,
  'dispatch GET /cases/:caseId/reassignments': DA,
  // Case actions.
  'triage POST /cases': DA,
  'triage POST /cases/:id/triage': DA,
  'triage POST /cases/:id/override': DA,
  'triage POST /cases/:id/escalate-112': DA,
  'triage POST /cases/:id/cancel': DA,
  'triage POST /cases/:id/close': DA,
  'dispatch POST /cases/:caseId/reassign': DA,
  'dispatch POST /offers/:offerId/accept': GA,
  'dispatch POST /offers/:offerId/decline': GA,
  'dispatch POST /cases/:caseId/start': GA,
  'dispatch POST /cases/:caseId/complete': GA,
  'dispatch PUT /wachtposts/:wachtpostId/settings': DA,
  // Rosters: create, solve, change by hand, publish.
  'roster POST /kringen/:kringId/rosters': PA,
  'roster POST /rosters/:id/solve': PA,
  'roster POST /solve-runs/:runId/cancel': PA,
  'roster POST /rosters/:id/assignments': PA,
  'roster PATCH /rosters/:id/assignments/:assignmentId': PA,
  'roster DELETE /rosters/:id/assignments/:assignmentId': PA,
  'roster POST /rosters/:id/publish': PA,
  'roster POST /gps/:gpId/calendar-token': ['planner', 'admin', 'gp'],
  // Accounts.
  'gateway POST /api/accounts': A,
  'gateway GET /api/accounts': A,
  'gateway GET /api/accounts/:id': A,
  'gateway PATCH /api/accounts/:id': A,
  // The bus of every service, and triage's report delivery.
  ...Object.fromEntries(
    SERVICES.flatMap((s) => [
      [`${s} GET /admin/bus/failed`, A],
      [`${s} POST /admin/bus/failed/:queue/:jobId/replay`, A],
    ]),
  ),
  'triage POST /reports/deliver': A,
};

/** The only routes without a token: health, login, refresh, and the private calendar feed (a secret in its URL). */
const PUBLIC_ROUTES = [
  ...SERVICES.map((s) => `${s} GET /health`),
  'gateway POST /api/auth/login',
  'gateway POST /api/auth/refresh',
  'roster GET /calendar/:gpId/:file',
];

const labelOf = (r: Route) => `${r.service} ${r.method} ${r.path}`;
const sorted = (roles: readonly Role[]) => [...roles].sort();

interface Route {
  service: string;
  method: string;
  path: string;
  isPublic: boolean;
  roles: Role[] | undefined;
}

const SCOPE = { wachtpostId: 'wp-matrix', kringId: 'k-matrix', gpId: 'gp-matrix' };
const SCOPES: Record<Role, Partial<typeof SCOPE>> = {
  dispatcher: { wachtpostId: SCOPE.wachtpostId },
  gp: { gpId: SCOPE.gpId, kringId: SCOPE.kringId },
  planner: { kringId: SCOPE.kringId },
  admin: {},
};

function routesOf(app: INestApplication, service: string): Route[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: Route[] = [];
  const asList = (p: unknown): string[] => (Array.isArray(p) ? p : [p ?? '']).map(String);
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | null;
      if (!cls) continue;
      for (const name of scanner.getAllMethodNames(cls.prototype)) {
        const handler = (cls.prototype as Record<string, unknown>)[name] as object;
        const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (methodPath === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const targets = [handler as () => void, cls];
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, cls))) {
          for (const sub of asList(methodPath)) {
            routes.push({
              service,
              method: method === 'ALL' ? 'GET' : method,
              path: ('/' + [base, sub].filter((s) => s && s !== '/').join('/')).replace(/\/+/g, '/'),
              isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
              roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
            });
          }
        }
      }
    }
  }
  return routes;
}

/** Path ids: the caller's own scope where the name says which, a fresh uuid elsewhere. */
function concrete(path: string): string {
  return path
    .replace(/\{?\*\w*\}?/g, 'x')
    .replace(/:(\w+)/g, (_, name: string) => SCOPE[name as keyof typeof SCOPE] ?? randomUUID());
}

async function call(app: INestApplication, route: Route, token?: string): Promise<number | 'timeout'> {
  const url = concrete(route.path);
  const query = route.method === 'GET' ? { ...SCOPE } : {};
  const agent = request(app.getHttpServer());
  let req = agent[route.method.toLowerCase() as 'get'](url).query(query).timeout(10_000);
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  if (!['GET', 'HEAD', 'DELETE'].includes(route.method)) req = req.send({});
  try {
    return (await req).status;
  } catch (e) {
    if ((e as { timeout?: number }).timeout) return 'timeout';
    throw e;
  }
}

describe('role matrix: every route of every service, with no token and with each role', () => {
  const apps: Array<[string, INestApplication]> = [];
  const config = {
    DATABASE_URL: '',
    REDIS_URL,
    QUEUE_PREFIX: testQueuePrefix(),
    AUTH_TOKEN_SECRET: TEST_SECRET,
  };

  beforeAll(async () => {
    config.DATABASE_URL = await cloneTestDatabase();
    const modules: Array<[string, DynamicModule]> = [
      ['roster', RosterModule.forRoot(config)],
      ['triage', TriageModule.forRoot(config)],
      ['dispatch', DispatchModule.forRoot(config)],
      // The offer made below goes to a GP with no screen: give up on its acknowledgement quickly.
      ['gateway', GatewayModule.forRoot({ ...config, OFFER_ACK_TIMEOUT_MS: 200, OFFER_ACK_ATTEMPTS: 1 })],
    ];
    for (const [name, module] of modules) apps.push([name, await bootService(module, { name })]);
  }, 120_000);

  afterAll(async () => {
    for (const [, app] of apps.reverse()) await app.close();
  });

  it('finds the routes of all four services', () => {
    const all = apps.flatMap(([name, app]) => routesOf(app, name));
    for (const service of ['roster', 'triage', 'dispatch', 'gateway']) {
      expect(all).toContainEqual(
        expect.objectContaining({ service, method: 'GET', path: '/health', isPublic: true }),
      );
    }
    expect(all).toContainEqual(
      expect.objectContaining({
        service: 'gateway',
        method: 'POST',
        path: '/api/auth/login',
        isPublic: true,
      }),
    );
    expect(all).toContainEqual(
      expect.objectContaining({
        service: 'gateway',
        method: 'POST',
        path: '/api/accounts',
        roles: ['admin'],
      }),
    );
    // Exactly these are public: a route made public by mistake, or one of these renamed, fails.
    expect(
      all
        .filter((r) => r.isPublic)
        .map(labelOf)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('gives the sensitive routes exactly the roles of the reviewed table', () => {
    const byLabel = new Map(apps.flatMap(([name, app]) => routesOf(app, name)).map((r) => [labelOf(r), r]));
    const mismatches: string[] = [];
    for (const [label, expected] of Object.entries(SENSITIVE)) {
      const route = byLabel.get(label);
      if (!route) mismatches.push(`${label}: no such route (renamed? update the table after review)`);
      else if (route.isPublic) mismatches.push(`${label}: public`);
      else {
        const declared = sorted(route.roles ?? ROLES); // no @Roles: every logged-in role
        if (JSON.stringify(declared) !== JSON.stringify(sorted(expected)))
          mismatches.push(
            `${label}: @Roles(${declared.join(', ')}), reviewed: ${sorted(expected).join(', ')}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(Object.keys(SENSITIVE).length).toBeGreaterThan(40);
  });

  it('answers 401, 403 or lets through exactly as each route declares', async () => {
    const wrong: string[] = [];
    const serverErrors: string[] = [];
    let checked = 0;
    for (const [service, app] of apps) {
      for (const route of routesOf(app, service)) {
        const label = labelOf(route);
        const mayCall = SENSITIVE[label] ?? route.roles;
        const anonymous = await call(app, route);
        checked++;
        if (anonymous === 'timeout' || anonymous >= 500)
          serverErrors.push(`${label} anonymous: ${anonymous}`);
        if (route.isPublic) {
          if (anonymous === 401) wrong.push(`${label}: public but 401`);
          continue;
        }
        if (anonymous !== 401) wrong.push(`${label}: no token -> ${anonymous}, expected 401`);
        for (const role of ROLES) {
          const status = await call(app, route, tokenFor(role, SCOPES[role], { sub: `${role}-matrix` }));
          checked++;
          const allowed = !mayCall || mayCall.includes(role);
          if (!allowed && status !== 403) wrong.push(`${label} as ${role}: ${status}, expected 403`);
          if (allowed && (status === 401 || status === 403))
            wrong.push(`${label} as ${role}: ${status}, expected to be let through`);
          if (status === 'timeout' || status >= 500) serverErrors.push(`${label} as ${role}: ${status}`);
        }
      }
    }
    console.log(`role matrix: ${checked} calls`);
    expect(checked).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
    // Empty or foreign input is the caller's fault: 4xx, never a crash or a hang.
    expect(serverErrors).toEqual([]);
  }, 300_000);

  it("answers 403 to a dispatcher, planner or GP reaching into another wachtpost, kring or GP's offer", async () => {
    const app = (name: string) => apps.find(([n]) => n === name)![1];
    const as = (role: Role, scope: Partial<typeof SCOPE>, sub: string) =>
      `Bearer ${tokenFor(role, scope, { sub })}`;
    const admin = as('admin', {}, 'admin-scope');
    // "Ours" is the matrix scope (wp-matrix, k-matrix, gp-matrix); "theirs" is another one.
    const ourDispatcher = as('dispatcher', { wachtpostId: SCOPE.wachtpostId }, 'disp-ours');
    const theirDispatcher = as('dispatcher', { wachtpostId: 'wp-other' }, 'disp-theirs');
    const ourPlanner = as('planner', { kringId: SCOPE.kringId }, 'planner-ours');
    const theirPlanner = as('planner', { kringId: 'k-other' }, 'planner-theirs');
    const ourGp = as('gp', { gpId: SCOPE.gpId, kringId: SCOPE.kringId }, 'gp-ours');
    const theirGp = as('gp', { gpId: 'gp-other', kringId: 'k-other' }, 'gp-theirs');
    const denied: string[] = [];
    const expect403 = async (
      service: string,
      method: 'get' | 'post' | 'put' | 'patch',
      path: string,
      auth: string,
      body?: object,
    ) => {
      let req = request(app(service).getHttpServer())[method](path).set('Authorization', auth);
      if (body) req = req.send(body);
      const res = await req;
      if (res.status !== 403)
        denied.push(`${service} ${method.toUpperCase()} ${path}: ${res.status}, expected 403`);
    };

    // A case of the other wachtpost, recorded there by its dispatcher (triage, patient data).
    const recorded = await request(app('triage').getHttpServer())
      .post('/cases')
      .set('Authorization', theirDispatcher)
      .set('Idempotency-Key', `matrix-${randomUUID()}`)
      .send({
        channel: '1733',
        caller: { name: 'Mieke Peeters', phone: '+32470000001', relation: 'family' },
        patient: {
          name: 'Jan Peeters',
          birthDate: '1985-04-12',
          address: { street: 'Naamsestraat 1', postcode: '3000', city: 'Leuven' },
          language: 'nl',
        },
      })
      .expect(201);
    const caseId = recorded.body.id as string;
    // Their dispatcher reads it; ours, and a GP it was never offered to, do not.
    await request(app('triage').getHttpServer())
      .get(`/cases/${caseId}`)
      .set('Authorization', theirDispatcher)
      .expect(200);
    await expect403('triage', 'get', `/cases/${caseId}`, ourDispatcher);
    await expect403('triage', 'get', `/cases/${caseId}`, ourGp);
    await expect403('triage', 'get', `/cases/${caseId}/access-log`, ourDispatcher);
    await expect403('triage', 'get', `/cases/${caseId}/report`, ourDispatcher);
    await expect403('triage', 'post', `/cases/${caseId}/triage`, ourDispatcher, {
      version: 1,
      complaintCode: 'chest_pain',
      answers: {},
    });
    await expect403('triage', 'post', `/cases/${caseId}/cancel`, ourDispatcher, {
      version: 1,
      reasonCode: 'duplicate',
    });
    await expect403('triage', 'get', '/queue?wachtpostId=wp-other', ourDispatcher);
    await expect403('triage', 'get', '/reports?wachtpostId=wp-other', ourDispatcher);
    await expect403('triage', 'get', '/wachtposten/wp-other/settings', ourDispatcher);

    // The same case at dispatch, offered to their GP on duty (roster's and triage's news, as the
    // dispatch integration tests feed it).
    const feed = new PushQueue(config.QUEUE_PREFIX, 'dispatch');
    try {
      const now = Date.now();
      await feed.push(ZoneChanged, {
        zoneId: 'z-other',
        kringId: 'k-other',
        wachtpostId: 'wp-other',
        postcodes: ['3000'],
        overflowZoneIds: [],
        active: true,
      });
      await feed.push(GpChanged, {
        gpId: 'gp-other',
        kringId: 'k-other',
        languages: ['nl'],
        practicePostcode: '3000',
        capabilities: [],
        active: true,
      });
      await feed.push(DutyAssigned, {
        assignmentId: randomUUID(),
        rosterId: 'r-other',
        shiftId: 's-other',
        kringId: 'k-other',
        zoneId: 'z-other',
        dutyKind: 'wachtpost',
        role: 'first',
        gpId: 'gp-other',
        startsAt: new Date(now - 3600_000).toISOString(),
        endsAt: new Date(now + 6 * 3600_000).toISOString(),
      });
      const duty = app('dispatch').get(DataSource);
      await eventually(
        async () => (await duty.query(`SELECT 1 FROM duty WHERE gp_id = 'gp-other'`)).length > 0,
      );
      await feed.push(CaseTriaged, {
        caseId,
        wachtpostId: 'wp-other',
        zoneId: 'z-other',
        urgency: 'U3',
        channel: '1733',
        disposition: 'consultation',
        language: 'nl',
        postcode: '3000',
        receivedAt: new Date(now).toISOString(),
        dueAt: new Date(now + 3 * 3600_000).toISOString(),
        revision: 1,
      });
    } finally {
      await feed.close();
    }
    const dispatch = () => request(app('dispatch').getHttpServer());
    const offerId = await eventually(async () => {
      const q = await dispatch().get('/wachtposts/wp-other/queue').set('Authorization', theirDispatcher);
      return (q.body as Array<{ caseId: string; offerId: string | null }>).find((c) => c.caseId === caseId)
        ?.offerId;
    });

    // Our dispatcher cannot move their case or read their wachtpost.
    await expect403('dispatch', 'post', `/cases/${caseId}/reassign`, ourDispatcher, {
      gpId: 'gp-other',
      reasonCode: 'cross_scope',
    });
    await expect403('dispatch', 'get', `/cases/${caseId}/reassignments`, ourDispatcher);
    for (const view of ['queue', 'board', 'alarms', 'settings'])
      await expect403('dispatch', 'get', `/wachtposts/wp-other/${view}`, ourDispatcher);
    await expect403('dispatch', 'put', '/wachtposts/wp-other/settings', ourDispatcher, {
      acceptSecondsU2: 120,
      acceptSecondsU3: 300,
      acceptSecondsU4: 900,
      maxOpenCases: 3,
      officeStartHour: 8,
      officeEndHour: 19,
    });
    // Our GP cannot answer their GP's offer, nor act on the case once she holds it.
    await expect403('dispatch', 'post', `/offers/${offerId}/accept`, ourGp);
    await expect403('dispatch', 'post', `/offers/${offerId}/decline`, ourGp, { reasonCode: 'other' });
    await dispatch().post(`/offers/${offerId}/accept`).set('Authorization', theirGp).expect(200);
    await expect403('dispatch', 'post', `/cases/${caseId}/start`, ourGp, { mode: 'consultation' });
    await expect403('dispatch', 'post', `/cases/${caseId}/complete`, ourGp, { disposition: 'consultation' });

    // A kring with a roster; our planner cannot read, solve, change or publish it.
    const roster = () => request(app('roster').getHttpServer());
    await roster()
      .post('/kringen')
      .set('Authorization', admin)
      .send({ id: 'k-other', name: 'Kring Other' })
      .expect(201);
    const created = await roster()
      .post('/kringen/k-other/rosters')
      .set('Authorization', admin)
      .send({ from: '2026-12-01', to: '2026-12-07' })
      .expect(201);
    const rosterId = created.body.id as string;
    await roster().get(`/rosters/${rosterId}`).set('Authorization', theirPlanner).expect(200);
    await expect403('roster', 'get', '/kringen/k-other', ourPlanner);
    await expect403('roster', 'get', '/kringen/k-other/gps', ourPlanner);
    await expect403('roster', 'get', '/kringen/k-other/rosters', ourPlanner);
    await expect403('roster', 'post', '/kringen/k-other/rosters', ourPlanner, {
      from: '2026-12-08',
      to: '2026-12-14',
    });
    await expect403('roster', 'get', `/rosters/${rosterId}`, ourPlanner);
    await expect403('roster', 'post', `/rosters/${rosterId}/solve`, ourPlanner, { timeLimitSeconds: 5 });
    await expect403('roster', 'post', `/rosters/${rosterId}/assignments`, ourPlanner, {
      shiftId: randomUUID(),
      role: 'first',
      gpId: randomUUID(),
    });
    await expect403('roster', 'post', `/rosters/${rosterId}/publish`, ourPlanner);
    await expect403('roster', 'get', `/rosters/${rosterId}/fairness`, ourPlanner);

    expect(denied).toEqual([]);
  }, 120_000);
});
