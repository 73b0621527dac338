import { DateTime, Interval } from 'luxon';
import { DutyKind, DutyRole } from '@permanentie/contracts';
import { Holiday, ZONE } from '@permanentie/domain';

/**
 * What happens to a template on a public holiday:
 * - as_usual: generated as on any other day;
 * - skip: not generated when it starts inside a holiday window (19:00 the evening before to 08:00
 *   the morning after); cut short when it runs into one (the holiday duty takes over);
 * - only: one shift per holiday, from startTime the evening before to endTime the morning after.
 */
export const ON_HOLIDAY = ['as_usual', 'skip', 'only'] as const;
export type OnHoliday = (typeof ON_HOLIDAY)[number];

export interface TemplateSpec {
  id: string;
  zoneId: string;
  kind: DutyKind;
  /** Local 'HH:mm'. */
  startTime: string;
  endTime: string;
  /** Days after the start day on which the shift ends: 0 same day, 1 next morning, 2 for Fri->Sun. */
  endDayOffset: number;
  /** ISO weekdays (1 = Monday .. 7 = Sunday) on which the shift starts. */
  days: number[];
  onHoliday: OnHoliday;
  need: Partial<Record<DutyRole, number>>;
  /** Fairness weight per hour. */
  weight: number;
  requires: string[];
}

export interface GeneratedShift {
  templateId: string;
  zoneId: string;
  kind: DutyKind;
  start: DateTime;
  end: DateTime;
  /** Real minutes from instants: 720 on the March DST night, 840 in October for 19:00-08:00. */
  minutes: number;
  weight: number;
  need: Partial<Record<DutyRole, number>>;
  requires: string[];
  tags: string[];
  /** Holiday code when this is a holiday duty. */
  holiday: string | null;
}

/** Holiday duty runs from this hour the evening before to HOLIDAY_END_HOUR the morning after. */
export const HOLIDAY_START_HOUR = 19;
export const HOLIDAY_END_HOUR = 8;

const at = (date: DateTime, hhmm: string): DateTime => {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour, minute },
    { zone: ZONE },
  );
};

const day = (isoDate: string) => DateTime.fromISO(isoDate, { zone: ZONE }).startOf('day');

/** The holiday window of one holiday: 19:00 the evening before to 08:00 the morning after. */
export function holidayWindow(h: Holiday): Interval {
  const d = day(h.date);
  return Interval.fromDateTimes(
    d.minus({ days: 1 }).set({ hour: HOLIDAY_START_HOUR }),
    d.plus({ days: 1 }).set({ hour: HOLIDAY_END_HOUR }),
  );
}

/** Labels the solver and the fairness report use. */
export function tagsFor(start: DateTime, end: DateTime, holiday: string | null): string[] {
  const tags = new Set<string>();
  const span = Interval.fromDateTimes(start, end);
  for (let d = start.startOf('day').minus({ days: 1 }); d < end; d = d.plus({ days: 1 })) {
    const weekendDay = Interval.fromDateTimes(d, d.plus({ days: 1 }));
    if (d.weekday >= 6 && span.overlaps(weekendDay)) tags.add('weekend');
    if (d.weekday === 5 && span.overlaps(Interval.fromDateTimes(d.set({ hour: 19 }), d.plus({ days: 1 }))))
      tags.add('weekend');
    // Diepe nacht: 23:00-08:00.
    if (span.overlaps(Interval.fromDateTimes(d.set({ hour: 23 }), d.plus({ days: 1 }).set({ hour: 8 }))))
      tags.add('night');
    const evening = Interval.fromDateTimes(d.set({ hour: 19 }), d.plus({ days: 1 }));
    if (d.month === 12 && d.day === 24 && span.overlaps(evening)) tags.add('christmas_eve');
    if (d.month === 12 && d.day === 31 && span.overlaps(evening)) tags.add('new_years_eve');
  }
  if (holiday) tags.add('holiday');
  return [...tags].sort();
}

/**
 * The shifts of a period [from, to] (local dates, inclusive; a shift belongs to the period of the
 * day it starts) from the kring's templates. All times are wall-clock times in Europe/Brussels;
 * durations are real minutes between the instants.
 */
export function generateShifts(input: {
  from: string;
  to: string;
  templates: TemplateSpec[];
  holidays: Holiday[];
}): GeneratedShift[] {
  const first = day(input.from);
  const last = day(input.to);
  const windows = input.holidays.map(holidayWindow);
  const holidayOn = new Map(input.holidays.map((h) => [h.date, h.code]));
  const out: GeneratedShift[] = [];
  const push = (t: TemplateSpec, start: DateTime, end: DateTime, holiday: string | null) => {
    if (end <= start) return;
    out.push({
      templateId: t.id,
      zoneId: t.zoneId,
      kind: t.kind,
      start,
      end,
      minutes: Math.round(end.diff(start, 'minutes').minutes),
      weight: t.weight,
      need: t.need,
      requires: t.requires,
      tags: tagsFor(start, end, holiday),
      holiday,
    });
  };
  for (let d = first; d <= last; d = d.plus({ days: 1 })) {
    for (const t of input.templates) {
      if (t.onHoliday === 'only') {
        // The holiday duty starts the evening before the holiday.
        const code = holidayOn.get(d.plus({ days: 1 }).toISODate()!);
        if (code) push(t, at(d, t.startTime), at(d.plus({ days: 2 }), t.endTime), code);
        continue;
      }
      if (!t.days.includes(d.weekday)) continue;
      const start = at(d, t.startTime);
      let end = at(d.plus({ days: t.endDayOffset }), t.endTime);
      if (t.onHoliday === 'skip') {
        if (windows.some((w) => w.contains(start))) continue;
        for (const w of windows) if (w.start! > start && w.start! < end) end = w.start!;
      }
      push(t, start, end, t.onHoliday === 'as_usual' ? (holidayOn.get(d.toISODate()!) ?? null) : null);
    }
  }
  return out.sort(
    (a, b) => a.start.toMillis() - b.start.toMillis() || a.templateId.localeCompare(b.templateId),
  );
}
