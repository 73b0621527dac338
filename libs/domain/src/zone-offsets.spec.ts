import { DateTime, IANAZone } from 'luxon';
import { uncachedOffset } from './zone-offsets';
import { ZONE } from './clock';

describe('memoised zone offsets', () => {
  const zone = IANAZone.create(ZONE);

  it('agree with luxon every minute around both DST changes of 2026 and every 31 minutes over the year', () => {
    const checks: number[] = [];
    for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']) {
      const t = Date.parse(change);
      for (let m = -90; m <= 90; m++) checks.push(t + m * 60_000, t + m * 60_000 + 59_999);
    }
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 31 * 60_000)
      checks.push(t + 13_000);
    for (const ts of checks) expect([ts, zone.offset(ts)]).toEqual([ts, uncachedOffset(zone, ts)]);
  });

  it('put DateTimes on the right side of a change', () => {
    const before = DateTime.fromISO('2026-10-25T02:59:59.999+02:00').setZone(ZONE);
    const after = before.plus({ milliseconds: 1 });
    expect([before.toISO(), after.toISO()]).toEqual([
      '2026-10-25T02:59:59.999+02:00',
      '2026-10-25T02:00:00.000+01:00',
    ]);
    expect(DateTime.fromISO('2026-03-29T02:30', { zone: ZONE }).toISO()).toBe(
      '2026-03-29T03:30:00.000+02:00',
    );
  });
});
