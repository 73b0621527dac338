/**
 * Demo data through the real HTTP APIs (as an admin, via the gateway), so it takes the same paths
 * as a planner would: the three kringen of the Vlaamse Rand with their real postcodes, about 40
 * GPs each (unique names) with languages, part-time work and exemptions, duty templates, a
 * published roster around today, and demo accounts: a dispatcher and a planner per kring and one
 * account for every GP (gp.paj1…, gp.noo1…, gp.zen1…, in the order the GPs were made). Run by
 * `npm start`: the first start loads it all; every later start extends the rosters when they run
 * out, gives any demo GP without an account one, and says who is on duty now. Also usable alone:
 *   node dist/scripts/seed-demo.js [http://localhost:3000]   (ADMIN_USERNAME / ADMIN_PASSWORD)
 */
import { rizivFrom } from '@permanentie/domain';

export const DEMO_PASSWORD = 'permanentie-demo';

interface ZoneSeed {
  id: string;
  name: string;
  postcodes: string[];
}

interface KringSeed {
  id: string;
  name: string;
  wachtpost: { id: string; name: string };
  zones: ZoneSeed[];
  /** Share of GPs who also consult in French. */
  french: number;
}

/*
 * Postcodes checked against the bpost list the services use (libs/domain/src/postcodes.data.ts,
 * postcode;place;lon;lat). Bever is Biévène (1547), Sint-Genesius-Rode is Rhode-Saint-Genèse
 * (1640) in that list.
 */
export const KRINGEN: KringSeed[] = [
  {
    id: 'pajottenland',
    name: 'HAK Pajottenland',
    wachtpost: { id: 'wp-pajottenland', name: 'Huisartsenwachtpost Pajottenland (Dilbeek)' },
    zones: [
      {
        id: 'paj-oost',
        name: 'Dilbeek, Ternat, Affligem',
        postcodes: ['1700', '1701', '1702', '1703', '1740', '1741', '1742', '1790'],
      },
      {
        id: 'paj-west',
        name: 'Lennik, Gooik, Pepingen, Herne, Galmaarden, Bever, Roosdaal, Liedekerke',
        postcodes: [
          '1750',
          '1755',
          '1670',
          '1671',
          '1673',
          '1674',
          '1540',
          '1541',
          '1547',
          '1570',
          '1760',
          '1761',
          '1770',
        ],
      },
    ],
    french: 0.3,
  },
  {
    id: 'noordrand',
    name: 'HAK Noordrand',
    wachtpost: { id: 'wp-noordrand', name: 'Huisartsenwachtpost Noordrand (Vilvoorde)' },
    zones: [
      {
        id: 'nrd-oost',
        name: 'Vilvoorde, Machelen, Zaventem, Steenokkerzeel, Kampenhout, Zemst',
        postcodes: ['1800', '1820', '1830', '1831', '1910', '1930', '1932', '1933', '1980', '1981', '1982'],
      },
      {
        id: 'nrd-west',
        name: 'Grimbergen, Meise, Wemmel, Londerzeel, Kapelle-op-den-Bos',
        postcodes: ['1780', '1840', '1850', '1851', '1852', '1853', '1860', '1861', '1880'],
      },
    ],
    french: 0.45,
  },
  {
    id: 'zennevallei',
    name: 'HAK Zennevallei',
    wachtpost: { id: 'wp-zennevallei', name: 'Huisartsenwachtpost Zennevallei (Halle)' },
    zones: [
      {
        id: 'zen-halle',
        name: 'Halle, Sint-Pieters-Leeuw',
        postcodes: ['1500', '1501', '1502', '1600', '1601', '1602'],
      },
      {
        id: 'zen-beersel',
        name: 'Beersel, Drogenbos, Linkebeek, Sint-Genesius-Rode',
        postcodes: ['1620', '1630', '1640', '1650', '1651', '1652', '1653', '1654'],
      },
    ],
    french: 0.55,
  },
];

