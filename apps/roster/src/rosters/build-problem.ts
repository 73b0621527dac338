import { DateTime } from 'luxon';
import { ZONE } from '@permanentie/domain';
import { Gp, GpPreference } from '../gps/gp.entity';
import { ageFactor } from '../gps/gp.rules';
import { KringSettings } from '../kringen/kring.entity';
import { KringAssignment, KringProblem, KringShift } from '../solver/kring-problem';
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
function availableFraction(gp: Gp, from: string, to: string): number {
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
  /** Christmas/New Year's Eve shifts each GP had last year. */
  lastYear: { gpId: string; tags: string[] }[];
}

/** Turns the kring's stored state into the solver's problem. Pure. */
export function buildKringProblem(input: ProblemInput): KringProblem {
  const { settings, from, to } = input;
  const shifts = input.shifts.map(toKringShift);
  const lockedGps = new Set(input.locked.map((a) => a.gpId));
  const shares = new Map(input.gps.map((g) => [g.id, shareOf(g, settings, from, to)]));
  const gps = input.gps.filter((g) => g.active && ((shares.get(g.id) ?? 0) > 0 || lockedGps.has(g.id)));
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
    gps: gps.map((gp) => {
      const prefs = input.preferences.filter((p) => p.gpId === gp.id);
      const unavailable = [
        ...gp.exemptions.map((e) => ({ from: e.from, to: e.to })),
        ...prefs.filter((p) => p.kind === 'unavailable').map((p) => ({ from: p.fromDate, to: p.toDate })),
      ].map((p) => ({ start: localDay(p.from).toISO()!, end: localDay(p.to).plus({ days: 1 }).toISO()! }));
      const wishes = prefs
        .filter((p) => p.kind !== 'unavailable')
        .flatMap((p) =>
          shifts
            .filter((s) => {
              const day = s.start.slice(0, 10);
              return p.fromDate <= day && day <= p.toDate && (!p.dutyKind || p.dutyKind === s.kind);
            })
            .map((s) => ({ shiftId: s.id, want: p.kind === 'want', weight: 1 })),
        );
      const carried = input.earlier.filter((e) => e.gpId === gp.id).reduce((s, e) => s + weightedHours(e), 0);
      const share = shares.get(gp.id)!;
      return {
        id: gp.id,
        share,
        capabilities: gp.capabilities,
        unavailable,
        wishes,
        carriedOver: carried - (earlierTotal * share) / totalShare,
        lastYearTags: [
          ...new Set(
            input.lastYear
              .filter((l) => l.gpId === gp.id)
              .flatMap((l) => l.tags.filter((t) => EVE_TAGS.includes(t))),
          ),
        ],
      };
    }),
  };
}
