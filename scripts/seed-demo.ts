/**
 * Demo data through the real HTTP APIs (as an admin, via the gateway), so it takes the same paths
 * as a planner would: the three kringen of the Vlaamse Rand with their real postcodes, about 40
 * GPs each with languages, part-time work and exemptions, duty templates, a published roster
 * around today, and demo accounts. Run by `npm start` on an empty database; also usable alone:
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
 * Postcodes checked against data/be-postcodes.csv (bpost). Bever is Biévène (1547),
 * Sint-Genesius-Rode is Rhode-Saint-Genèse (1640) in that list.
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
  accounts: DemoAccount[];
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
}

interface RosterDetail {
  shifts: Array<{ id: string; zoneId: string; startsAt: string; endsAt: string }>;
  assignments: Array<{ shiftId: string; gpId: string; role: string }>;
}

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
 * Seeds when the demo kringen are not there yet and returns the demo accounts; otherwise only
 * extends their rosters when they run out.
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
    return { seeded: false, accounts: [], password: DEMO_PASSWORD };
  }

  const accounts: DemoAccount[] = [];
  const createAccount = async (
    a: DemoAccount & { wachtpostId?: string; kringId?: string; gpId?: string },
  ) => {
    await http.call('POST', '/api/accounts', { ...a, note: undefined, password: DEMO_PASSWORD }, [409]);
    accounts.push({ username: a.username, role: a.role, displayName: a.displayName, note: a.note });
  };
  const today = opts.today ?? brusselsToday();
  const perKring = opts.gpsPerKring ?? 40;
  let sequence = 10000;

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
    const gps: Gp[] = [];
    const year = Number(today.slice(0, 4));
    for (let i = 0; i < perKring; i++) {
      const zone = k.zones[i % k.zones.length];
      const first = FIRST[Math.floor(random() * FIRST.length)];
      const last = LAST[Math.floor(random() * LAST.length)];
      const languages = ['nl', ...(random() < k.french ? ['fr'] : []), ...(random() < 0.15 ? ['en'] : [])];
      const birthYear = 1958 + Math.floor(random() * 38);
      const exemptions: Array<{ reason: string; from: string; to: string }> = [];
      if (i % 17 === 5)
        exemptions.push({ reason: 'childbirth', from: addDays(today, -60), to: addDays(today, 120) });
      if (i % 23 === 9)
        exemptions.push({ reason: 'health', from: addDays(today, 10), to: addDays(today, 40) });
      const gp = await http.call<Gp>('POST', `/api/roster/kringen/${k.id}/gps`, {
        riziv: rizivFrom(sequence++),
        name: `Dr. ${first} ${last}`,
        languages,
        practicePostcode: zone.postcodes[Math.floor(random() * zone.postcodes.length)],
        participationFactor: i % 9 === 4 ? 0.5 : 1,
        birthYear: Math.min(birthYear, year - 28),
        capabilities: i % 6 === 0 ? ['home_visits', 'supervisor'] : ['home_visits'],
        exemptions,
      });
      gps.push(gp);
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

    // Accounts: a dispatcher, a planner, and GP accounts for whoever is on duty now (and two more).
    const detail = await http.call<RosterDetail>('GET', `/api/roster/rosters/${roster.id}`);
    const now = Date.now();
    const onDutyNow = new Set(
      detail.assignments
        .filter((a) => {
          const s = detail.shifts.find((x) => x.id === a.shiftId);
          return s && Date.parse(s.startsAt) <= now && Date.parse(s.endsAt) > now;
        })
        .map((a) => a.gpId),
    );
    const short = k.id.slice(0, 3);
    await createAccount({
      username: `dispatcher.${k.id}`,
      role: 'dispatcher',
      displayName: `Dispatcher ${k.wachtpost.name.split('(')[1]?.replace(')', '') ?? k.name}`,
      wachtpostId: k.wachtpost.id,
      kringId: k.id,
    });
    await createAccount({
      username: `planner.${k.id}`,
      role: 'planner',
      displayName: `Planner ${k.name}`,
      kringId: k.id,
    });
    const gpAccounts = [
      ...gps.filter((g) => onDutyNow.has(g.id)),
      ...gps.filter((g) => !onDutyNow.has(g.id)).slice(0, 2),
    ];
    for (const [i, g] of gpAccounts.entries()) {
      await createAccount({
        username: `gp.${short}${i + 1}`,
        role: 'gp',
        displayName: g.name,
        gpId: g.id,
        kringId: k.id,
        note: onDutyNow.has(g.id) ? 'on duty now' : undefined,
      });
    }
  }
  return { seeded: true, accounts, password: DEMO_PASSWORD };
}

if (require.main === module) {
  seedDemo({
    baseUrl: process.argv[2] ?? `http://localhost:${process.env.GATEWAY_PORT ?? '3000'}`,
    adminUsername: process.env.ADMIN_USERNAME ?? 'admin',
    adminPassword: process.env.ADMIN_PASSWORD ?? DEMO_PASSWORD,
    log: (line) => console.log(line),
  })
    .then((r) => {
      if (!r.seeded) console.log('Demo data is already there.');
      for (const a of r.accounts)
        console.log(`${a.username.padEnd(28)} ${a.role.padEnd(11)} ${a.displayName}`);
    })
    .catch((e: Error) => {
      console.error(e.message);
      process.exit(1);
    });
}
