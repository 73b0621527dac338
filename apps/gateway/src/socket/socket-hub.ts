import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, Socket } from 'socket.io';
import {
  ClientToServerEvents,
  ServerToClientEvents,
  SessionEndedPush,
  SOCKET_PATH,
  SocketRooms,
} from '@permanentie/contracts';
import { BUS_OPTIONS, BusOptions, RedisConnection, workerConnection } from '@permanentie/bus';
import { AccessClaims, authenticateToken, InvalidTokenError, msUntilExpiry } from '@permanentie/platform';
import { GatewayConfig } from '../gateway.config';
import { originAllowed, roomsFor } from './rooms';

export interface SocketData {
  user: AccessClaims;
}
export type PushServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type PushSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** setTimeout fires at once beyond 2^31-1 ms; re-arm in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The gateway's socket.io server on the HTTP port: token checked in the handshake middleware
 * (the same check as the HTTP guard), websocket transport only, rooms by role and scope, and the
 * Redis adapter so every gateway instance reaches every room.
 */
@Injectable()
export class SocketHub implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Sockets');
  private io?: PushServer;
  private pub?: RedisConnection;
  private sub?: RedisConnection;
  private readonly connectListeners: Array<(socket: PushSocket) => void> = [];

  constructor(
    private readonly http: HttpAdapterHost,
    private readonly config: GatewayConfig,
    @Inject(BUS_OPTIONS) private readonly bus: BusOptions,
  ) {}

  get server(): PushServer {
    if (!this.io) throw new Error('socket server not started');
    return this.io;
  }

  /** Called for every authenticated socket after it joined its rooms. */
  onConnect(listener: (socket: PushSocket) => void): void {
    this.connectListeners.push(listener);
  }

  /** At module init, before the bus consumer starts at bootstrap: a push never finds it missing. */
  onModuleInit(): void {
    const origins = this.config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    const io: PushServer = new Server(this.http.httpAdapter.getHttpServer(), {
      path: SOCKET_PATH,
      transports: ['websocket'],
      serveClient: false,
      maxHttpBufferSize: 16 * 1024,
      cors: { origin: origins, credentials: true },
      allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin, req.headers.host, origins)),
    });
    this.pub = workerConnection(this.bus);
    this.sub = this.pub.duplicate();
    this.sub.on('error', (e: Error) => this.logger.warn(`redis: ${e.message}`));
    io.adapter(createAdapter(this.pub, this.sub, { key: `${this.bus.prefix}:socket.io` }));
    io.use((socket, next) => {
      try {
        socket.data.user = authenticateToken(
          (socket.handshake.auth as { token?: unknown }).token,
          this.config.AUTH_TOKEN_SECRET,
        );
        next();
      } catch (e) {
        next(new Error(e instanceof InvalidTokenError ? `unauthorized: ${e.message}` : 'unauthorized'));
      }
    });
    io.on('connection', (socket) => this.connected(socket));
    this.io = io;
  }

  private connected(socket: PushSocket): void {
    void socket.join(roomsFor(socket.data.user));
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      const ms = msUntilExpiry(socket.data.user);
      timer = setTimeout(
        () => {
          if (msUntilExpiry(socket.data.user) > 0) return arm();
          this.end(socket, { reason: 'expired' });
        },
        Math.min(ms, MAX_TIMER_MS),
      );
    };
    arm();
    socket.on('disconnect', () => clearTimeout(timer));
    socket.on('auth.renew', (token, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const claims = authenticateToken(token, this.config.AUTH_TOKEN_SECRET);
        const current = socket.data.user;
        if (claims.sub !== current.sub || claims.role !== current.role)
          return ack({ ok: false, reason: 'other_account' });
        for (const room of roomsFor(current)) void socket.leave(room);
        socket.data.user = claims;
        void socket.join(roomsFor(claims));
        arm();
        ack({ ok: true, exp: claims.exp });
      } catch (e) {
        ack({ ok: false, reason: e instanceof InvalidTokenError ? e.message : 'invalid' });
      }
    });
    for (const listener of this.connectListeners) listener(socket);
  }

  private end(socket: PushSocket, why: SessionEndedPush): void {
    socket.emit('session.ended', why);
    socket.disconnect(true);
  }

  /** Closes every socket of a session, on whichever gateway instance it is. */
  endSession(sessionId: string, reason: SessionEndedPush['reason']): void {
    if (!this.io) return;
    const room = SocketRooms.session(sessionId);
    this.io.to(room).emit('session.ended', { reason });
    this.io.in(room).disconnectSockets(true);
  }

  endAccount(accountId: string): void {
    if (!this.io) return;
    const room = SocketRooms.user(accountId);
    this.io.to(room).emit('session.ended', { reason: 'revoked' });
    this.io.in(room).disconnectSockets(true);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const io = this.io;
    if (!io) return;
    this.io = undefined;
    // Closes the sockets and the adapter; Nest closes the HTTP server right after.
    await io.close().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.pub?.disconnect();
    this.sub?.disconnect();
  }
}
