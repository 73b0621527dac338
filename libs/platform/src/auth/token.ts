import { createHmac, timingSafeEqual } from 'node:crypto';
import { Role } from '@permanentie/contracts';

/** Claims of an access token. Scopes say which wachtpost, kring or GP record the user acts for. */
export interface AccessClaims {
  sub: string;
  role: Role;
  /** Session id: revoking the session stops its refresh token; access tokens are short-lived. */
  sid: string;
  wachtpostId?: string;
  kringId?: string;
  gpId?: string;
  iat: number;
  exp: number;
}

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signAccessToken(claims: AccessClaims, secret: string): string {
  const body = `${HEADER}.${b64url(JSON.stringify(claims))}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export class InvalidTokenError extends Error {}

/** Verifies signature and expiry (nowSeconds from the caller's clock). */
export function verifyAccessToken(token: string, secret: string, nowSeconds: number): AccessClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) throw new InvalidTokenError('malformed');
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidTokenError('signature');
  let claims: AccessClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as AccessClaims;
  } catch {
    throw new InvalidTokenError('malformed');
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) throw new InvalidTokenError('expired');
  return claims;
}
