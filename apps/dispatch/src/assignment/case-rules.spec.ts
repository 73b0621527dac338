import { DateTime } from 'luxon';
import { acceptanceSeconds, checkAnswer, checkHolderAction, keepsHolder, slaWarnAt } from './case-rules';

const now = DateTime.fromISO('2026-11-25T22:00:00', { zone: 'Europe/Brussels' });

describe('case rules', () => {
  it('gives each urgency its acceptance time', () => {
    const t = { U2: 120, U3: 300, U4: 900 };
    expect([
      acceptanceSeconds(t, 'U2'),
      acceptanceSeconds(t, 'U3'),
      acceptanceSeconds(t, 'U4'),
      acceptanceSeconds(t, 'U5'),
    ]).toEqual([120, 300, 900, 900]);
  });

  it('warns at 75% of receivedAt..dueAt', () => {
    expect(slaWarnAt(now, now.plus({ hours: 1 })).toISO()).toBe(now.plus({ minutes: 45 }).toISO());
    expect(slaWarnAt(now, now.minus({ hours: 1 })).toISO()).toBe(now.toISO());
  });

  it('lets only the offered GP answer an open, unexpired offer', () => {
    const offer = { gpId: 'a', status: 'open' as const, expiresAt: now.plus({ minutes: 1 }) };
    expect(checkAnswer(offer, 'a', now)).toBeNull();
    expect(checkAnswer(offer, 'b', now)).toBe('not_yours');
    expect(checkAnswer({ ...offer, status: 'expired' }, 'a', now)).toBe('not_open');
    expect(checkAnswer(offer, 'a', now.plus({ minutes: 1 }))).toBe('expired');
    expect(checkAnswer(undefined, 'a', now)).toBe('not_found');
  });

  it('lets only the holder start or complete', () => {
    expect(checkHolderAction({ status: 'accepted', holderGpId: 'a' }, 'a')).toBeNull();
    expect(checkHolderAction({ status: 'started', holderGpId: 'a' }, 'a')).toBeNull();
    expect(checkHolderAction({ status: 'offered', holderGpId: 'a' }, 'a')).toBe('not_held');
    expect(checkHolderAction({ status: 'accepted', holderGpId: 'a' }, 'b')).toBe('not_yours');
  });

  it('keeps the holder on a re-triage unless the zone or channel changed for an unaccepted offer', () => {
    const before = { zoneId: 'z1', channel: '1733' };
    expect(keepsHolder(before, before, 'offered')).toBe(true);
    expect(keepsHolder(before, { ...before, zoneId: 'z2' }, 'offered')).toBe(false);
    expect(keepsHolder(before, { ...before, zoneId: 'z2' }, 'accepted')).toBe(true);
  });
});
