/**
 * A realistic call stream through the real triage API, so the screens move: the dispatchers of
 * the demo wachtposten take calls (patients, postcodes of their zones, a mix of complaints with
 * answers), and simulated GPs accept their offers after a while, start and complete them.
 *
 *   npm run simulate                       # a Monday morning peak (default)
 *   npm run simulate -- saturday           # a Saturday evening
 *   npm run simulate -- monday --minutes 5 --speed 20
 *
 * Time runs `speed` times faster than real time (default 30): the profile's calls per hour are
 * spread over `minutes` of wall time. Needs the demo data of `npm start`. The dispatchers log in
 * with the demo password (DEMO_PASSWORD to change it), the admin who answers for the simulated
 * GPs with ADMIN_PASSWORD when set (as `npm start` does), else the demo password.
 */
import { KRINGEN } from './seed-demo';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const scenario = args.find((a) => !a.startsWith('--') && Number.isNaN(Number(a))) ?? 'monday';
const minutes = flag('minutes', 10);
const speed = flag('speed', 30);
const base = process.env.CONSOLE_URL ?? `http://localhost:${process.env.GATEWAY_PORT ?? '3000'}`;
const demoPassword = process.env.DEMO_PASSWORD || 'permanentie-demo';
const adminPassword = process.env.ADMIN_PASSWORD || demoPassword;

/** Calls per hour at a wachtpost over the scenario's hours: a Monday 08-12 peak, a Saturday 18-23 evening. */
const PROFILES: Record<string, { label: string; perHour: number[] }> = {
  monday: { label: 'Monday morning peak, 08:00-12:00', perHour: [14, 22, 18, 12] },
  saturday: { label: 'Saturday evening, 18:00-23:00', perHour: [9, 12, 10, 8, 6] },
};

const FIRST = [
  'Jan',
  'Mieke',
  'Ahmed',
  'Sophie',
  'Lucas',
  'Emma',
  'Noor',
  'Louis',
  'Fatma',
  'Julie',
  'Arthur',
  'Lotte',
];
const LAST = [
  'Peeters',
  'Dubois',
  'Maes',
  'El Idrissi',
  'Janssens',
  'Lambert',
  'Wouters',
  'Leroy',
  'Claes',
  'Yilmaz',
];
const STREETS = [
  'Kerkstraat',
  'Stationsstraat',
  'Molenstraat',
  'Rue de la Station',
  'Dorpsplein',
  'Nieuwstraat',
];
const DISPOSITIONS_DONE = ['consultation', 'home_visit_planned', 'referral_own_gp'];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Session {
  private token = '';
  constructor(
    private readonly username: string,
    private readonly password: string = demoPassword,
  ) {}

  async login(): Promise<this> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.username, password: this.password }),
    });
    if (!res.ok)
      throw new Error(`login ${this.username}: ${res.status} (run npm start first for the demo data)`);
    this.token = ((await res.json()) as { accessToken: string }).accessToken;
    return this;
  }

  async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(base + path, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 401 && attempt === 0) {
        await this.login();
        continue;
      }
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    }
  }
}

interface Complaint {
  code: string;
  questions: Array<{ id: string; options: Array<{ code: string }> }>;
}

/** One call: record the case, triage it with answers a caller might give. */
async function takeCall(
  desk: Session,
  kring: (typeof KRINGEN)[number],
  complaints: Complaint[],
): Promise<string> {
  const zone = pick(kring.zones);
  const postcode = pick(zone.postcodes);
  const french = Math.random() < kring.french;
  const year = 1935 + Math.floor(Math.random() * 85);
  const created = await desk.call<{ id: string; version: number }>(
    'POST',
    '/api/triage/cases',
    {
      channel: Math.random() < 0.7 ? '1733' : 'wachtpost_phone',
      caller: {
        relation: pick(['self', 'self', 'family', 'carer']),
        phone: `+32 47${Math.floor(Math.random() * 1e7)}`,
      },
      patient: {
        name: `${pick(FIRST)} ${pick(LAST)}`,
        birthDate: `${year}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-15`,
        address: { street: `${pick(STREETS)} ${1 + Math.floor(Math.random() * 120)}`, postcode },
        language: french ? 'fr' : 'nl',
      },
    },
    { 'idempotency-key': `sim-${Date.now()}-${Math.random().toString(36).slice(2)}` },
  );
  const complaint = pick(complaints);
  // Mostly the milder answer (the last option is usually "no"): few calls are life-threatening.
  const answers = Object.fromEntries(
    complaint.questions.map((q) => [
      q.id,
      Math.random() < 0.8 ? q.options[q.options.length - 1].code : pick(q.options).code,
    ]),
  );
  const triaged = await desk.call<{ urgency: string; status: string }>(
    'POST',
    `/api/triage/cases/${created.id}/triage`,
    {
      version: created.version,
      complaintCode: complaint.code,
      answers,
    },
  );
  return `${kring.id}: ${complaint.code} ${postcode} -> ${triaged.urgency} (${triaged.status})`;
}

