import { belgianHolidays, easterSunday, holidaysBetween } from './holidays';

describe('Belgian holidays', () => {
  it('computes Easter Sunday for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the ten legal holidays of 2026 with the Easter-based ones', () => {
    expect(belgianHolidays(2026)).toEqual([
      { date: '2026-01-01', code: 'new_year' },
      { date: '2026-04-06', code: 'easter_monday' },
      { date: '2026-05-01', code: 'labour_day' },
      { date: '2026-05-14', code: 'ascension' },
      { date: '2026-05-25', code: 'whit_monday' },
      { date: '2026-07-21', code: 'national_day' },
      { date: '2026-08-15', code: 'assumption' },
      { date: '2026-11-01', code: 'all_saints' },
      { date: '2026-11-11', code: 'armistice' },
      { date: '2026-12-25', code: 'christmas' },
    ]);
  });

  it('moves the Easter-based holidays in 2027', () => {
    const byCode = Object.fromEntries(belgianHolidays(2027).map((h) => [h.code, h.date]));
    expect(byCode.easter_monday).toBe('2027-03-29');
    expect(byCode.ascension).toBe('2027-05-06');
    expect(byCode.whit_monday).toBe('2027-05-17');
  });

  it('adds community holidays only when the kring asks for them', () => {
    expect(belgianHolidays(2026).map((h) => h.code)).not.toContain('flemish_community');
    const flemish = belgianHolidays(2026, ['flemish']);
    expect(flemish).toHaveLength(11);
    expect(flemish).toContainEqual({ date: '2026-07-11', code: 'flemish_community' });
    const all = belgianHolidays(2026, ['flemish', 'french', 'german']);
    expect(all).toContainEqual({ date: '2026-09-27', code: 'french_community' });
    expect(all).toContainEqual({ date: '2026-11-15', code: 'german_community' });
    expect(all.map((h) => h.date)).toEqual([...all.map((h) => h.date)].sort());
  });

  it('selects holidays across a year boundary', () => {
    expect(holidaysBetween('2026-12-20', '2027-01-05').map((h) => h.date)).toEqual([
      '2026-12-25',
      '2027-01-01',
    ]);
  });
});
