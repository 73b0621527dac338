import { DynamicModule, INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role, ROLES } from '@permanentie/contracts';
import { IS_PUBLIC, ROLES as ROLES_KEY } from '@permanentie/platform';
import {
  bootService,
  cloneTestDatabase,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
  tokenFor,
} from '@permanentie/testing';
import { RosterModule } from '../apps/roster/src/roster.module';
import { TriageModule } from '../apps/triage/src/triage.module';
import { DispatchModule } from '../apps/dispatch/src/dispatch.module';
import { GatewayModule } from '../apps/gateway/src/gateway.module';

/*
 * Every HTTP route of every service, called without a token and with each role. The routes are
 * found by walking each app's controllers, so a route added later is checked without an edit:
 *   - no token: 401, unless the route is @Public();
 *   - a role the route's @Roles() leaves out: 403;
 *   - an allowed role (with path ids filled from its own scope): anything but 401 and 403.
 */

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

  beforeAll(async () => {
    const config = {
      DATABASE_URL: await cloneTestDatabase(),
      REDIS_URL,
      QUEUE_PREFIX: testQueuePrefix(),
      AUTH_TOKEN_SECRET: TEST_SECRET,
    };
    const modules: Array<[string, DynamicModule]> = [
      ['roster', RosterModule.forRoot(config)],
      ['triage', TriageModule.forRoot(config)],
      ['dispatch', DispatchModule.forRoot(config)],
      ['gateway', GatewayModule.forRoot(config)],
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
    // The only public routes: health, login, refresh, and those listed here on purpose.
    const publicOnes = all.filter((r) => r.isPublic).map((r) => `${r.service} ${r.method} ${r.path}`);
    const allowedPublic = [/ GET \/health$/, / POST \/api\/auth\/(login|refresh)$/, /calendar/i];
    expect(publicOnes.filter((p) => !allowedPublic.some((re) => re.test(p)))).toEqual([]);
  });

  it('answers 401, 403 or lets through exactly as each route declares', async () => {
    const wrong: string[] = [];
    const serverErrors: string[] = [];
    let checked = 0;
    for (const [service, app] of apps) {
      for (const route of routesOf(app, service)) {
        const label = `${service} ${route.method} ${route.path}`;
        const anonymous = await call(app, route);
        checked++;
        if (route.isPublic) {
          if (anonymous === 401) wrong.push(`${label}: public but 401`);
          continue;
        }
        if (anonymous !== 401) wrong.push(`${label}: no token -> ${anonymous}, expected 401`);
        for (const role of ROLES) {
          const status = await call(app, route, tokenFor(role, SCOPES[role], { sub: `${role}-matrix` }));
          checked++;
          const allowed = !route.roles || route.roles.includes(role);
          if (!allowed && status !== 403) wrong.push(`${label} as ${role}: ${status}, expected 403`);
          if (allowed && (status === 401 || status === 403))
            wrong.push(`${label} as ${role}: ${status}, expected to be let through`);
          if (typeof status === 'number' && status >= 500)
            serverErrors.push(`${label} as ${role}: ${status}`);
        }
      }
    }
    if (serverErrors.length > 0)
      console.warn(`routes answering 5xx to empty input:\n  ${serverErrors.join('\n  ')}`);
    console.log(`role matrix: ${checked} calls`);
    expect(checked).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  }, 300_000);
});