interface QueueRow {
  caseId: string;
  status: string;
  offerId: string | null;
  offerExpiresAt: string | null;
}

/** The GPs on duty, simulated: accept an offer after a little while, start, complete. */
async function simulateGps(admin: Session, stopAt: number): Promise<void> {
  const seen = new Map<string, number>();
  while (Date.now() < stopAt) {
    for (const k of KRINGEN) {
      const queue = await admin
        .call<QueueRow[]>('GET', `/api/dispatch/wachtposts/${k.wachtpost.id}/queue`)
        .catch(() => [] as QueueRow[]);
      for (const c of queue) {
        const since = seen.get(`${c.caseId}:${c.status}`) ?? Date.now();
        seen.set(`${c.caseId}:${c.status}`, since);
        const waited = Date.now() - since;
        try {
          if (c.status === 'offered' && c.offerExpiresAt && waited > 4000) {
            if (Math.random() < 0.85)
              await admin.call('POST', `/api/dispatch/offers/${c.offerId}/accept`, {});
            else
              await admin.call('POST', `/api/dispatch/offers/${c.offerId}/decline`, {
                reasonCode: 'busy_with_patient',
              });
          } else if (c.status === 'accepted' && waited > 8000) {
            await admin.call('POST', `/api/dispatch/cases/${c.caseId}/start`, {
              mode: pick(['consultation', 'en_route']),
            });
          } else if (c.status === 'started' && waited > 20000) {
            await admin.call('POST', `/api/dispatch/cases/${c.caseId}/complete`, {
              disposition: pick(DISPOSITIONS_DONE),
            });
          }
        } catch {
          // The case moved on meanwhile (expired, reassigned): the next round sees its new state.
        }
      }
    }
    await sleep(1500);
  }
}

async function main(): Promise<void> {
  const profile = PROFILES[scenario];
  if (!profile) throw new Error(`unknown scenario ${scenario}; use ${Object.keys(PROFILES).join(' or ')}`);
  const admin = await new Session(process.env.ADMIN_USERNAME || 'admin', adminPassword).login();
  const desks = await Promise.all(
    KRINGEN.map(async (k) => ({ kring: k, desk: await new Session(`dispatcher.${k.id}`).login() })),
  );
  const protocols = await Promise.all(
    desks.map(({ kring, desk }) =>
      desk.call<{ definition: { complaints: Complaint[] } }>(
        'GET',
        `/api/triage/wachtposten/${kring.wachtpost.id}/protocols/active`,
      ),
    ),
  );
  const stopAt = Date.now() + minutes * 60_000;
  console.log(`${profile.label}, ${speed}x real time, for ${minutes} min on ${base}`);
  const gps = simulateGps(admin, stopAt + 60_000);
  // Poisson arrivals per wachtpost, the rate following the profile's hours (in simulated time).
  await Promise.all(
    desks.map(async ({ kring, desk }, i) => {
      const started = Date.now();
      while (Date.now() < stopAt) {
        const simulatedHour =
          Math.floor(((Date.now() - started) * speed) / 3_600_000) % profile.perHour.length;
        const perWallMs = (profile.perHour[simulatedHour] * speed) / 3_600_000;
        await sleep(-Math.log(1 - Math.random()) / perWallMs);
        if (Date.now() >= stopAt) break;
        await takeCall(desk, kring, protocols[i].definition.complaints)
          .then((line) => console.log(line))
          .catch((e: Error) => console.error(e.message));
      }
    }),
  );
  await gps;
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
