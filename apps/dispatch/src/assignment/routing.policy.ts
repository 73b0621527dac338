import { DateTime } from 'luxon';
import { Channel, Disposition, DutyKind, DutyRole, Language, Urgency } from '@permanentie/contracts';
import { belgianHolidays, distanceKm, ZONE } from '@permanentie/domain';

/**
 * The routing policy: which GP on duty gets a case now. Pure: everything it needs is passed in,
 * so every rule is unit-tested without a database. See docs/dispatch.md.
 */

export interface RoutingCase {
  /** Breaks ties between equal GPs, stable per case (spreads simultaneous cases over GPs). */
  caseId?: string;
  urgency: Exclude<Urgency, 'U1'>;
  channel: Channel;
  disposition: Disposition;
  language: Language;
  postcode: string;
  /** The zone triage placed the case in (null: postcode in no zone of the wachtpost). */
  zoneId: string | null;
}

export interface ZoneView {
  zoneId: string;
  wachtpostId: string;
  postcodes: string[];
  overflowZoneIds: string[];
  active: boolean;
}

export interface DutyView {
  gpId: string;
  zoneId: string;
  dutyKind: DutyKind;
  role: DutyRole;
  startsAt: DateTime;
  endsAt: DateTime;
}

export interface GpView {
  gpId: string;
  languages: Language[];
  practicePostcode: string;
  active: boolean;
}

export interface RoutingWorld {
  now: DateTime;
  zones: Map<string, ZoneView>;
  /** Duties of the zones concerned; those not covering `now` are ignored here. */
  duties: DutyView[];
  gps: Map<string, GpView>;
  /** Open offers + held cases per GP. */
  load: Map<string, number>;
  maxOpenCases: number;
  /** GPs who declined or let this case expire: never asked again for it. */
  refused: Set<string>;
  officeHours: { start: number; end: number };
}

export type AlarmCode = 'no_gp_on_duty' | 'all_declined' | 'all_full' | 'chain_exhausted';

export type RoutingDecision =
  | { kind: 'no_gp_needed' }
  | {
      kind: 'offer';
      gpId: string;
      zoneId: string;
      role: DutyRole;
      /** The next best GPs of the same role and zone, in order. */
      alternatives: string[];
      /** Set when the case left its own zone along the overflow chain. */
      rerouted: { fromZoneId: string | null; toZoneId: string; reasonCode: string } | null;
    }
  | { kind: 'alarm'; reasonCode: AlarmCode; zoneId: string | null; supervisorGpId: string | null };

/** U5 advice and referrals to the own GP end at the phone: no GP on duty has to take them. */
export function needsGp(c: Pick<RoutingCase, 'urgency' | 'disposition'>): boolean {
  return !(c.disposition === 'phone_advice' || c.disposition === 'referral_own_gp');
}

export function isOfficeHours(now: DateTime, hours: { start: number; end: number }): boolean {
  const local = now.setZone(ZONE);
  if (local.weekday > 5) return false;
  const date = local.toISODate();
  if (belgianHolidays(local.year).some((h) => h.date === date)) return false;
  const hour = local.hour + local.minute / 60;
  return hour >= hours.start && hour < hours.end;
}

/**
 * Duty kinds that take a case, in order of preference: the noodpunt for walk-ins, the overflow
 * doctor for practice overflow, else the dagwacht in office hours and the wachtpost/weekwacht
 * out of hours. In office hours the wachtpost duties are the fallback (a holiday or a bridge day
 * the roster covers with wachtpost duties).
 */
export function dutyKindsFor(
  channel: Channel,
  now: DateTime,
  hours: { start: number; end: number },
): DutyKind[][] {
  if (channel === 'noodpunt_walk_in') return [['noodpunt']];
  if (channel === 'practice_overflow') return [['overflow']];
  if (isOfficeHours(now, hours)) return [['dagwacht'], ['wachtpost', 'weekwacht']];
  return [['wachtpost', 'weekwacht']];
}

const covers = (d: DutyView, now: DateTime) => d.startsAt <= now && now < d.endsAt;

/** The zone of a case: triage's, or the first active zone listing its postcode. */
export function zoneOf(c: RoutingCase, zones: Map<string, ZoneView>, wachtpostId: string): string | null {
  if (c.zoneId) return c.zoneId;
  for (const z of zones.values()) {
    if (z.active && z.wachtpostId === wachtpostId && z.postcodes.includes(c.postcode)) return z.zoneId;
  }
  return null;
}

/** Duties covering now in a zone for the first matching duty-kind group. */
function dutiesOnCall(world: RoutingWorld, zoneId: string, kinds: DutyKind[][]): DutyView[] {
  const inZone = world.duties.filter(
    (d) => d.zoneId === zoneId && covers(d, world.now) && world.gps.get(d.gpId)?.active !== false,
  );
  for (const group of kinds) {
    const found = inZone.filter((d) => group.includes(d.dutyKind));
    if (found.some((d) => d.role !== 'supervisor')) return found;
  }
  return [];
}

