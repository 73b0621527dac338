/**
 * The socket.io connection to the gateway (websocket only, access token in `auth`). Payloads are
 * ids and codes; screens fetch details over HTTP. An event sent with an acknowledgement (an
 * offer) hands the screen an `ack` to call once it is shown.
 */
import { accessToken, refresh } from './api.js';

interface ClientSocket {
  connected: boolean;
  on(event: string, fn: (...args: unknown[]) => void): void;
  onAny(fn: (event: string, ...args: unknown[]) => void): void;
  connect(): void;
  disconnect(): void;
}

type IoFactory = (opts: Record<string, unknown>) => ClientSocket;

export type LiveHandler = (event: string, payload: Record<string, unknown>, ack?: () => void) => void;

export interface Live {
  close(): void;
}

export function connectLive(onEvent: LiveHandler, onStatus: (up: boolean) => void): Live {
  const io = (window as unknown as { io?: IoFactory }).io;
  if (!io) {
    onStatus(false);
    return { close: () => undefined };
  }
  const socket = io({
    transports: ['websocket'],
    auth: (cb: (data: { token: string }) => void) => cb({ token: accessToken() }),
  });
  socket.on('connect', () => onStatus(true));
  socket.on('disconnect', () => onStatus(false));
  socket.on('connect_error', () => {
    onStatus(false);
    // The access token may have expired: refresh it, then try again.
    void refresh().then((ok) => {
      if (ok) window.setTimeout(() => socket.connect(), 1000);
    });
  });
  socket.onAny((event: string, ...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as () => void) : undefined;
    const payload = (typeof args[0] === 'object' && args[0] !== null ? args[0] : {}) as Record<
      string,
      unknown
    >;
    onEvent(event, payload, ack);
  });
  return { close: () => socket.disconnect() };
}
