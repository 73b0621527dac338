import { AccessClaims, InvalidTokenError, signAccessToken, verifyAccessToken } from './token';

/**
 * Token checks shared by the HTTP guard and the gateway's socket middleware, so both judge a
 * token the same way. Expiry is judged by wall time on purpose: freezing the domain clock in a
 * test or a simulation must never unlock an old token.
 */
export function wallClockSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The token of an `Authorization: Bearer <token>` header, or '' when there is none. */
export function bearerToken(header: string | undefined): string {
  return header && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

/** Verifies a token (signature + expiry by wall time); throws InvalidTokenError('missing') for none. */
export function authenticateToken(token: unknown, secret: string): AccessClaims {
  if (typeof token !== 'string' || token === '') throw new InvalidTokenError('missing');
  return verifyAccessToken(token, secret, wallClockSeconds());
}

/** Milliseconds until the token expires (0 when it already has). */
export function msUntilExpiry(claims: Pick<AccessClaims, 'exp'>): number {
  return Math.max(0, claims.exp * 1000 - Date.now());
}

/** Signs an access token valid for ttlSeconds from now (wall time). */
export function issueAccessToken(
  claims: Omit<AccessClaims, 'iat' | 'exp'>,
  secret: string,
  ttlSeconds: number,
): { token: string; claims: AccessClaims } {
  const iat = wallClockSeconds();
  const full: AccessClaims = { ...claims, iat, exp: iat + ttlSeconds };
  return { token: signAccessToken(full, secret), claims: full };
}
