/**
 * The socket.io connection to the gateway (websocket only, access token in `auth`). The pushes
 * and their payloads are typed by libs/contracts/src/socket.ts, shared with the server: ids and
 * codes only; screens fetch details over HTTP. An offer comes with an acknowledgement callback,
 * handed to the screen to call once the offer is on screen.
 */
import { io, Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../libs/contracts/src/socket.js';
import { accessToken, refresh } from './api.js';

export type PushName = keyof ServerToClientEvents;
export type PushPayload<N extends PushName> = Parameters<ServerToClientEvents[N]>[0];
export type Push = { [N in PushName]: { name: N; payload: PushPayload<N> } }[PushName];

export interface Live {
  close(): void;
}

/** Connects; `onPush` gets every push, `ack` only for an offer (call it once shown). */
export function connectLive(
  onPush: (push: Push, ack?: () => void) => void,
  onStatus: (up: boolean) => void,
): Live {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    transports: ['websocket'],
    auth: (cb) => cb({ token: accessToken() }),
  });
  let closed = false;
  const reconnect = () => {
    // The access token may have run out: refresh it, then connect again with the new one.
    void refresh().then((ok) => {
      if (ok && !closed) window.setTimeout(() => socket.connect(), 500);
    });
  };
  socket.on('connect', () => onStatus(true));
  socket.on('disconnect', (reason) => {
    onStatus(false);
    if (reason === 'io server disconnect') reconnect();
  });
  socket.on('connect_error', () => {
    onStatus(false);
    reconnect();
  });
  socket.on('offer.new', (payload, ack) =>
    onPush({ name: 'offer.new', payload }, () => ack({ received: true })),
  );
  socket.on('offer.ended', (payload) => onPush({ name: 'offer.ended', payload }));
  socket.on('case.changed', (payload) => onPush({ name: 'case.changed', payload }));
  socket.on('alarm', (payload) => onPush({ name: 'alarm', payload }));
  socket.on('sla', (payload) => onPush({ name: 'sla', payload }));
  socket.on('roster.progress', (payload) => onPush({ name: 'roster.progress', payload }));
  socket.on('roster.changed', (payload) => onPush({ name: 'roster.changed', payload }));
  socket.on('session.ended', (payload) => onPush({ name: 'session.ended', payload }));
  return {
    close: () => {
      closed = true;
      socket.disconnect();
    },
  };
}
