/**
 * The whole system for browser tests: the standalone launcher as a child process (TypeScript
 * run from source through test/support/ts-register.js) on a cloned database with its own queue
 * prefix and free ports, the console built into dist/web, and Debian's Chromium.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { cloneTestDatabase, REDIS_URL, testQueuePrefix } from '@permanentie/testing';

export const ROOT = resolve(__dirname, '../..');
/** The docs' screenshots are rewritten only on request (UPDATE_SCREENSHOTS=1); a plain run leaves the tree as it was. */
export const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? resolve(ROOT, 'docs/screenshots')
    : resolve(tmpdir(), 'permanentie-screenshots');
export const ADMIN_PASSWORD = 'browser-test-admin';

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

export interface System {
  url: string;
  stop(): Promise<void>;
}

export function buildConsole(): void {
  execFileSync(process.execPath, [resolve(ROOT, 'scripts/build-web.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

/** Starts the four services; resolves once the launcher says it is up. */
export async function startSystem(): Promise<System> {
  const [gateway, roster, triage, dispatch] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const url = `http://127.0.0.1:${gateway}`;
  const env = {
    ...process.env,
    DATABASE_URL: await cloneTestDatabase(),
    REDIS_URL,
    QUEUE_PREFIX: testQueuePrefix(),
    GATEWAY_PORT: String(gateway),
    ROSTER_PORT: String(roster),
    TRIAGE_PORT: String(triage),
    DISPATCH_PORT: String(dispatch),
    ROSTER_URL: `http://127.0.0.1:${roster}`,
    TRIAGE_URL: `http://127.0.0.1:${triage}`,
    DISPATCH_URL: `http://127.0.0.1:${dispatch}`,
    CORS_ORIGINS: url,
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD,
    LOGIN_MAX_PER_IP: '1000',
    DEMO_SEED: 'off',
    // 'log': the launcher says 'Permanentie is up' at that level.
    LOG_LEVEL: 'log',
    NODE_ENV: 'test',
  };
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', resolve(ROOT, 'test/support/ts-register.js'), resolve(ROOT, 'apps/standalone/src/main.ts')],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((ok, fail) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes('Permanentie is up')) ok();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the system stopped (${code}):\n${output.slice(-3000)}`)));
  });
  // Health of the gateway: every route is mounted.
  for (;;) {
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res?.ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Chromium in Belgian Dutch: its own language (date inputs read dd-mm-jjjj) follows LANGUAGE and
 * LANG, and needs Debian's chromium-l10n (without it the inputs stay en-US); the contexts set
 * locale nl-BE and Europe/Brussels for the pages.
 */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=nl-BE'],
    env: { ...process.env, LANGUAGE: 'nl_BE:nl', LANG: 'nl_BE.UTF-8', TZ: 'Europe/Brussels' },
  });
}

/** A JSON call against the gateway with an admin token. */
export async function adminApi<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
