import { DestroyRef, effect, inject, Injectable, InjectionToken, type Signal } from '@angular/core';
import {
  type AgentClientToServerEvents,
  type AgentServerToClientEvents,
  REALTIME_NAMESPACES,
  REALTIME_PATH,
  type RealtimeHandshakeAuth,
} from '@switchboard/shared/contracts';
import { AuthStore } from '@switchboard/shared/data-access-auth';
import { io, type Socket } from 'socket.io-client';

/** The `/agent` socket.io client, typed with the contracts' event maps. */
export type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

/** Opens (without connecting) the agent socket; `token` is read at every (re)connection attempt. */
export const AGENT_SOCKET_FACTORY = new InjectionToken<(token: () => string | null) => AgentSocket>(
  'AGENT_SOCKET_FACTORY',
  {
    providedIn: 'root',
    factory: () => (token) =>
      io(REALTIME_NAMESPACES.agent, {
        path: REALTIME_PATH,
        autoConnect: false,
        transports: ['websocket'],
        auth: (send) => send({ token: token() ?? '' } satisfies RealtimeHandshakeAuth),
      }),
  },
);

/** The access token the socket authenticates with (the session's, renewed by the auth store). */
export const AGENT_SOCKET_TOKEN = new InjectionToken<Signal<string | null>>('AGENT_SOCKET_TOKEN', {
  providedIn: 'root',
  factory: () => inject(AuthStore).accessToken,
});

/**
 * The console's `/agent` socket: connected while the console page is open, its access token renewed in place (the
 * server ends sockets whose token expired). The phone's health goes out on it and the agent's own live state comes
 * in. Provided by the console page; lives as long as it.
 */
@Injectable()
export class AgentLiveSocket {
  private readonly token = inject(AGENT_SOCKET_TOKEN);
  readonly socket = inject(AGENT_SOCKET_FACTORY)(() => this.token());

  constructor() {
    this.socket.connect();
    effect(() => {
      const token = this.token();
      if (token && this.socket.connected) this.socket.emit('auth.renew', { token });
    });
    inject(DestroyRef).onDestroy(() => this.socket.disconnect());
  }
}
