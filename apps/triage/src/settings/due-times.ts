import { DateTime } from 'luxon';
import { CommunityHoliday, Urgency } from '@permanentie/contracts';
import { belgianHolidays, ZONE } from '@permanentie/domain';

/**
 * The time targets of a wachtpost. U1..U4 and the triage of a fresh call are minutes of real
 * time from the moment the call was received (DOMAIN.md: U1 3 min to 112, U2 1 h, U3 3 h,
 * U4 24 h, triage within 20 min). U5 is advice now and the own GP at `ownGpAt` (local time) of
 * the next working day.
 */
export interface UrgencyTargets {
  triageMinutes: number;
  U1: number;
  U2: number;
  U3: number;
  U4: number;
  /** HH:mm local time on the next working day. */
  ownGpAt: string;
}

/** What due times depend on: the wachtpost's targets and the community holidays of its kring. */
export interface DueRules extends UrgencyTargets {
  communityHolidays: readonly CommunityHoliday[];
}

export const DEFAULT_TARGETS: UrgencyTargets = {
  triageMinutes: 20,
  U1: 3,
  U2: 60,
  U3: 180,
  U4: 1440,
  ownGpAt: '08:00',
};

const holidayCache = new Map<string, Set<string>>();

export function isWorkingDay(day: DateTime, communities: readonly CommunityHoliday[] = []): boolean {
  const local = day.setZone(ZONE);
  if (local.weekday >= 6) return false;
  const key = `${local.year}:${[...communities].sort().join(',')}`;
  let set = holidayCache.get(key);
  if (!set) {
    set = new Set(belgianHolidays(local.year, communities).map((h) => h.date));
    holidayCache.set(key, set);
  }
  return !set.has(local.toISODate() ?? '');
}

/**
 * The first moment at HH:mm local time on a working day (no weekend, no Belgian legal holiday,
 * none of the kring's community holidays) that lies strictly after `from`. A night call on a Tuesday at 02:00 gives Tuesday 08:00; a call
 * on Friday evening gives Monday 08:00 (Tuesday when Monday is Easter Monday).
 */
export function nextWorkingDayAt(
  from: DateTime,
  hhmm: string,
  communities: readonly CommunityHoliday[] = [],
): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number);
  let day = from.setZone(ZONE).startOf('day');
  for (let i = 0; i < 30; i++, day = day.plus({ days: 1 })) {
    if (!isWorkingDay(day, communities)) continue;
    const at = day.set({ hour, minute, second: 0, millisecond: 0 });
    if (at > from) return at;
  }
  throw new Error('no working day within 30 days');
}

/** Due time of a case of this urgency; `null` urgency means not yet triaged. Real durations. */
export function dueAt(receivedAt: DateTime, urgency: Urgency | null, targets: DueRules): DateTime {
  const from = receivedAt.setZone(ZONE);
  switch (urgency) {
    case null:
      return from.plus({ minutes: targets.triageMinutes });
    case 'U5':
      return nextWorkingDayAt(from, targets.ownGpAt, targets.communityHolidays);
    default:
      return from.plus({ minutes: targets[urgency] });
  }
}