const FIRST = [
  'An',
  'Els',
  'Sofie',
  'Katrien',
  'Lien',
  'Marie',
  'Nathalie',
  'Inge',
  'Hilde',
  'Sarah',
  'Fatima',
  'Camille',
  'Pieter',
  'Jan',
  'Koen',
  'Bart',
  'Tom',
  'Wim',
  'Luc',
  'Jean',
  'Olivier',
  'Mehdi',
  'Thomas',
  'Dirk',
];
const LAST = [
  'Peeters',
  'Janssens',
  'Maes',
  'Jacobs',
  'Mertens',
  'Willems',
  'Claes',
  'Goossens',
  'Wouters',
  'De Smet',
  'Dubois',
  'Lambert',
  'Vermeulen',
  'Van Damme',
  'De Backer',
  'Hermans',
  'Dupont',
  'Leclercq',
  'El Amrani',
  'Van den Broeck',
  'Cools',
  'Verhaegen',
  'De Vos',
  'Segers',
  'Michiels',
  'Martin',
  'Renard',
  'Bogaert',
];

/** A small deterministic generator, so every demo looks the same. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface SeedOptions {
  baseUrl: string;
  adminUsername: string;
  adminPassword: string;
  /** Which kringen (default all three). */
  kringen?: string[];
  gpsPerKring?: number;
  /** Roster period around today, in days. */
  daysBefore?: number;
  daysAfter?: number;
  solveSeconds?: number;
  /** The day taken as today (YYYY-MM-DD, default today in Brussels). */
  today?: string;
  /** The moment for "on duty now" (default the clock's). */
  now?: number;
  /** How many GPs on duty now to list per kring (default 4). */
  onDutyPerKring?: number;
  log?: (line: string) => void;
}

export interface DemoAccount {
  username: string;
  role: string;
  displayName: string;
  note?: string;
}

export interface SeedResult {
  seeded: boolean;
  /** The dispatcher and planner of each kring (every start). */
  accounts: DemoAccount[];
  /** The GP accounts of each kring, as a range: `gp.paj1`…`gp.paj40` (every start). */
  gpAccounts: Array<{ kring: string; first: string; last: string; count: number }>;
  /** Demo GP accounts on duty at this moment, a few per kring, with their duty in the note. */
  onDuty: DemoAccount[];
  password: string;
}

class Http {
  private token = '';
  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<void> {
    const res = await this.call<{ accessToken: string }>('POST', '/api/auth/login', { username, password });
    this.token = res.accessToken;
  }

  async call<T>(method: string, path: string, body?: unknown, okStatuses: number[] = []): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok && !okStatuses.includes(res.status))
      throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

function brusselsToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
}

/** Every duty of a kring, 24/7: dagwacht on weekdays, weeknights, the weekend split at Sunday 08:00, holidays. */
function templatesFor(zoneId: string) {
  const base = { zoneId, requires: [] as string[] };
  return [
    {
      ...base,
      kind: 'dagwacht',
      startTime: '08:00',
      endTime: '19:00',
      endDayOffset: 0,
      days: [1, 2, 3, 4, 5],
      onHoliday: 'skip',
      need: { first: 1 },
      weight: 1,
    },
    {
      ...base,
      kind: 'wachtpost',
      startTime: '19:00',
      endTime: '08:00',
      endDayOffset: 1,
      days: [1, 2, 3, 4],
      onHoliday: 'as_usual',
      need: { first: 1 },
      weight: 1.5,
    },
    {
      ...base,
      kind: 'wachtpost',
      startTime: '19:00',
      endTime: '08:00',
      endDayOffset: 2,
      days: [5],
      onHoliday: 'as_usual',
      need: { first: 1, backup: 1 },
      weight: 2,
    },
    {
      ...base,
      kind: 'wachtpost',
      startTime: '08:00',
      endTime: '08:00',
      endDayOffset: 1,
      days: [7],
      onHoliday: 'as_usual',
      need: { first: 1, backup: 1 },
      weight: 2,
    },
    {
      ...base,
      kind: 'wachtpost',
      startTime: '08:00',
      endTime: '19:00',
      endDayOffset: 0,
      days: [],
      onHoliday: 'only',
      need: { first: 1 },
      weight: 2,
    },
  ];
}

interface Gp {
  id: string;
  name: string;
  riziv: string;
}

interface RosterDetail {
  shifts: Array<{ id: string; zoneId: string; kind: string; startsAt: string; endsAt: string }>;
  assignments: Array<{ shiftId: string; gpId: string; role: string }>;
}

interface AccountRow {
  username: string;
  role: string;
  gpId?: string | null;
}

/** The short kring code in GP usernames: gp.paj1, gp.noo1, gp.zen1. */
const shortOf = (k: KringSeed) => k.id.slice(0, 3);

