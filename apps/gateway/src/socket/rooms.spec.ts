import { AccessClaims } from '@permanentie/platform';
import { originAllowed, roomsFor } from './rooms';

const claims = (over: Partial<AccessClaims>): AccessClaims => ({
  sub: 'acc-1',
  sid: 'ses-1',
  role: 'gp',
  iat: 0,
  exp: 1,
  ...over,
});

describe('socket rooms', () => {
  it('puts each role only in the rooms of its own scope', () => {
    expect(roomsFor(claims({ role: 'gp', gpId: 'g1', kringId: 'k1' }))).toEqual([
      'user:acc-1',
      'session:ses-1',
      'gp:g1',
    ]);
    expect(roomsFor(claims({ role: 'dispatcher', wachtpostId: 'w1', kringId: 'k1' }))).toEqual([
      'user:acc-1',
      'session:ses-1',
      'wachtpost:w1',
    ]);
    expect(roomsFor(claims({ role: 'planner', kringId: 'k1' }))).toEqual([
      'user:acc-1',
      'session:ses-1',
      'kring:k1',
    ]);
    expect(roomsFor(claims({ role: 'admin' }))).toEqual(['user:acc-1', 'session:ses-1', 'admin']);
  });

  it('a role without its scope joins no scoped room', () => {
    expect(roomsFor(claims({ role: 'dispatcher' }))).toEqual(['user:acc-1', 'session:ses-1']);
  });

  it('accepts same-host and configured origins, and clients without an Origin', () => {
    const allowed = ['http://localhost:3000'];
    expect(originAllowed(undefined, 'x:1', allowed)).toBe(true);
    expect(originAllowed('http://localhost:3000', '127.0.0.1:3000', allowed)).toBe(true);
    expect(originAllowed('https://wacht.example', 'wacht.example', allowed)).toBe(true);
    expect(originAllowed('https://evil.example', 'wacht.example', allowed)).toBe(false);
    expect(originAllowed('not a url', 'wacht.example', allowed)).toBe(false);
  });
});
