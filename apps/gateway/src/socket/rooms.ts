import { SocketRooms } from '@permanentie/contracts';
import { AccessClaims } from '@permanentie/platform';

/** The rooms a token's role and scope allow: a GP only her own, a dispatcher her wachtpost, ... */
export function roomsFor(c: AccessClaims): string[] {
  const rooms = [SocketRooms.user(c.sub), SocketRooms.session(c.sid)];
  if (c.role === 'gp' && c.gpId) rooms.push(SocketRooms.gp(c.gpId));
  if (c.role === 'dispatcher' && c.wachtpostId) rooms.push(SocketRooms.wachtpost(c.wachtpostId));
  if (c.role === 'planner' && c.kringId) rooms.push(SocketRooms.kring(c.kringId));
  if (c.role === 'admin') rooms.push(SocketRooms.admin);
  return rooms;
}

/**
 * Browsers send Origin on a websocket handshake and do not apply CORS to it, so the server must:
 * same host or a configured origin. Clients without Origin (apps, scripts) carry a token anyway.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: string[],
): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