/**
 * A demo GP's name, unique over the whole demo (so a name on screen points at one account):
 * deterministic draws from the name lists, drawing again on a name already given.
 */
function uniqueName(random: () => number, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const first = FIRST[Math.floor(random() * FIRST.length)];
    const last = LAST[Math.floor(random() * LAST.length)];
    const name = `Dr. ${first} ${last}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
    if (attempt > 10_000) throw new Error('demo names: lists too short');
  }
}

/**
 * Every demo GP has an account: `gp.<kring><n>`, n her place in the order the GPs were made (the
 * RIZIV numbers are issued in that order). A GP with an account keeps it; a database seeded by an
 * older demo (accounts only for the GPs on duty then) gets the missing ones.
 */
async function ensureGpAccounts(
  http: Http,
  k: KringSeed,
  gps: Gp[],
): Promise<{ byGp: Map<string, string>; first: string; last: string }> {
  const existing = await http.call<AccountRow[]>('GET', '/api/accounts?role=gp');
  const byGp = new Map(existing.filter((a) => a.gpId).map((a) => [a.gpId as string, a.username]));
  const taken = new Set(existing.map((a) => a.username.toLowerCase()));
  const ordered = [...gps].sort((a, b) => a.riziv.localeCompare(b.riziv));
  for (const [i, g] of ordered.entries()) {
    if (byGp.has(g.id)) continue;
    let username = `gp.${shortOf(k)}${i + 1}`;
    if (taken.has(username)) username = `${username}-${g.riziv.slice(1, 6)}`;
    await http.call(
      'POST',
      '/api/accounts',
      { username, password: DEMO_PASSWORD, role: 'gp', displayName: g.name, gpId: g.id, kringId: k.id },
      [409],
    );
    taken.add(username);
    byGp.set(g.id, username);
  }
  return {
    byGp,
    first: `gp.${shortOf(k)}1`,
    last: `gp.${shortOf(k)}${ordered.length}`,
  };
}

const HOUR = new Intl.DateTimeFormat('nl-BE', {
  timeZone: 'Europe/Brussels',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** The kring's GPs on duty at `now` in its published rosters, first role first. */
async function onDutyNow(
  http: Http,
  k: KringSeed,
  gps: Gp[],
  usernames: Map<string, string>,
  now: number,
  perKring: number,
): Promise<DemoAccount[]> {
  const rosters = await http.call<Array<{ id: string; status: string; periodEnd: string }>>(
    'GET',
    `/api/roster/kringen/${k.id}/rosters`,
  );
  const yesterday = addDays(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(now),
    -1,
  );
  const found: Array<DemoAccount & { rank: number }> = [];
  for (const r of rosters.filter((x) => x.status === 'published' && x.periodEnd >= yesterday)) {
    const detail = await http.call<RosterDetail>('GET', `/api/roster/rosters/${r.id}`);
    const shifts = new Map(detail.shifts.map((s) => [s.id, s]));
    for (const a of detail.assignments) {
      const s = shifts.get(a.shiftId);
      const username = usernames.get(a.gpId);
      if (!s || !username || Date.parse(s.startsAt) > now || Date.parse(s.endsAt) <= now) continue;
      found.push({
        username,
        role: 'gp',
        displayName: gps.find((g) => g.id === a.gpId)?.name ?? a.gpId,
        note: `${k.name}: ${s.kind} ${s.zoneId}, ${a.role}, until ${HOUR.format(new Date(s.endsAt))}`,
        rank: a.role === 'first' ? 0 : 1,
      });
    }
  }
  return found
    .sort((a, b) => a.rank - b.rank || a.note!.localeCompare(b.note!))
    .slice(0, perKring)
    .map(({ rank: _rank, ...account }) => account);
}

/** What every start says: the desk accounts, the GP account ranges, who is on duty now. */
async function demoAccounts(
  http: Http,
  kringen: KringSeed[],
  opts: SeedOptions,
): Promise<Omit<SeedResult, 'seeded' | 'password'>> {
  const accounts: DemoAccount[] = [];
  const gpAccounts: SeedResult['gpAccounts'] = [];
  const onDuty: DemoAccount[] = [];
  const now = opts.now ?? Date.now();
  for (const k of kringen) {
    const gps = await http.call<Gp[]>('GET', `/api/roster/kringen/${k.id}/gps`);
    const { byGp, first, last } = await ensureGpAccounts(http, k, gps);
    accounts.push(
      { username: `dispatcher.${k.id}`, role: 'dispatcher', displayName: dispatcherName(k) },
      { username: `planner.${k.id}`, role: 'planner', displayName: `Planner ${k.name}` },
    );
    gpAccounts.push({ kring: k.name, first, last, count: gps.length });
    onDuty.push(...(await onDutyNow(http, k, gps, byGp, now, opts.onDutyPerKring ?? 4)));
  }
  return { accounts, gpAccounts, onDuty };
}

const dispatcherName = (k: KringSeed) =>
  `Dispatcher ${k.wachtpost.name.split('(')[1]?.replace(')', '') ?? k.name}`;

async function solveAndPublish(http: Http, rosterId: string, seconds: number, name: string): Promise<void> {
  const run = await http.call<{ id: string }>('POST', `/api/roster/rosters/${rosterId}/solve`, {
    timeLimitSeconds: seconds,
  });
  for (;;) {
    const state = await http.call<{ status: string }>('GET', `/api/roster/solve-runs/${run.id}`);
    if (state.status === 'done') break;
    if (state.status === 'failed' || state.status === 'cancelled')
      throw new Error(`${name}: solving ${state.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  await http.call('POST', `/api/roster/rosters/${rosterId}/publish`, {});
}

/**
 * A demo started again weeks later still has GPs on duty: when a demo kring's rosters end within
 * two weeks, the next four weeks are rostered and published.
 */
async function extendRosters(http: Http, kringen: typeof KRINGEN, opts: SeedOptions): Promise<void> {
  const today = opts.today ?? brusselsToday();
  for (const k of kringen) {
    const rosters = await http.call<Array<{ periodEnd: string }>>(
      'GET',
      `/api/roster/kringen/${k.id}/rosters`,
    );
    const lastEnd =
      rosters
        .map((r) => r.periodEnd)
        .sort()
        .pop() ?? addDays(today, -1);
    if (lastEnd >= addDays(today, 14)) continue;
    const from = lastEnd < today ? today : addDays(lastEnd, 1);
    opts.log?.(`${k.name}: roster ${from} to ${addDays(today, 27)}, solving`);
    const roster = await http.call<{ id: string }>('POST', `/api/roster/kringen/${k.id}/rosters`, {
      from,
      to: addDays(today, 27),
    });
    await solveAndPublish(http, roster.id, opts.solveSeconds ?? 20, k.name);
  }
}

/**
 * Seeds when the demo kringen are not there yet; otherwise extends their rosters when they run
 * out. Either way every demo GP has an account, and the result lists the accounts and the demo
 * GPs on duty at this moment.
 */
export async function seedDemo(opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => undefined);
  const http = new Http(opts.baseUrl);
  await http.login(opts.adminUsername, opts.adminPassword);
  const kringen = KRINGEN.filter((k) => !opts.kringen || opts.kringen.includes(k.id));
  const existing = await http.call<{ id?: string }>(
    'GET',
    `/api/roster/kringen/${kringen[0].id}`,
    undefined,
    [404],
  );
  if (existing?.id) {
    await extendRosters(http, kringen, opts);
    return { seeded: false, ...(await demoAccounts(http, kringen, opts)), password: DEMO_PASSWORD };
  }

  const createAccount = (a: DemoAccount & { wachtpostId?: string; kringId?: string }) =>
    http.call('POST', '/api/accounts', { ...a, note: undefined, password: DEMO_PASSWORD }, [409]);
  const today = opts.today ?? brusselsToday();
  const perKring = opts.gpsPerKring ?? 40;
  let sequence = 10000;
  const usedNames = new Set<string>();

  for (const [ki, k] of kringen.entries()) {
    log(`${k.name}: kring, wachtpost, zones`);
    await http.call('POST', '/api/roster/kringen', { id: k.id, name: k.name });
    await http.call('POST', `/api/roster/kringen/${k.id}/wachtposten`, k.wachtpost);
    // Zones first, then their overflow to each other (an overflow zone must exist).
    for (const overflow of [false, true]) {
      for (const z of k.zones) {
        await http.call('PUT', `/api/roster/kringen/${k.id}/zones/${z.id}`, {
          wachtpostId: k.wachtpost.id,
          name: z.name,
          postcodes: z.postcodes,
          overflowZoneIds: overflow ? k.zones.filter((o) => o.id !== z.id).map((o) => o.id) : [],
        });
      }
    }

    log(`${k.name}: ${perKring} GPs`);
    const random = rng(ki + 7);
    const year = Number(today.slice(0, 4));
    for (let i = 0; i < perKring; i++) {
      const zone = k.zones[i % k.zones.length];
      const name = uniqueName(random, usedNames);
      const languages = ['nl', ...(random() < k.french ? ['fr'] : []), ...(random() < 0.15 ? ['en'] : [])];
      const birthYear = 1958 + Math.floor(random() * 38);
      const exemptions: Array<{ reason: string; from: string; to: string }> = [];
      if (i % 17 === 5)
        exemptions.push({ reason: 'childbirth', from: addDays(today, -60), to: addDays(today, 120) });
      if (i % 23 === 9)
        exemptions.push({ reason: 'health', from: addDays(today, 10), to: addDays(today, 40) });
      await http.call<Gp>('POST', `/api/roster/kringen/${k.id}/gps`, {
        riziv: rizivFrom(sequence++),
        name,
        languages,
        practicePostcode: zone.postcodes[Math.floor(random() * zone.postcodes.length)],
        participationFactor: i % 9 === 4 ? 0.5 : 1,
        birthYear: Math.min(birthYear, year - 28),
        capabilities: i % 6 === 0 ? ['home_visits', 'supervisor'] : ['home_visits'],
        exemptions,
      });
    }

    log(`${k.name}: templates`);
    for (const z of k.zones) {
      for (const template of templatesFor(z.id)) {
        await http.call('POST', `/api/roster/kringen/${k.id}/templates`, template);
      }
    }

    log(`${k.name}: roster, solving`);
    const roster = await http.call<{ id: string }>('POST', `/api/roster/kringen/${k.id}/rosters`, {
      from: addDays(today, -(opts.daysBefore ?? 3)),
      to: addDays(today, opts.daysAfter ?? 27),
    });
    await solveAndPublish(http, roster.id, opts.solveSeconds ?? 20, k.name);
    log(`${k.name}: roster published`);

    await createAccount({
      username: `dispatcher.${k.id}`,
      role: 'dispatcher',
      displayName: dispatcherName(k),
      wachtpostId: k.wachtpost.id,
      kringId: k.id,
    });
    await createAccount({
      username: `planner.${k.id}`,
      role: 'planner',
      displayName: `Planner ${k.name}`,
      kringId: k.id,
    });
  }
  log('accounts for every demo GP');
  return { seeded: true, ...(await demoAccounts(http, kringen, opts)), password: DEMO_PASSWORD };
}

