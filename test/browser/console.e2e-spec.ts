/// <reference lib="dom" />
/**
 * The console in a real browser (Debian's Chromium, headless, Dutch and Brussels time) against
 * the whole system: a dispatcher takes a call and triages it U2, the GP on duty gets the offer
 * live on her phone and accepts, the dispatcher sees it accepted; a dispatcher downgrades a
 * proposed U1 in the intake before sending it, and the case follows her override; a planner
 * generates a roster, sees a manual change refused with the hard rule's reason, and publishes.
 * Screenshots of each screen go to docs/screenshots/ (shown in docs/console.md and the README).
 */
import { resolve } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../scripts/seed-demo';
import {
  ADMIN_PASSWORD,
  adminApi,
  buildConsole,
  launchChromium,
  SCREENSHOTS,
  startSystem,
  System,
} from './system';

jest.setTimeout(300_000);

const WAIT = { timeout: 60_000 };
const PASSWORD = 'permanentie-demo';
const WACHTPOST = 'wp-pajottenland';
/** Dilbeek lies in zone paj-oost. */
const ZONE = 'paj-oost';
const POSTCODE = '1700';

interface Board {
  zones: Array<{ zoneId: string; onDuty: Array<{ gpId: string; role: string }> }>;
}

let system: System;
let browser: Browser;
const contexts: BrowserContext[] = [];

const localDate = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

