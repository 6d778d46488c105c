import { InjectionToken } from '@angular/core';
import {
  REALTIME_NAMESPACES,
  REALTIME_PATH,
  type RealtimeHandshakeAuth,
  type SupervisorClientToServerEvents,
  type SupervisorServerToClientEvents,
} from '@switchboard/shared/contracts';
import { type Socket, io } from 'socket.io-client';

/** The `/supervisor` socket.io client, typed with the contracts' event maps. */
export type LiveSocket = Socket<SupervisorServerToClientEvents, SupervisorClientToServerEvents>;

/** Opens (without connecting) the supervisor socket; `token` is read at every (re)connection attempt. */
export type LiveSocketFactory = (token: () => string | null) => LiveSocket;

/** How the live store gets its socket: socket.io in the app, a fake in tests. */
export const LIVE_SOCKET_FACTORY = new InjectionToken<LiveSocketFactory>('LIVE_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (token) =>
    io(REALTIME_NAMESPACES.supervisor, {
      path: REALTIME_PATH,
      autoConnect: false,
      // WebSocket only: long-polling behind a load balancer needs sticky sessions this deployment does not promise.
      transports: ['websocket'],
      // Batches: one message per window of changes (REALTIME_BATCH_MS on the server, 10 ms by default) keeps a busy
      // floor cheap for the browser and the server.
      auth: (send) => send({ token: token() ?? '', batch: true } satisfies RealtimeHandshakeAuth),
    }),
});

/** Tuning of the live store. */
export interface LiveFloorOptions {
  /** After this long without any data or heartbeat from the server, the feed is shown as stale. */
  staleAfterMs: number;
}

/** Defaults: socket.io's server pings every 25 s, so silence beyond 30 s means the feed stopped. */
export const LIVE_FLOOR_OPTIONS = new InjectionToken<LiveFloorOptions>('LIVE_FLOOR_OPTIONS', {
  providedIn: 'root',
  factory: () => ({ staleAfterMs: 30_000 }),
});
