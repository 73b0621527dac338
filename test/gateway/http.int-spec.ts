import { INestApplication } from '@nestjs/common';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import {
  bootService,
  cloneTestDatabase,
  REDIS_URL,
  TEST_SECRET,
  testQueuePrefix,
  tokenFor,
} from '@permanentie/testing';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const IMPORT_MAP = '\n  { "imports": { "socket.io-client": "/vendor/socket.io.esm.min.js" } }\n';

describe('gateway HTTP: reverse proxy, console files, hardening', () => {
  let app: INestApplication;
  let upstream: Server;
  const seen: Seen[] = [];
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.writeHead(req.url?.startsWith('/missing') ? 404 : 201, {
          'content-type': 'application/json',
          'x-upstream': 'roster',
        });
        res.end(JSON.stringify({ echoed: true }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const port = (upstream.address() as AddressInfo).port;
    const web = mkdtempSync(join(tmpdir(), 'perm-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(
      join(web, 'index.html'),
      `<!doctype html><title>Permanentie</title><script type="importmap">${IMPORT_MAP}</script>` +
        '<script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    app = await bootService(
      GatewayModule.forRoot({
        DATABASE_URL: await cloneTestDatabase(),
        REDIS_URL,
        QUEUE_PREFIX: testQueuePrefix(),
        AUTH_TOKEN_SECRET: TEST_SECRET,
        ROSTER_URL: `http://127.0.0.1:${port}`,
        TRIAGE_URL: 'http://127.0.0.1:1', // nothing listens there
        WEB_ROOT: web,
        CORS_ORIGINS: 'https://console.example',
      }),
      { name: 'gateway' },
    );
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((r) => upstream?.close(r));
  });

  it('forwards method, path, query, body, Authorization and X-Forwarded-For, and the answer back', async () => {
    const token = tokenFor('planner', { kringId: 'k-1' });
    const res = await http()
      .post('/api/roster/kringen/k-1/rosters?dryRun=true')
      .auth(token, { type: 'bearer' })
      .set('X-Forwarded-For', '192.0.2.7')
      .send({ periodStart: '2026-12-01' })
      .expect(201);
    expect(res.body).toEqual({ echoed: true });
    expect(res.headers['x-upstream']).toBe('roster');
    const got = seen.at(-1)!;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/kringen/k-1/rosters?dryRun=true');
    expect(JSON.parse(got.body)).toEqual({ periodStart: '2026-12-01' });
    expect(got.headers.authorization).toBe(`Bearer ${token}`);
    expect(got.headers['x-forwarded-for']).toMatch(/^192\.0\.2\.7, (::ffff:)?127\.0\.0\.1$/);
  });

  it('passes upstream errors through and answers 502 when a service is down', async () => {
    await http().get('/api/roster/missing/thing').expect(404);
    const down = await http().get('/api/triage/cases').expect(502);
    expect(down.body).toMatchObject({ statusCode: 502, error: 'Bad Gateway' });
  });

  it('serves the console files, and index.html for client-side routes, but never for API paths', async () => {
    const js = await http().get('/assets/app.js').expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const page = await http().get('/gp/offers/123').expect(200);
    expect(page.text).toContain('<title>Permanentie</title>');
    await http().get('/assets/../../etc/passwd').expect(200); // normalised into the root: index.html
    const api = await http().get('/api/nothing-here').set('Authorization', 'Bearer x').expect(404);
    expect(api.headers['content-type']).toMatch(/json/);
  });

  it('sends security headers, limits CORS to the configured origins and bodies to their size', async () => {
    const ok = await http().get('/health').set('Origin', 'https://console.example').expect(200);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.headers['access-control-allow-origin']).toBe('https://console.example');
    const other = await http().get('/health').set('Origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const big = await http()
      .post('/api/auth/login')
      .send({ username: 'x', password: 'y'.repeat(300 * 1024) })
      .expect(413);
    expect(JSON.stringify(big.body)).not.toMatch(/\bat \w+.*\.(ts|js):\d+/);
  });

  it('sends a Content-Security-Policy with the console: own origin only, the import map by its hash', async () => {
    const page = await http().get('/').expect(200);
    const csp = page.headers['content-security-policy'];
    const hash = createHash('sha256').update(IMPORT_MAP).digest('base64');
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      `script-src 'self' 'sha256-${hash}'`,
      "style-src 'self'",
      "style-src-attr 'unsafe-inline'",
      "img-src 'self'",
      "font-src 'self'",
      "connect-src 'self'",
      "manifest-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ]);
    expect(csp).not.toMatch(/unsafe-eval|\*|https?:|data:/);
    expect((await http().get('/planner/roster').expect(200)).headers['content-security-policy']).toBe(csp);
    expect((await http().get('/assets/app.js').expect(200)).headers['content-security-policy']).toBe(csp);
  });
});
