import { holidaysBetween } from '@permanentie/domain';
import { generateShifts, TemplateSpec } from './generate-shifts';

const base = { zoneId: 'z', need: { first: 1 }, weight: 1, requires: [] as string[] };
const weeknight: TemplateSpec = {
  ...base,
  id: 'night',
  kind: 'wachtpost',
  startTime: '19:00',
  endTime: '08:00',
  endDayOffset: 1,
  days: [1, 2, 3, 4, 5, 6, 7],
  onHoliday: 'skip',
};
const dagwacht: TemplateSpec = {
  ...base,
  id: 'dag',
  kind: 'dagwacht',
  startTime: '08:00',
  endTime: '19:00',
  endDayOffset: 0,
  days: [1, 2, 3, 4, 5],
  onHoliday: 'skip',
};
const holiday: TemplateSpec = { ...weeknight, id: 'holiday', days: [], onHoliday: 'only', weight: 2 };
const weekendA: TemplateSpec = { ...weeknight, id: 'we-a', days: [5], endDayOffset: 2 };
const weekendB: TemplateSpec = { ...weeknight, id: 'we-b', startTime: '08:00', days: [7], endDayOffset: 1 };

const iso = (s: { start: { toISO(): string | null } }) => s.start.toISO();

describe('shift generation (Europe/Brussels)', () => {
  it('makes the March DST night 12 h and the October one 14 h of real time', () => {
    const march = generateShifts({
      from: '2026-03-28',
      to: '2026-03-29',
      templates: [weeknight],
      holidays: [],
    });
    expect(march.map((s) => [iso(s), s.end.toISO(), s.minutes])).toEqual([
      ['2026-03-28T19:00:00.000+01:00', '2026-03-29T08:00:00.000+02:00', 720],
      ['2026-03-29T19:00:00.000+02:00', '2026-03-30T08:00:00.000+02:00', 780],
    ]);
    const october = generateShifts({
      from: '2026-10-24',
      to: '2026-10-25',
      templates: [weeknight],
      holidays: [],
    });
    expect(october.map((s) => s.minutes)).toEqual([840, 780]);
    expect(october[0].end.toISO()).toBe('2026-10-25T08:00:00.000+01:00');
  });

  it('keeps a weekend split at Sunday 08:00 across the October DST change', () => {
    const shifts = generateShifts({
      from: '2026-10-23',
      to: '2026-10-25',
      templates: [weekendA, weekendB],
      holidays: [],
    });
    expect(shifts.map((s) => [s.templateId, s.minutes])).toEqual([
      ['we-a', 37 * 60 + 60],
      ['we-b', 24 * 60],
    ]);
    expect(shifts.every((s) => s.tags.includes('weekend'))).toBe(true);
  });

  it('replaces regular duty by holiday duty from 19:00 the evening before to 08:00 after (Ascension 2026)', () => {
    const shifts = generateShifts({
      from: '2026-05-12',
      to: '2026-05-15',
      templates: [weeknight, dagwacht, holiday],
      holidays: holidaysBetween('2026-05-11', '2026-05-16'),
    });
    const list = shifts.map(
      (s) => `${s.templateId} ${s.start.toFormat('EEE dd HH:mm')}-${s.end.toFormat('EEE dd HH:mm')}`,
    );
    expect(list).toEqual([
      'dag Tue 12 08:00-Tue 12 19:00',
      'night Tue 12 19:00-Wed 13 08:00',
      'dag Wed 13 08:00-Wed 13 19:00',
      'holiday Wed 13 19:00-Fri 15 08:00',
      'dag Fri 15 08:00-Fri 15 19:00',
      'night Fri 15 19:00-Sat 16 08:00',
    ]);
    const h = shifts.find((s) => s.templateId === 'holiday')!;
    expect(h.minutes).toBe(37 * 60);
    expect(h.holiday).toBe('ascension');
    expect(h.tags).toEqual(['holiday', 'night']);
  });

  it('cuts a Sunday weekend shift short where the Easter Monday duty begins, and the holiday night spans DST-free 37 h', () => {
    const shifts = generateShifts({
      from: '2026-04-03',
      to: '2026-04-06',
      templates: [weekendA, weekendB, holiday],
      holidays: holidaysBetween('2026-04-01', '2026-04-08'),
    });
    expect(
      shifts.map((s) => [s.templateId, s.start.toFormat('EEE HH:mm'), s.end.toFormat('EEE HH:mm')]),
    ).toEqual([
      ['we-a', 'Fri 19:00', 'Sun 08:00'],
      ['we-b', 'Sun 08:00', 'Sun 19:00'],
      ['holiday', 'Sun 19:00', 'Tue 08:00'],
    ]);
  });

  it('counts real hours around the March DST change of 2027, the day before Easter Monday', () => {
    const [h] = generateShifts({
      from: '2027-03-27',
      to: '2027-03-29',
      templates: [holiday],
      holidays: holidaysBetween('2027-03-27', '2027-03-30'),
    });
    expect(h.start.toISO()).toBe('2027-03-28T19:00:00.000+02:00');
    expect(h.minutes).toBe(37 * 60);
    const [sat] = generateShifts({
      from: '2027-03-27',
      to: '2027-03-27',
      templates: [{ ...holiday, id: 'x', days: [6], onHoliday: 'as_usual' }],
      holidays: [],
    });
    expect(sat.minutes).toBe(12 * 60);
  });

  it("tags Christmas Eve and New Year's Eve holiday duties", () => {
    const shifts = generateShifts({
      from: '2026-12-24',
      to: '2026-12-31',
      templates: [holiday],
      holidays: holidaysBetween('2026-12-20', '2027-01-05'),
    });
    expect(shifts.map((s) => [s.holiday, s.tags.filter((t) => t.endsWith('_eve'))])).toEqual([
      ['christmas', ['christmas_eve']],
      ['new_year', ['new_years_eve']],
    ]);
  });

  it('generates a template that runs as usual on holidays, tagged holiday', () => {
    const shifts = generateShifts({
      from: '2026-07-21',
      to: '2026-07-21',
      templates: [{ ...dagwacht, onHoliday: 'as_usual' }],
      holidays: holidaysBetween('2026-07-01', '2026-07-31'),
    });
    expect(shifts).toHaveLength(1);
    expect(shifts[0].tags).toEqual(['holiday']);
    expect(shifts[0].minutes).toBe(11 * 60);
  });
});
