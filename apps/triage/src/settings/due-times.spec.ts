import { DateTime } from 'luxon';
import { ZONE } from '@permanentie/domain';
import { DEFAULT_TARGETS as TARGETS, DueRules, dueAt, nextWorkingDayAt } from './due-times';

const DEFAULT_TARGETS: DueRules = { ...TARGETS, communityHolidays: [] };

const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const iso = (d: DateTime) => d.toISO({ suppressMilliseconds: true });

describe('due times (Europe/Brussels, real durations)', () => {
  it('applies the default targets on an ordinary evening', () => {
    const received = at('2026-11-25T20:00:00');
    expect(iso(dueAt(received, 'U1', DEFAULT_TARGETS))).toBe('2026-11-25T20:03:00+01:00');
    expect(iso(dueAt(received, 'U2', DEFAULT_TARGETS))).toBe('2026-11-25T21:00:00+01:00');
    expect(iso(dueAt(received, 'U3', DEFAULT_TARGETS))).toBe('2026-11-25T23:00:00+01:00');
    expect(iso(dueAt(received, 'U4', DEFAULT_TARGETS))).toBe('2026-11-26T20:00:00+01:00');
    expect(iso(dueAt(received, 'U5', DEFAULT_TARGETS))).toBe('2026-11-26T08:00:00+01:00');
    expect(iso(dueAt(received, null, DEFAULT_TARGETS))).toBe('2026-11-25T20:20:00+01:00');
  });

  it('a call at 01:30 on the last Sunday of October gets real-time due times across the DST change', () => {
    // 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET.
    const received = at('2026-10-25T01:30:00');
    expect(received.offset).toBe(120);
    expect(iso(dueAt(received, 'U1', DEFAULT_TARGETS))).toBe('2026-10-25T01:33:00+02:00');
    expect(iso(dueAt(received, 'U2', DEFAULT_TARGETS))).toBe('2026-10-25T02:30:00+02:00');
    // Three real hours: 23:30Z + 3 h = 02:30Z = 03:30 CET (a wall clock would wrongly say 04:30).
    expect(iso(dueAt(received, 'U3', DEFAULT_TARGETS))).toBe('2026-10-25T03:30:00+01:00');
    expect(dueAt(received, 'U3', DEFAULT_TARGETS).diff(received, 'minutes').minutes).toBe(180);
    // 24 real hours end at 00:30 CET on Monday, not 01:30.
    expect(iso(dueAt(received, 'U4', DEFAULT_TARGETS))).toBe('2026-10-26T00:30:00+01:00');
    // U5: own GP on Monday at 08:00 (winter time).
    expect(iso(dueAt(received, 'U5', DEFAULT_TARGETS))).toBe('2026-10-26T08:00:00+01:00');
  });

  it('a call at 01:30 on the last Sunday of March loses the skipped hour correctly', () => {
    const received = at('2026-03-29T01:30:00');
    expect(iso(dueAt(received, 'U2', DEFAULT_TARGETS))).toBe('2026-03-29T03:30:00+02:00');
  });

  it('honours configured targets', () => {
    const received = at('2026-11-25T20:00:00');
    const targets = { ...DEFAULT_TARGETS, U2: 45, ownGpAt: '09:30' };
    expect(iso(dueAt(received, 'U2', targets))).toBe('2026-11-25T20:45:00+01:00');
    expect(iso(dueAt(received, 'U5', targets))).toBe('2026-11-26T09:30:00+01:00');
  });

  it('the next working day skips weekends and Belgian legal holidays', () => {
    expect(iso(nextWorkingDayAt(at('2026-11-27T21:00:00'), '08:00'))).toBe('2026-11-30T08:00:00+01:00'); // Fri -> Mon
    expect(iso(nextWorkingDayAt(at('2026-04-03T21:00:00'), '08:00'))).toBe('2026-04-07T08:00:00+02:00'); // Easter Monday 6/4
    expect(iso(nextWorkingDayAt(at('2026-11-10T21:00:00'), '08:00'))).toBe('2026-11-12T08:00:00+01:00'); // 11 November
    expect(iso(nextWorkingDayAt(at('2026-12-24T22:00:00'), '08:00'))).toBe('2026-12-28T08:00:00+01:00'); // Christmas, weekend
    // A night call on a working day is due the same morning; at 08:00 itself, the next day.
    expect(iso(nextWorkingDayAt(at('2026-11-24T02:00:00'), '08:00'))).toBe('2026-11-24T08:00:00+01:00');
    expect(iso(nextWorkingDayAt(at('2026-11-24T08:00:00'), '08:00'))).toBe('2026-11-25T08:00:00+01:00');
  });

  it('skips the community holidays the kring observes, and only those', () => {
    // Thursday 10 July 2025, 22:00: 11 July is a Friday.
    const thursday = at('2025-07-10T22:00:00');
    expect(iso(nextWorkingDayAt(thursday, '08:00'))).toBe('2025-07-11T08:00:00+02:00');
    expect(iso(nextWorkingDayAt(thursday, '08:00', ['flemish']))).toBe('2025-07-14T08:00:00+02:00');
    expect(iso(nextWorkingDayAt(thursday, '08:00', ['french', 'german']))).toBe('2025-07-11T08:00:00+02:00');
    // 27 September 2027 is a Monday; 15 November 2027 too.
    expect(
      iso(dueAt(at('2027-09-24T20:00:00'), 'U5', { ...DEFAULT_TARGETS, communityHolidays: ['french'] })),
    ).toBe('2027-09-28T08:00:00+02:00');
    expect(iso(nextWorkingDayAt(at('2027-11-12T20:00:00'), '08:00', ['german']))).toBe(
      '2027-11-16T08:00:00+01:00',
    );
  });
});
