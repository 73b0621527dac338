import { DateTime } from 'luxon';
import { instant, SystemClock, ZONE } from './clock';

describe('instant', () => {
  it('reads ISO instants with Z or an offset as the same moment as luxon, in Belgian time', () => {
    for (const iso of [
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00Z',
      '2026-12-01T10:00:00+01:00',
      '2026-07-01T08:15:00.5+0200',
    ]) {
      const got = instant(iso);
      expect([got.toMillis(), got.zoneName]).toEqual([DateTime.fromISO(iso).toMillis(), ZONE]);
    }
    expect(instant('2026-10-25T01:00:00Z').toISO()).toBe('2026-10-25T02:00:00.000+01:00');
  });

  it('refuses what is not an instant: no offset, or not a date', () => {
    for (const bad of ['2026-12-01T10:00:00', '2026-12-01', 'morgen', '2026-13-01T10:00:00Z'])
      expect([bad, instant(bad).isValid]).toEqual([bad, false]);
  });

  it('the system clock is in Belgian time', () => {
    expect(new SystemClock().now().zoneName).toBe(ZONE);
  });
});
