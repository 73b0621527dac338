import { DateTime } from 'luxon';
import { ZONE } from '@permanentie/domain';
import { Gp, GpPreference } from '../gps/gp.entity';
import { ageFactor } from '../gps/gp.rules';
import { KringSettings } from '../kringen/kring.entity';
import { KringAssignment, KringCommitment, KringGp, KringProblem, KringShift } from '../solver/kring-problem';
import { Shift } from './roster.entity';

const EVE_TAGS = ['christmas_eve', 'new_years_eve'];

/** A stored shift as the solver sees it. */
export function toKringShift(s: Shift): KringShift {
  return {
    id: s.id,
    kind: s.kind,
    zoneId: s.zoneId,
    start: DateTime.fromJSDate(s.startsAt, { zone: ZONE }).toISO()!,
    end: DateTime.fromJSDate(s.endsAt, { zone: ZONE }).toISO()!,
    minutes: s.minutes,
    weight: s.weight,
    need: s.need,
    requires: s.requires,
    tags: s.tags,
  };
}

/** Weighted hours of a shift: real hours times the template's weight. */
export const weightedHours = (s: { minutes: number; weight: number }) => (s.minutes / 60) * s.weight;

const localDay = (date: string) => DateTime.fromISO(date, { zone: ZONE }).startOf('day');

/** Days of [from, to] (inclusive) that fall outside every exemption. */
export function availableFraction(gp: Gp, from: string, to: string): number {
  const total = localDay(to).diff(localDay(from), 'days').days + 1;
  let exempt = 0;
  for (let d = localDay(from); d <= localDay(to); d = d.plus({ days: 1 })) {
    const iso = d.toISODate()!;
    if (gp.exemptions.some((e) => e.from <= iso && iso <= e.to)) exempt++;
  }
  return (total - exempt) / total;
}

/**
 * A GP's share of the period's load: participation factor x age rule x the part of the period she
 * is not exempted. Unavailability does not lower the share: she makes up for it elsewhere.
 */
export function shareOf(gp: Gp, settings: KringSettings, from: string, to: string): number {
  return (
    gp.participationFactor *
    ageFactor(gp.birthYear, Number(from.slice(0, 4)), settings) *
    availableFraction(gp, from, to)
  );
}

/**
 * Why a GP takes no part in the period (inactive, share 0 by age, participation or exemptions),
 * "code: text"; null when she does.
 */
export function absenceReason(gp: Gp, settings: KringSettings, from: string, to: string): string | null {
  if (!gp.active) return 'inactive: de huisarts is niet actief';
  const year = Number(from.slice(0, 4));
  if (ageFactor(gp.birthYear, year, settings) === 0)
    return `no_share: ${year - gp.birthYear} jaar in ${year}, geen wachtdienst vanaf ${settings.ageNoneFrom} jaar`;
  if (gp.participationFactor <= 0) return 'no_share: participatiefactor 0';
  if (availableFraction(gp, from, to) === 0) {
    const reasons = [
      ...new Set(gp.exemptions.filter((e) => e.from <= to && from <= e.to).map((e) => e.reason)),
    ];
    return `no_share: vrijgesteld (${reasons.join(', ')}) over de hele periode ${from} - ${to}`;
  }
  return null;
}

/** A GP's wishes (want / avoid) as the shifts they name: one per shift starting on those days (and of that kind). */
export function wishesFor(prefs: GpPreference[], shifts: KringShift[]): KringGp['wishes'] {
  return prefs
    .filter((p) => p.kind !== 'unavailable')
    .flatMap((p) =>
      shifts
        .filter((s) => {
          const day = s.start.slice(0, 10); // local date: starts are Europe/Brussels ISO
          return p.fromDate <= day && day <= p.toDate && (!p.dutyKind || p.dutyKind === s.kind);
        })
        .map((s) => ({ shiftId: s.id, want: p.kind === 'want', weight: 1 })),
    );
}

export interface ProblemInput {
  settings: KringSettings;
  from: string;
  to: string;
  shifts: Shift[];
  gps: Gp[];
  preferences: GpPreference[];
  locked: KringAssignment[];
  /** Published load earlier this year: shift minutes and weight per GP. */
  earlier: { gpId: string; minutes: number; weight: number }[];
  /** Christmas/New Year's Eve shifts each GP had in earlier years (`year`: local year of the start). */
  earlierEves: { gpId: string; tags: string[]; year: number }[];
  /** Her shifts in the kring's other rosters near this period (rest, weekly maximum). */
  elsewhere?: KringCommitment[];
}

/** Turns the kring's stored state into the solver's problem. Pure. */
export function buildKringProblem(input: ProblemInput): KringProblem {
  const { settings, from, to } = input;
  const shifts = input.shifts.map(toKringShift);
  const lockedGps = new Set(input.locked.map((a) => a.gpId));
  const shares = new Map(input.gps.map((g) => [g.id, shareOf(g, settings, from, to)]));
  const gps = input.gps.filter((g) => g.active && ((shares.get(g.id) ?? 0) > 0 || lockedGps.has(g.id)));
  const taking = new Set(gps.map((g) => g.id));
  const periodYear = Number(from.slice(0, 4));
  const totalShare = gps.reduce((s, g) => s + shares.get(g.id)!, 0) || 1;
  const earlierTotal = input.earlier.reduce((s, e) => s + weightedHours(e), 0);
  return {
    shifts,
    rules: {
      minRestHours: settings.minRestHours,
      maxShiftsPerWeek: settings.maxShiftsPerWeek,
      weights: settings.weights,
    },
    locked: input.locked,
    elsewhere: (input.elsewhere ?? []).filter((c) => taking.has(c.gpId)),
    absent: input.gps
      .filter((g) => !taking.has(g.id))
      .map((g) => ({
        gpId: g.id,
        reason: absenceReason(g, settings, from, to) ?? 'no_share: geen aandeel in deze periode',
      })),
    gps: gps.map((gp) => {
      const prefs = input.preferences.filter((p) => p.gpId === gp.id);
      const unavailable = [
        ...gp.exemptions.map((e) => ({ from: e.from, to: e.to })),
        ...prefs.filter((p) => p.kind === 'unavailable').map((p) => ({ from: p.fromDate, to: p.toDate })),
      ].map((p) => ({ start: localDay(p.from).toISO()!, end: localDay(p.to).plus({ days: 1 }).toISO()! }));
      const wishes = wishesFor(prefs, shifts);
      const carried = input.earlier.filter((e) => e.gpId === gp.id).reduce((s, e) => s + weightedHours(e), 0);
      const share = shares.get(gp.id)!;
      return {
        id: gp.id,
        share,
        capabilities: gp.capabilities,
        unavailable,
        wishes,
        carriedOver: carried - (earlierTotal * share) / totalShare,
        eveHistory: [
          ...new Map(
            input.earlierEves
              .filter((l) => l.gpId === gp.id && l.year < periodYear)
              .flatMap((l) =>
                l.tags
                  .filter((t) => EVE_TAGS.includes(t))
                  .map((tag) => ({ tag, yearsAgo: periodYear - l.year })),
              )
              .map((h) => [`${h.tag}/${h.yearsAgo}`, h] as const),
          ).values(),
        ],
      };
    }),
  };
}
