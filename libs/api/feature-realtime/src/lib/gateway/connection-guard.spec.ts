import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { ConnectionGuard, type GuardedConnection, clientAddress, countAuthenticatedSocket } from './connection-guard';

/** An engine.io connection from `address` that records whether the guard closed it. */
class FakeConnection extends EventEmitter implements GuardedConnection {
  closed = false;
  readonly request: IncomingMessage;
  constructor(address: string) {
    super();
    this.request = { headers: {}, socket: { remoteAddress: address } } as unknown as IncomingMessage;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

describe('ConnectionGuard', () => {
  let now = 0;
  const limits = { graceMs: 10_000, perAddress: 4, unauthenticatedPerAddress: 2 };
  const guardWith = () =>
    new ConnectionGuard(
      (request) => request.socket.remoteAddress ?? '',
      limits,
      () => now,
    );
  const allowed = (guard: ConnectionGuard, address: string) => {
    let answer: boolean | undefined;
    guard.allowRequest(new FakeConnection(address).request, (_error, success) => (answer = success));
    return answer;
  };
  const connect = (guard: ConnectionGuard, address: string, authenticated = false) => {
    const connection = new FakeConnection(address);
    guard.admit(connection);
    if (authenticated) countAuthenticatedSocket(connection, 1);
    return connection;
  };

  beforeEach(() => (now = 0));

  it('closes a connection that holds no authenticated socket for the grace period, and only that one', () => {
    const guard = guardWith();
    const idle = connect(guard, '10.0.0.1');
    const signedIn = connect(guard, '10.0.0.1', true);
    now = 9_999;
    guard.sweep();
    expect(idle.closed).toBe(false);
    now = 10_000;
    guard.sweep();
    expect(idle.closed).toBe(true);
    expect(signedIn.closed).toBe(false);
  });

  it('gives a connection whose last socket was refused a new grace period, then closes it', () => {
    const guard = guardWith();
    const connection = connect(guard, '10.0.0.1', true);
    now = 60_000;
    guard.sweep();
    countAuthenticatedSocket(connection, -1);
    guard.sweep();
    now = 69_999;
    guard.sweep();
    expect(connection.closed).toBe(false);
    now = 70_000;
    guard.sweep();
    expect(connection.closed).toBe(true);
  });

  it('refuses a handshake beyond the unauthenticated limit of an address, not from other addresses', () => {
    const guard = guardWith();
    connect(guard, '10.0.0.1');
    const second = connect(guard, '10.0.0.1');
    expect(allowed(guard, '10.0.0.1')).toBe(false);
    expect(allowed(guard, '10.0.0.2')).toBe(true);
    // A connection that slipped in alongside is closed on arrival.
    expect(connect(guard, '10.0.0.1').closed).toBe(true);
    countAuthenticatedSocket(second, 1);
    expect(allowed(guard, '10.0.0.1')).toBe(true);
  });

  it('caps all connections of an address, authenticated or not; a closed one frees its place', () => {
    const guard = guardWith();
    const floor = [1, 2, 3, 4].map(() => connect(guard, '192.0.2.7', true));
    expect(allowed(guard, '192.0.2.7')).toBe(false);
    floor[0]?.close();
    expect(allowed(guard, '192.0.2.7')).toBe(true);
  });

  it('takes the client address from X-Forwarded-For only behind a trusted proxy', () => {
    const request = {
      headers: { 'x-forwarded-for': '203.0.113.9, 10.0.0.2' },
      socket: { remoteAddress: '10.0.0.1' },
    } as unknown as IncomingMessage;
    expect(clientAddress(request, true)).toBe('203.0.113.9');
    expect(clientAddress(request, false)).toBe('10.0.0.1');
  });
});