async function open(
  username: string,
  viewport: { width: number; height: number },
  mobile = false,
): Promise<Page> {
  // Belgian Dutch and Brussels time, whatever the machine's: date inputs, Intl and screenshots.
  const context = await browser.newContext({
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    locale: 'nl-BE',
    timezoneId: 'Europe/Brussels',
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(system.url);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('form.login button[type=submit]');
  await page.waitForSelector('#live[data-on="true"]', WAIT);
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: resolve(SCREENSHOTS, name), fullPage: true });

beforeAll(async () => {
  buildConsole();
  system = await startSystem();
  await seedDemo({
    baseUrl: system.url,
    adminUsername: 'admin',
    adminPassword: ADMIN_PASSWORD,
    kringen: ['pajottenland'],
    gpsPerKring: 16,
    daysBefore: 1,
    daysAfter: 6,
    solveSeconds: 5,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await system?.stop();
});

test('a dispatcher triages a call U2, the GP on duty accepts the offer live, the dispatcher sees it accepted', async () => {
  // The GPs on duty now in the zone of the call, as the dispatch service knows them.
  let onDuty: string[] = [];
  for (let i = 0; onDuty.length === 0; i++) {
    if (i > 100) throw new Error(`nobody on duty in ${ZONE}`);
    const board = await adminApi<Board>(system.url, 'GET', `/api/dispatch/wachtposts/${WACHTPOST}/board`);
    onDuty = board.zones.find((z) => z.zoneId === ZONE)?.onDuty.map((d) => d.gpId) ?? [];
    if (onDuty.length === 0) await new Promise((r) => setTimeout(r, 300));
  }
  const accounts = await adminApi<Array<{ username: string; gpId?: string }>>(
    system.url,
    'GET',
    '/api/accounts?role=gp',
  );
  // Each GP on duty on her phone, logged in before the call comes in.
  const phones = new Map<string, Page>();
  for (const gpId of onDuty) {
    const account = accounts.find((a) => a.gpId === gpId);
    if (account) phones.set(gpId, await open(account.username, { width: 390, height: 844 }, true));
  }
  expect(phones.size).toBeGreaterThan(0);

  const desk = await open('dispatcher.pajottenland', { width: 1440, height: 900 });
  await desk.waitForSelector(`#on-duty [data-zone-id="${ZONE}"] li`, WAIT);
  await desk.fill('input[name=callerName]', 'Mieke Vos');
  await desk.fill('input[name=callerPhone]', '+32 470 12 34 56');
  await desk.selectOption('select[name=relation]', 'family');
  await desk.fill('input[name=patientName]', 'Jozef Vos');
  await desk.fill('input[name=birthDate]', '1948-03-14');
  await desk.fill('input[name=postcode]', POSTCODE);
  await desk.fill('input[name=city]', 'Dilbeek');
  await desk.fill('input[name=street]', 'Kerkstraat 12');
  await desk.selectOption('select[name=complaint]', 'chest_pain');
  // Questions appear for the complaint; the proposal follows the answers.
  for (const [question, answer] of [
    ['pressing_radiating', 'no'],
    ['sweating_pale', 'no'],
    ['over_40_or_cardiac', 'yes'],
    ['pain_on_movement', 'no'],
  ]) {
    await desk.check(`input[name="q-${question}"][value="${answer}"]`);
  }
  await expect(desk.textContent('#proposed-urgency')).resolves.toBe('U2');
  // Submitted from the keyboard, as on the phone.
  await desk.focus('input[name=street]');
  await desk.keyboard.press('Control+Enter');
  const row = await desk.waitForSelector('#queue tr[data-case-id]', WAIT);
  const caseId = (await row.getAttribute('data-case-id')) as string;
  await expect(desk.textContent(`#queue tr[data-case-id="${caseId}"] .badge`)).resolves.toBe('U2');

  // The offer reaches one of the phones live; she accepts in one tap.
  const [gpId, phone] = await Promise.any(
    [...phones].map(([id, page]) =>
      page.waitForSelector('#offer-accept', WAIT).then(() => [id, page] as const),
    ),
  );
  await expect(phone.textContent('.offer .badge')).resolves.toBe('U2');
  await shot(phone, 'gp-offer.png');
  await phone.click('#offer-accept');
  const card = await phone.waitForSelector(`.case[data-case-id="${caseId}"]`, WAIT);
  await expect(card.textContent()).resolves.toContain('Jozef Vos');
  await expect(card.textContent()).resolves.toContain('Kerkstraat 12');
  // The complaint by its title in her language, not its code.
  await expect(card.textContent()).resolves.toContain('Pijn op de borst');
  await expect(card.textContent()).resolves.not.toContain('chest_pain');
  await shot(phone, 'gp-case.png');

  // The dispatcher's queue shows it accepted by that GP.
  await desk.waitForSelector(`#queue tr[data-case-id="${caseId}"][data-status="accepted"]`, WAIT);
  // By name, from the roster's directory.
  const directory = await adminApi<Array<{ id: string; name: string }>>(
    system.url,
    'GET',
    '/api/roster/gp-directory',
  );
  const gpName = directory.find((g) => g.id === gpId)?.name;
  expect(gpName).toBeTruthy();
  await expect(desk.textContent(`#queue tr[data-case-id="${caseId}"]`)).resolves.toContain(gpName);
  await desk.click(`#queue tr[data-case-id="${caseId}"]`);
  await shot(desk, 'dispatcher.png');
  const queue = await adminApi<Array<{ caseId: string; status: string; gpId: string }>>(
    system.url,
    'GET',
    `/api/dispatch/wachtposts/${WACHTPOST}/queue`,
  );
  expect(queue.find((c) => c.caseId === caseId)).toMatchObject({ status: 'accepted', gpId });
});

test('a dispatcher downgrades a proposed U1 in the intake before sending: the case follows the override, never 112', async () => {
  const desk = await open('dispatcher.pajottenland', { width: 1440, height: 900 });
  await desk.waitForSelector('select[name=complaint] option[value=chest_pain]', {
    ...WAIT,
    state: 'attached',
  });
  await desk.fill('input[name=callerPhone]', '+32 2 567 89 10');
  await desk.selectOption('select[name=relation]', 'self');
  await desk.fill('input[name=patientName]', 'Maria Claes');
  await desk.fill('input[name=birthDate]', '1961-09-02');
  await desk.fill('input[name=postcode]', POSTCODE);
  await desk.fill('input[name=city]', 'Dilbeek');
  await desk.selectOption('select[name=complaint]', 'chest_pain');
  for (const [question, answer] of [
    ['pressing_radiating', 'no'],
    ['sweating_pale', 'yes'],
    ['over_40_or_cardiac', 'yes'],
    ['pain_on_movement', 'yes'],
  ]) {
    await desk.check(`input[name="q-${question}"][value="${answer}"]`);
  }
  // The protocol proposes U1 (to 112); the dispatcher knows better and downgrades before sending.
  await expect(desk.textContent('#proposed-urgency')).resolves.toBe('U1');
  await desk.click('#override summary');
  await desk.selectOption('select[name=overrideUrgency]', 'U3');
  // The disposition follows: only U1 goes to 112.
  await expect(desk.inputValue('select[name=overrideDisposition]')).resolves.toBe('consultation');
  await desk.fill('input[name=overrideReason]', 'Zweet na het sporten, pijn al drie dagen bij bewegen');
  await expect(desk.textContent('#final-urgency')).resolves.toBe('U3');
  await shot(desk, 'dispatcher-override.png');
  const before = await desk.$$eval('#queue tr[data-case-id]', (rows) =>
    rows.map((r) => (r as HTMLElement).dataset.caseId),
  );
  await desk.click('#triage-submit');
  // The new case in the queue, or the service's refusal shown in the intake (which fails the test).
  await desk.waitForFunction(
    (known) =>
      Array.from(document.querySelectorAll<HTMLElement>('#queue tr[data-case-id]')).some(
        (r) => !known.includes(r.dataset.caseId),
      ) || !!document.querySelector('#intake-error')?.textContent,
    before,
    WAIT,
  );
  await expect(desk.textContent('#intake-error')).resolves.toBe('');
  const caseId = await desk.$$eval(
    '#queue tr[data-case-id]',
    (rows, known) => rows.map((r) => (r as HTMLElement).dataset.caseId).find((id) => !known.includes(id)),
    before,
  );
  expect(caseId).toBeTruthy();
  await expect(desk.textContent(`#queue tr[data-case-id="${caseId}"] .badge`)).resolves.toBe('U3');
  const record = await adminApi<{
    urgency: string;
    disposition: string;
    proposedUrgency: string;
    overridden: boolean;
    status: string;
    escalatedAt: string | null;
    overrideReason: string;
  }>(system.url, 'GET', `/api/triage/cases/${caseId}?purpose=audit`);
  expect(record).toMatchObject({
    urgency: 'U3',
    disposition: 'consultation',
    proposedUrgency: 'U1',
    overridden: true,
    escalatedAt: null,
  });
  expect(record.status).not.toBe('handed_to_112');
  expect(record.overrideReason).toContain('drie dagen');
});

test('a planner generates a roster with live progress, sees a refused change with its reason, and publishes it', async () => {
  const page = await open('planner.pajottenland', { width: 1440, height: 1000 });
  await page.fill('input[name=periodStart]', localDate(7));
  await page.fill('input[name=periodEnd]', localDate(20));
  await page.fill('input[name=timeLimit]', '5');
  await page.click('#generate-submit');
  await page.waitForSelector('#solve-bar[data-phase="done"]', { timeout: 120_000 });
  await page.waitForSelector('#calendar button[data-shift-id]', WAIT);
  const rosterId = await page.inputValue('#roster-select');
  const detail = await adminApi<{
    roster: { status: string };
    shifts: Array<{ id: string; kind: string; startsAt: string; endsAt: string }>;
    assignments: Array<{ id: string; shiftId: string; gpId: string; role: string }>;
  }>(system.url, 'GET', `/api/roster/rosters/${rosterId}`);
  expect(detail.roster.status).toBe('draft');
  expect(detail.assignments.length).toBeGreaterThan(0);
  await shot(page, 'planner.png');

  // A manual change the hard rules refuse: the GP who works the night before a dagwacht (ending
  // at 08:00) put on that dagwacht gets no rest. The planner reads why, by name.
  const shifts = detail.shifts;
  const firstOf = (shiftId: string) =>
    detail.assignments.find((a) => a.shiftId === shiftId && a.role === 'first');
  const pair = shifts
    .filter((d) => d.kind === 'dagwacht')
    .map((d) => ({ day: d, night: shifts.find((n) => n.kind === 'wachtpost' && n.endsAt === d.startsAt) }))
    .map(({ day, night }) => ({ day, seat: firstOf(day.id), tired: night && firstOf(night.id) }))
    .find(({ seat, tired }) => seat && tired && seat.gpId !== tired.gpId);
  expect(pair).toBeTruthy();
  const { day, seat, tired } = pair!;
  const directory = await adminApi<Array<{ id: string; name: string }>>(
    system.url,
    'GET',
    '/api/roster/gp-directory',
  );
  const tiredName = directory.find((g) => g.id === tired!.gpId)?.name as string;
  await page.click(`#calendar button[data-shift-id="${day.id}"]`);
  const row = `#shift-editor [data-assignment-id="${seat!.id}"]`;
  await page.selectOption(`${row} select`, tired!.gpId);
  await page.click(`${row} button[data-action=save]`);
  const refusal = await page.waitForSelector('#editor-error [role=alert]', WAIT);
  const said = (await refusal.textContent()) ?? '';
  expect(said).toContain('Wijziging geweigerd');
  expect(said).toContain('Minimale rust');
  expect(said).toContain(tiredName);
  expect(said).not.toContain(tired!.gpId);
  await shot(page, 'planner-refused.png');
  const unchanged = await adminApi<{ assignments: Array<{ id: string; gpId: string }> }>(
    system.url,
    'GET',
    `/api/roster/rosters/${rosterId}`,
  );
  expect(unchanged.assignments.find((a) => a.id === seat!.id)?.gpId).toBe(seat!.gpId);

  await page.click('#publish');
  // Published, or the services' refusal shown to the planner (which fails the test with its text).
  await page.waitForFunction(
    () =>
      document.querySelector('#roster-status')?.textContent === 'Gepubliceerd' ||
      !!document.querySelector('#planner-status')?.textContent,
    undefined,
    WAIT,
  );
  await expect(page.textContent('#planner-status')).resolves.toBe('');
  await expect(page.textContent('#roster-status')).resolves.toBe('Gepubliceerd');
  const published = await adminApi<{ roster: { status: string } }>(
    system.url,
    'GET',
    `/api/roster/rosters/${rosterId}`,
  );
  expect(published.roster.status).toBe('published');
});

test('a demo started again weeks later gets its rosters extended, once', async () => {
  // Ten days on, the published rosters (to day 20) end within two weeks.
  const again = () =>
    seedDemo({
      baseUrl: system.url,
      adminUsername: 'admin',
      adminPassword: ADMIN_PASSWORD,
      kringen: ['pajottenland'],
      solveSeconds: 5,
      today: localDate(10),
    });
  const rosters = () =>
    adminApi<Array<{ periodStart: string; periodEnd: string; status: string }>>(
      system.url,
      'GET',
      '/api/roster/kringen/pajottenland/rosters',
    );
  expect((await again()).seeded).toBe(false);
  const after = await rosters();
  expect(after[after.length - 1]).toMatchObject({
    periodStart: localDate(21),
    periodEnd: localDate(37),
    status: 'published',
  });
  await again();
  expect(await rosters()).toHaveLength(after.length);
});
