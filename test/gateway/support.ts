import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { io, Socket } from 'socket.io-client';
import {
  BusEvent,
  ClientToServerEvents,
  EventDefinition,
  eventKey,
  queueOf,
  ServerToClientEvents,
  ServiceName,
} from '@permanentie/contracts';
import { jobOptions } from '@permanentie/bus';
import { REDIS_URL } from '@permanentie/testing';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function urlOf(app: INestApplication): string {
  const address = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** A connected socket, as the console opens it; rejects with the server's refusal. */
export function connect(
  url: string,
  token: string | undefined,
  opts: { transports?: string[] } = {},
): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    auth: token === undefined ? {} : { token },
    transports: opts.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

/** Puts an event on a service's queue (default: the gateway's push queue), as a relay would. */
export class PushQueue {
  readonly queue: Queue;

  constructor(prefix: string, service: ServiceName = 'gateway') {
    this.queue = new Queue(queueOf(service), { connection: { url: REDIS_URL }, prefix: `{${prefix}}` });
  }

  async push<P>(def: EventDefinition<P>, payload: P): Promise<string> {
    const id = randomUUID();
    const data: BusEvent<P> = {
      id,
      name: def.name,
      version: def.version,
      occurredAt: new Date().toISOString(),
      payload,
    };
    await this.queue.add(eventKey(def), data, jobOptions(id, 3));
    return id;
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/** Everything a socket received, per event name, for assertions. */
export function record(socket: ClientSocket): Map<string, unknown[]> {
  const seen = new Map<string, unknown[]>();
  socket.onAny((event: string, payload: unknown) => {
    seen.set(event, [...(seen.get(event) ?? []), payload]);
  });
  return seen;
}