/** The lines a start prints: desk accounts, GP accounts, and the demo GPs on duty right now. */
export function describeDemo(r: SeedResult, admin: { username: string; password: string }): string[] {
  const pad = (a: DemoAccount) => `  ${a.username.padEnd(26)} ${a.role.padEnd(11)} ${a.displayName}`;
  // A configured admin password stays out of the log.
  const adminPassword = admin.password === r.password ? r.password : 'the ADMIN_PASSWORD you set';
  return [
    `Demo accounts (password for all: ${r.password}; admin: ${admin.username} / ${adminPassword}):`,
    ...r.accounts.map(pad),
    ...r.gpAccounts.map(
      (g) => `  ${`${g.first} … ${g.last}`.padEnd(26)} ${'gp'.padEnd(11)} ${g.count} GPs of ${g.kring}`,
    ),
    r.onDuty.length
      ? 'Demo GPs on duty now (log in on a phone to get the offers):'
      : 'No demo GP is on duty now (the rosters do not cover this moment).',
    ...r.onDuty.map((a) => `${pad(a)} (${a.note})`),
  ];
}

if (require.main === module) {
  const admin = {
    username: process.env.ADMIN_USERNAME ?? 'admin',
    password: process.env.ADMIN_PASSWORD || DEMO_PASSWORD,
  };
  seedDemo({
    baseUrl: process.argv[2] ?? `http://localhost:${process.env.GATEWAY_PORT ?? '3000'}`,
    adminUsername: admin.username,
    adminPassword: admin.password,
    log: (line) => console.log(line),
  })
    .then((r) => {
      if (!r.seeded) console.log('Demo data is already there.');
      for (const line of describeDemo(r, admin)) console.log(line);
    })
    .catch((e: Error) => {
      console.error(e.message);
      process.exit(1);
    });
}
