/**
 * Belgian public holidays. Pure: dates are local calendar dates (YYYY-MM-DD), no time zone.
 * The ten legal holidays apply everywhere; the community holidays only where the kring says so.
 */
import type { CommunityHoliday } from '@permanentie/contracts';

export { COMMUNITY_HOLIDAYS, type CommunityHoliday } from '@permanentie/contracts';

export interface Holiday {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Code, translated by screens: 'new_year', 'easter_monday', ... */
  code: string;
}

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Adds days to a civil date (UTC arithmetic on a date has no DST). */
function plusDays(y: number, m: number, d: number, days: number): string {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The legal holidays of a year plus the chosen community holidays, sorted by date. */
export function belgianHolidays(year: number, communities: readonly CommunityHoliday[] = []): Holiday[] {
  const [, em, ed] = easterSunday(year).split('-').map(Number);
  const list: Holiday[] = [
    { date: iso(year, 1, 1), code: 'new_year' },
    { date: plusDays(year, em, ed, 1), code: 'easter_monday' },
    { date: iso(year, 5, 1), code: 'labour_day' },
    { date: plusDays(year, em, ed, 39), code: 'ascension' },
    { date: plusDays(year, em, ed, 50), code: 'whit_monday' },
    { date: iso(year, 7, 21), code: 'national_day' },
    { date: iso(year, 8, 15), code: 'assumption' },
    { date: iso(year, 11, 1), code: 'all_saints' },
    { date: iso(year, 11, 11), code: 'armistice' },
    { date: iso(year, 12, 25), code: 'christmas' },
  ];
  if (communities.includes('flemish')) list.push({ date: iso(year, 7, 11), code: 'flemish_community' });
  if (communities.includes('french')) list.push({ date: iso(year, 9, 27), code: 'french_community' });
  if (communities.includes('german')) list.push({ date: iso(year, 11, 15), code: 'german_community' });
  return list.sort((x, y) => x.date.localeCompare(y.date));
}

/** Holidays whose date lies in [from, to] (inclusive, YYYY-MM-DD). */
export function holidaysBetween(
  from: string,
  to: string,
  communities: readonly CommunityHoliday[] = [],
): Holiday[] {
  const out: Holiday[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const h of belgianHolidays(y, communities)) if (h.date >= from && h.date <= to) out.push(h);
  }
  return out;
}