/** Orders the candidates of one role: language, then load, then travel for home visits. */
export function rankCandidates(c: RoutingCase, gpIds: string[], world: RoutingWorld): string[] {
  const homeVisit = c.disposition === 'home_visit_planned' || c.disposition === 'home_visit_priority';
  const key = (gpId: string) => {
    const gp = world.gps.get(gpId);
    const language = gp?.languages.includes(c.language) ? 0 : 1;
    const load = world.load.get(gpId) ?? 0;
    const km = homeVisit && gp ? (distanceKm(gp.practicePostcode, c.postcode) ?? 999) : 0;
    return [language, load, km] as const;
  };
  return [...new Set(gpIds)]
    .map((gpId) => ({ gpId, k: key(gpId) }))
    .sort(
      (a, b) =>
        a.k[0] - b.k[0] ||
        a.k[1] - b.k[1] ||
        a.k[2] - b.k[2] ||
        tie(c.caseId, a.gpId) - tie(c.caseId, b.gpId) ||
        a.gpId.localeCompare(b.gpId),
    )
    .map((x) => x.gpId);
}

/** A small stable hash of case and GP (FNV-1a): equal GPs take turns across cases. */
function tie(caseId: string | undefined, gpId: string): number {
  if (!caseId) return 0;
  let h = 0x811c9dc5;
  for (const ch of `${caseId}|${gpId}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

export function decideRouting(c: RoutingCase, wachtpostId: string, world: RoutingWorld): RoutingDecision {
  if (!needsGp(c)) return { kind: 'no_gp_needed' };
  const kinds = dutyKindsFor(c.channel, world.now, world.officeHours);
  const home = zoneOf(c, world.zones, wachtpostId);
  const supervisorIn = (zoneId: string | null): string | null => {
    if (!zoneId) return null;
    const sup = world.duties.find(
      (d) => d.zoneId === zoneId && d.role === 'supervisor' && covers(d, world.now),
    );
    return sup?.gpId ?? null;
  };
  if (!home) return { kind: 'alarm', reasonCode: 'no_gp_on_duty', zoneId: null, supervisorGpId: null };

  // The zone itself, then its overflow chain in order, until a zone has someone on duty.
  const chain = [home, ...(world.zones.get(home)?.overflowZoneIds ?? []).filter((z) => z !== home)];
  for (const zoneId of chain) {
    const zone = world.zones.get(zoneId);
    if (zoneId !== home && zone && !zone.active) continue;
    const onCall = dutiesOnCall(world, zoneId, kinds);
    if (onCall.length === 0) continue;
    let someoneWilling = false;
    for (const role of ['first', 'backup'] as const) {
      const ids = onCall.filter((d) => d.role === role).map((d) => d.gpId);
      const willing = ids.filter((id) => !world.refused.has(id));
      const free = willing.filter((id) => (world.load.get(id) ?? 0) < world.maxOpenCases);
      if (free.length > 0) {
        const ranked = rankCandidates(c, free, world);
        const gpId = ranked[0];
        const rerouted =
          zoneId === home ? null : { fromZoneId: home, toZoneId: zoneId, reasonCode: 'no_gp_on_duty' };
        return { kind: 'offer', gpId, zoneId, role, rerouted, alternatives: ranked.slice(1) };
      }
      if (willing.length > 0) someoneWilling = true;
    }
    // Someone is on duty here but nobody can take it: the zone's dispatchers must act.
    return {
      kind: 'alarm',
      reasonCode: someoneWilling ? 'all_full' : 'all_declined',
      zoneId,
      supervisorGpId: supervisorIn(zoneId) ?? supervisorIn(home),
    };
  }
  return {
    kind: 'alarm',
    reasonCode: chain.length > 1 ? 'chain_exhausted' : 'no_gp_on_duty',
    zoneId: home,
    supervisorGpId: supervisorIn(home),
  };
}

const URGENCY_RANK: Record<string, number> = { U2: 0, U3: 1, U4: 2, U5: 3 };

/** Queue order: U2 before U3 before U4 (U5 last); within a level the earliest due time first. */
export function compareQueue(
  a: { urgency: string; dueAt: DateTime | string },
  b: { urgency: string; dueAt: DateTime | string },
): number {
  const due = (x: DateTime | string) =>
    typeof x === 'string' ? DateTime.fromISO(x).toMillis() : x.toMillis();
  return (URGENCY_RANK[a.urgency] ?? 9) - (URGENCY_RANK[b.urgency] ?? 9) || due(a.dueAt) - due(b.dueAt);
}
