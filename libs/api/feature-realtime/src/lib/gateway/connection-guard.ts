import type { IncomingMessage } from 'node:http';

/**
 * How long an engine.io connection (one per browser tab) may hold no authenticated namespace socket before the
 * server closes it: a console authenticates within milliseconds of connecting, so 10 s is generous for a slow
 * network, yet an idle or refused connection cannot linger (socket.io would keep it open for ever).
 */
export const UNAUTHENTICATED_GRACE_MS = 10_000;

/**
 * Connections per client address that have not (or no longer) authenticated. Legitimate clients spend
 * milliseconds in that state, so even a floor of several hundred consoles behind one NAT, all reconnecting at once
 * after an API restart, rarely has more than a few dozen pending together; a client refused here retries with
 * socket.io's backoff. An address that holds 100 anyway is probing.
 */
export const MAX_UNAUTHENTICATED_CONNECTIONS_PER_ADDRESS = 100;

/**
 * All connections per client address. A contact centre often puts its whole floor behind one NAT address, and each
 * agent console or supervisor dashboard tab holds one connection, so the cap must fit the largest floor (hundreds
 * of seats, some with a second tab or a wallboard) while still bounding what one address can make the server hold.
 */
export const MAX_CONNECTIONS_PER_ADDRESS = 1_000;

/** What the guard needs of an engine.io connection (`socket.conn`). */
export interface GuardedConnection {
  readonly request: IncomingMessage;
  close(): unknown;
  once(event: 'close', listener: () => void): unknown;
}

/** The limits a {@link ConnectionGuard} enforces (the constants above unless a test says otherwise). */
export interface ConnectionLimits {
  readonly graceMs: number;
  readonly perAddress: number;
  readonly unauthenticatedPerAddress: number;
}

const DEFAULT_LIMITS: ConnectionLimits = {
  graceMs: UNAUTHENTICATED_GRACE_MS,
  perAddress: MAX_CONNECTIONS_PER_ADDRESS,
  unauthenticatedPerAddress: MAX_UNAUTHENTICATED_CONNECTIONS_PER_ADDRESS,
};

/** Authenticated namespace sockets on each connection (SocketSessions keeps it up to date). */
const authenticatedSockets = new WeakMap<object, number>();

/** Records that a namespace socket on `connection` authenticated (+1) or stopped being served (-1). */
export function countAuthenticatedSocket(connection: object, change: 1 | -1): void {
  const count = Math.max(0, (authenticatedSockets.get(connection) ?? 0) + change);
  if (count === 0) authenticatedSockets.delete(connection);
  else authenticatedSockets.set(connection, count);
}

function isAuthenticated(connection: object): boolean {
  return (authenticatedSockets.get(connection) ?? 0) > 0;
}

/** The client address of a handshake: the first `X-Forwarded-For` hop behind a trusted proxy, as Express does. */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = trustProxy && typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  return first || request.socket.remoteAddress || 'unknown';
}

/**
 * Limits socket.io connections per client address and closes connections that hold no authenticated namespace
 * socket for {@link UNAUTHENTICATED_GRACE_MS} (never joined one, joined only refused ones, or whose sockets were
 * all refused later). Wire {@link allowRequest} into the engine's options, {@link admit} to its `connection` event,
 * and call {@link sweep} every few seconds ({@link start}).
 */
export class ConnectionGuard {
  private readonly byAddress = new Map<string, Set<GuardedConnection>>();
  /** When each unauthenticated connection was last seen without an authenticated socket. */
  private readonly unauthenticatedSince = new Map<GuardedConnection, number>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly addressOf: (request: IncomingMessage) => string,
    private readonly limits: ConnectionLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** engine.io's `allowRequest`: refuses a handshake from an address already at a limit (answered 403). */
  readonly allowRequest = (
    request: IncomingMessage,
    callback: (error: string | null | undefined, success: boolean) => void,
  ): void => {
    const refusal = this.refusal(this.addressOf(request));
    callback(refusal ?? null, refusal === undefined);
  };

  /** Tracks a new connection; closes it at once when concurrent handshakes pushed its address past a limit. */
  admit(connection: GuardedConnection): void {
    const address = this.addressOf(connection.request);
    if (this.refusal(address) !== undefined) {
      connection.close();
      return;
    }
    const connections = this.byAddress.get(address) ?? new Set();
    connections.add(connection);
    this.byAddress.set(address, connections);
    this.unauthenticatedSince.set(connection, this.now());
    connection.once('close', () => {
      connections.delete(connection);
      if (connections.size === 0 && this.byAddress.get(address) === connections) this.byAddress.delete(address);
      this.unauthenticatedSince.delete(connection);
    });
  }

  /** Closes connections that have gone {@link ConnectionLimits.graceMs} without an authenticated socket. */
  sweep(): void {
    const now = this.now();
    for (const connections of this.byAddress.values()) {
      for (const connection of connections) {
        if (isAuthenticated(connection)) {
          this.unauthenticatedSince.delete(connection);
          continue;
        }
        const since = this.unauthenticatedSince.get(connection);
        if (since === undefined) this.unauthenticatedSince.set(connection, now);
        else if (now - since >= this.limits.graceMs) connection.close();
      }
    }
  }

  /** Sweeps four times per grace period, so a connection goes at most 25 % past it. */
  start(): void {
    this.stop();
    this.sweeper = setInterval(() => this.sweep(), this.limits.graceMs / 4);
    this.sweeper.unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  private refusal(address: string): string | undefined {
    const connections = this.byAddress.get(address);
    if (!connections) return undefined;
    if (connections.size >= this.limits.perAddress) return 'Too many connections from your address.';
    let unauthenticated = 0;
    for (const connection of connections) if (!isAuthenticated(connection)) unauthenticated++;
    return unauthenticated >= this.limits.unauthenticatedPerAddress
      ? 'Too many unauthenticated connections from your address; sign in first.'
      : undefined;
  }
}
