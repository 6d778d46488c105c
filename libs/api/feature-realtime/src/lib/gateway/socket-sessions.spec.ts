import type { RealtimeError } from '@switchboard/shared/contracts';
import { RealtimeAuthError, type SocketAuthService, type SocketIdentity } from './socket-auth.service';
import { SESSION_RECHECK_MS, type SessionSocket, SocketSessions } from './socket-sessions';

/** A socket that records what the server sent it. */
function fakeSocket(token: string): SessionSocket & { errors: RealtimeError[] } {
  const socket = {
    id: 's1',
    handshake: { auth: { token } },
    connected: true,
    conn: {},
    data: undefined,
    errors: [] as RealtimeError[],
    emit: (_event: 'error', error: RealtimeError) => socket.errors.push(error),
    disconnect: () => {
      socket.connected = false;
    },
  };
  return socket;
}

describe('SocketSessions', () => {
  let signedOut: Set<string>;
  let databaseDown: boolean;
  let sessions: SocketSessions;
  const identity = (expiresInMs: number): SocketIdentity => ({
    principal: { userId: 'u1', sessionId: 'sid', role: 'SUPERVISOR', permissions: ['floor:supervise'] },
    expiresAt: new Date(Date.now() + expiresInMs),
  });

  beforeEach(() => {
    jest.useFakeTimers();
    signedOut = new Set();
    databaseDown = false;
    const auth = {
      verify: (token: string) => {
        if (signedOut.has(token))
          return Promise.reject(new RealtimeAuthError({ code: 'Unauthenticated', message: 'Your session has ended.' }));
        if (databaseDown || token === 'db-down') return Promise.reject(new Error('connection refused'));
        return Promise.resolve(identity(token === 'short' ? 5_000 : 3_600_000));
      },
    } as unknown as SocketAuthService;
    sessions = new SocketSessions(auth, 'floor:supervise');
  });
  afterEach(() => jest.useRealTimers());

  it('ends a socket whose session was signed out, at the next check', async () => {
    const socket = fakeSocket('good');
    expect(await sessions.open(socket)).toBeDefined();
    signedOut.add('good');
    await jest.advanceTimersByTimeAsync(SESSION_RECHECK_MS);
    expect(socket.errors).toEqual([{ code: 'Unauthenticated', message: 'Your session has ended.' }]);
    expect(socket.connected).toBe(false);
  });

  it('keeps a socket whose session is fine, and one whose check failed for another reason', async () => {
    const socket = fakeSocket('good');
    await sessions.open(socket);
    await jest.advanceTimersByTimeAsync(2 * SESSION_RECHECK_MS);
    databaseDown = true;
    await jest.advanceTimersByTimeAsync(SESSION_RECHECK_MS);
    expect(socket.connected).toBe(true);
    expect(socket.errors).toEqual([]);
  });

  it('ends a socket when its token expires, unless it was renewed', async () => {
    const lapsing = fakeSocket('short');
    const renewed = fakeSocket('short');
    await sessions.open(lapsing);
    await sessions.open(renewed);
    const answers: unknown[] = [];
    await sessions.renew(renewed, { token: 'good' }, (answer) => answers.push(answer));
    expect(answers).toEqual([{ ok: true, expiresAt: expect.any(String) }]);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(lapsing.errors.map((e) => e.code)).toEqual(['TokenExpired']);
    expect(renewed.connected).toBe(true);
    // The old token's session ending no longer matters to the renewed socket.
    signedOut.add('short');
    await jest.advanceTimersByTimeAsync(SESSION_RECHECK_MS);
    expect(renewed.connected).toBe(true);
  });

  it('refuses with Internal, not a crash, when the session cannot be checked', async () => {
    const socket = fakeSocket('db-down');
    expect(await sessions.open(socket)).toBeUndefined();
    expect(socket.errors.map((e) => e.code)).toEqual(['Internal']);
    expect(socket.connected).toBe(false);
  });
});
