import {
  type AuthRenewResult,
  type Permission,
  type RealtimeAck,
  type RealtimeError,
  authRenewSchema,
  summarizeFieldErrors,
  toFieldErrors,
} from '@switchboard/shared/contracts';
import { countAuthenticatedSocket } from './connection-guard';
import { RealtimeAuthError, type SocketAuthService, type SocketIdentity } from './socket-auth.service';

/** What both gateways need of a socket (socket.io's `Socket`, narrowed so both namespaces' sockets fit). */
export interface SessionSocket {
  readonly id: string;
  readonly handshake: { auth: Record<string, unknown> };
  readonly connected: boolean;
  /** The engine.io connection under the socket: it stays open only while it carries an authenticated socket. */
  readonly conn: object;
  data: unknown;
  emit(event: 'error', error: RealtimeError): unknown;
  disconnect(close?: boolean): unknown;
}

interface SessionState {
  identity: SocketIdentity;
  token: string;
  expiry: NodeJS.Timeout;
  recheck: NodeJS.Timeout;
}

/** How often a live socket's session is checked again, so signing out or disabling a user ends its sockets too. */
export const SESSION_RECHECK_MS = 60_000;

/**
 * Socket authentication shared by both namespaces: verification on connect, refusal (`error` then disconnect),
 * `auth.renew`, disconnection when a token runs out without renewal, and a check of the session every
 * {@link SESSION_RECHECK_MS} (a signed-out session or a disabled user loses its sockets within that time).
 */
export class SocketSessions {
  private readonly sessions = new WeakMap<SessionSocket, SessionState>();

  constructor(
    private readonly auth: SocketAuthService,
    private readonly permission: Permission,
  ) {}

  /** Verifies the handshake token; on failure the socket is refused and undefined returned. */
  async open(socket: SessionSocket): Promise<SocketIdentity | undefined> {
    try {
      const token = socket.handshake.auth['token'];
      const identity = await this.auth.verify(token, this.permission);
      if (!socket.connected || typeof token !== 'string') return undefined;
      this.keep(socket, identity, token);
      return identity;
    } catch (error) {
      this.refuse(socket, error);
      return undefined;
    }
  }

  /** The verified identity of a socket, if it has one. */
  identity(socket: SessionSocket): SocketIdentity | undefined {
    return this.sessions.get(socket)?.identity;
  }

  /**
   * Sends `error` and disconnects. Anything but a {@link RealtimeAuthError} (the database unreachable while checking
   * the session) is reported as `Internal` without its details, and the client may retry.
   */
  refuse(socket: SessionSocket, error: unknown): void {
    this.close(socket);
    socket.emit(
      'error',
      error instanceof RealtimeAuthError
        ? error.error
        : { code: 'Internal', message: 'The server could not check your session; connect again in a moment.' },
    );
    socket.disconnect();
  }

  /** Replaces the socket's token with a fresh one of the same user and session. */
  async renew(
    socket: SessionSocket,
    payload: unknown,
    ack: (answer: RealtimeAck<AuthRenewResult>) => void,
  ): Promise<void> {
    const parsed = authRenewSchema.safeParse(payload);
    if (!parsed.success) {
      ack({
        ok: false,
        error: { code: 'ValidationError', message: summarizeFieldErrors(toFieldErrors(parsed.error)) },
      });
      return;
    }
    const current = this.identity(socket);
    try {
      const identity = await this.auth.verify(parsed.data.token, this.permission);
      if (current && identity.principal.userId !== current.principal.userId)
        throw new RealtimeAuthError({ code: 'Forbidden', message: 'The new token belongs to another user.' });
      if (!socket.connected) return;
      this.keep(socket, identity, parsed.data.token);
      ack({ ok: true, expiresAt: identity.expiresAt.toISOString() });
    } catch (error) {
      // A bad renewal does not end a socket whose current token is still valid; the client may try again.
      ack({
        ok: false,
        error:
          error instanceof RealtimeAuthError
            ? error.error
            : { code: 'Internal', message: 'The server could not check the new token; try again.' },
      });
    }
  }

  /** Forgets the socket (on disconnect). */
  close(socket: SessionSocket): void {
    const state = this.sessions.get(socket);
    if (!state) return;
    clearTimeout(state.expiry);
    clearInterval(state.recheck);
    this.sessions.delete(socket);
    countAuthenticatedSocket(socket.conn, -1);
  }

  /** Checks the socket's session again; a session that ended refuses the socket. */
  async recheck(socket: SessionSocket): Promise<void> {
    const state = this.sessions.get(socket);
    if (!state) return;
    try {
      await this.auth.verify(state.token, this.permission);
    } catch (error) {
      // A database blip must not drop every dashboard: only a definite "no" ends the socket.
      if (error instanceof RealtimeAuthError && this.sessions.get(socket) === state) this.refuse(socket, error);
    }
  }

  private keep(socket: SessionSocket, identity: SocketIdentity, token: string): void {
    this.close(socket);
    const expiry = this.expiryTimer(socket, identity.expiresAt);
    const recheck = setInterval(() => void this.recheck(socket), SESSION_RECHECK_MS);
    this.sessions.set(socket, { identity, token, expiry, recheck });
    countAuthenticatedSocket(socket.conn, 1);
  }

  private expiryTimer(socket: SessionSocket, expiresAt: Date): NodeJS.Timeout {
    // Access tokens live at most a day (ACCESS_TOKEN_TTL), well within setTimeout's range.
    return setTimeout(
      () =>
        this.refuse(
          socket,
          new RealtimeAuthError({
            code: 'TokenExpired',
            message: 'The access token expired: connect again with a fresh one.',
          }),
        ),
      Math.max(0, expiresAt.getTime() - Date.now()),
    );
  }
}
