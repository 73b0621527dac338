/**
 * The socket.io connection to the gateway (websocket only, access token in `auth`). The pushes
 * and their payloads are typed by libs/contracts/src/socket.ts, shared with the server: ids and
 * codes only; screens fetch details over HTTP. An offer comes with an acknowledgement callback,
 * handed to the screen to call once the offer is on screen.
 */
import type { OfferAck, ServerToClientEvents } from '../../../../libs/contracts/src/socket.js';
import { accessToken, refresh } from './api.js';

export type PushName = keyof ServerToClientEvents;
export type PushPayload<N extends PushName> = Parameters<ServerToClientEvents[N]>[0];
export type Push = { [N in PushName]: { name: N; payload: PushPayload<N> } }[PushName];

const PUSHES: PushName[] = [
  'case.changed',
  'offer.new',
  'offer.ended',
  'alarm',
  'sla',
  'roster.progress',
  'roster.changed',
  'session.ended',
];

interface ClientSocket {
  on(event: string, fn: (...args: never[]) => void): void;
  connect(): void;
  disconnect(): void;
}

type IoFactory = (opts: Record<string, unknown>) => ClientSocket;

export interface Live {
  close(): void;
}

/** Connects; `onPush` gets every push, `ack` only for an offer (call it once shown). */
export function connectLive(
  onPush: (push: Push, ack?: () => void) => void,
  onStatus: (up: boolean) => void,
): Live {
  const io = (window as unknown as { io?: IoFactory }).io;
  if (!io) {
    onStatus(false);
    return { close: () => undefined };
  }
  const socket = io({
    transports: ['websocket'],
    auth: (cb: (data: { token: string }) => void) => cb({ token: accessToken() }),
  });
  let closed = false;
  const reconnect = () => {
    // The access token may have run out: refresh it, then connect again with the new one.
    void refresh().then((ok) => {
      if (ok && !closed) window.setTimeout(() => socket.connect(), 500);
    });
  };
  socket.on('connect', () => onStatus(true));
  socket.on('disconnect', (reason: never) => {
    onStatus(false);
    if ((reason as string) === 'io server disconnect') reconnect();
  });
  socket.on('connect_error', () => {
    onStatus(false);
    reconnect();
  });
  for (const name of PUSHES) {
    socket.on(name, (payload: never, ack?: never) => {
      const done =
        typeof ack === 'function' ? () => (ack as (a: OfferAck) => void)({ received: true }) : undefined;
      onPush({ name, payload } as Push, done);
    });
  }
  return {
    close: () => {
      closed = true;
      socket.disconnect();
    },
  };
}
