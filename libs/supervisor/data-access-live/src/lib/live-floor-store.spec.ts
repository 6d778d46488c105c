import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  APP_ROLES,
  type LiveAgent,
  type LiveQueueStats,
  type LoginResponse,
  type SupervisorSnapshot,
} from '@switchboard/shared/contracts';
import { AuthStore, provideSwitchboardAuth } from '@switchboard/shared/data-access-auth';
import { type FakeLiveSocket, fakeLiveSocketFactory } from '../../testing';
import { LiveFloorStore } from './live-floor-store';
import { LIVE_FLOOR_OPTIONS, LIVE_SOCKET_FACTORY } from './live-socket';

const session = (token: string): LoginResponse => ({
  accessToken: token,
  tokenType: 'Bearer',
  expiresIn: 900,
  user: {
    id: 'u-sam',
    email: 'sam@example.test',
    displayName: 'Sam Supervisor',
    role: 'SUPERVISOR',
    disabled: false,
    lastLoginAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  },
});

const agent = (name: string, state: LiveAgent['state'] = 'Waiting'): LiveAgent => ({
  name,
  status: 'Available',
  state,
  statusSince: '2025-03-04T09:00:00.000Z',
  stateSince: '2025-03-04T09:00:00.000Z',
  callUuid: null,
});

const stats = (queue: string, waiting: number): LiveQueueStats => ({
  queue,
  waiting,
  longestWaitSince: waiting > 0 ? '2025-03-04T09:00:00.000Z' : null,
  agents: { staffed: 2, available: 1, onCall: 1, afterCallWork: 0, onBreak: 0 },
  today: null,
  at: '2025-03-04T09:00:00.000Z',
});

const snapshot = (seq: number, extra: Partial<SupervisorSnapshot> = {}): SupervisorSnapshot => ({
  at: '2025-03-04T09:00:00.000Z',
  seq,
  channels: [],
  agents: [agent('1001@default'), agent('1002@default')],
  queues: [],
  queueStats: [stats('support@default', 2)],
  registrations: [],
  nodes: [{ node: 'fs1', connected: true }],
  phoneHealth: [],
  ...extra,
});

async function startStore(staleAfterMs = 30_000) {
  const { factory, sockets } = fakeLiveSocketFactory();
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideSwitchboardAuth({ appRoles: APP_ROLES.supervisorDashboard, appName: 'supervisor dashboard' }),
      provideHttpClientTesting(),
      { provide: LIVE_SOCKET_FACTORY, useValue: factory },
      { provide: LIVE_FLOOR_OPTIONS, useValue: { staleAfterMs } },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/auth/refresh').flush(session('token-1'));
  await TestBed.inject(AuthStore).settled();
  const store = TestBed.inject(LiveFloorStore);
  store.start();
  const socket: FakeLiveSocket | undefined = sockets[0];
  if (!socket) throw new Error('the store opened no socket');
  return { store, socket, sockets, http };
}

/** Connects and delivers the first snapshot. */
async function connected(staleAfterMs?: number) {
  const started = await startStore(staleAfterMs);
  started.socket.acceptConnection();
  started.socket.serverEmit('snapshot', snapshot(10));
  return started;
}

describe('LiveFloorStore', () => {
  afterEach(() => {
    TestBed.inject(LiveFloorStore).stop();
    jest.useRealTimers();
  });

  it('connects with the signed-in access token and shows the snapshot', async () => {
    const { store, socket } = await startStore();
    expect(socket.handshakeToken).toBe('token-1');
    expect(store.connection()).toBe('connecting');

    socket.acceptConnection();
    socket.serverEmit('snapshot', snapshot(10));

    expect(store.connection()).toBe('connected');
    expect(store.agents().map((a) => a.name)).toEqual(['1001@default', '1002@default']);
    expect(store.queueStats()).toEqual([stats('support@default', 2)]);
  });

  it('subscribes to every queue of the snapshot and keeps its tile and callers current', async () => {
    const { store, socket } = await connected();
    const [subscribe] = socket.sentOf('queue.subscribe');
    expect(subscribe?.args).toEqual([{ queues: ['support@default'] }]);

    const member = {
      memberUuid: 'm1',
      sessionUuid: 's1',
      callerNumber: '+15550100',
      callerName: null,
      joinedAt: '2025-03-04T09:00:00.000Z',
      state: 'waiting' as const,
      agent: null,
    };
    subscribe?.ack?.({
      ok: true,
      queues: [{ queue: 'support@default', seq: 4, members: [member], stats: stats('support@default', 1) }],
    });
    expect(store.members().get('support@default')?.size).toBe(1);

    socket.serverEmit('queue.stats', stats('support@default', 5));
    expect(store.queueStats()[0]?.waiting).toBe(5);

    socket.serverEmit('queue.delta', {
      queue: 'support@default',
      seq: 5,
      event: {
        type: 'queue.left',
        at: '2025-03-04T09:01:00.000Z',
        queue: 'support@default',
        member,
        outcome: 'ANSWERED',
        cancelReason: null,
      },
    });
    expect(store.members().get('support@default')?.size).toBe(0);
  });

  it('subscribes to a queue it first sees on a call, once', async () => {
    const { socket } = await connected();
    const channel = {
      uuid: 'c1',
      callUuid: 'c1',
      node: 'fs1',
      direction: 'INBOUND' as const,
      callerNumber: '+15550100',
      callerName: null,
      destination: '9201',
      state: 'answered' as const,
      createdAt: '2025-03-04T09:01:00.000Z',
      answeredAt: '2025-03-04T09:01:00.000Z',
      bridgedTo: null,
      queue: 'sales@default',
      agent: null,
    };
    socket.serverEmit('delta', { seq: 11, event: { type: 'call.answered', at: channel.createdAt, channel } });
    socket.serverEmit('delta', { seq: 12, event: { type: 'call.held', at: channel.createdAt, channel, held: false } });

    expect(socket.sentOf('queue.subscribe').map((sent) => sent.args[0])).toEqual([
      { queues: ['support@default'] },
      { queues: ['sales@default'] },
    ]);
  });

  it('shows a tile for a queue provisioned after the snapshot, and drops a removed queue’s tile', async () => {
    const { store, socket } = await connected();
    socket.sentOf('queue.subscribe')[0]?.ack?.({
      ok: true,
      queues: [{ queue: 'support@default', seq: 0, members: [], stats: stats('support@default', 0) }],
    });
    socket.serverEmit('queues.changed', { added: ['billing@default'], removed: [] });
    const subscribe = socket.sentOf('queue.subscribe')[1];
    expect(subscribe?.args[0]).toEqual({ queues: ['billing@default'] });
    subscribe?.ack?.({
      ok: true,
      queues: [{ queue: 'billing@default', seq: 0, members: [], stats: stats('billing@default', 0) }],
    });
    expect(store.queueStats().map((tile) => tile.queue)).toEqual(['billing@default', 'support@default']);

    socket.serverEmit('queues.changed', { added: [], removed: ['support@default'] });
    expect(store.queueStats().map((tile) => tile.queue)).toEqual(['billing@default']);
    expect(store.members().has('support@default')).toBe(false);
    expect(socket.sentOf('queue.unsubscribe').map((sent) => sent.args[0])).toEqual([{ queues: ['support@default'] }]);
  });

  it('applies deltas in sequence and ignores ones it already has', async () => {
    const { store, socket } = await connected();
    const at = '2025-03-04T09:01:00.000Z';
    socket.serverEmit('delta', {
      seq: 11,
      event: { type: 'agent.state', at, agent: agent('1001@default', 'In a queue call') },
    });
    socket.serverEmit('delta', { seq: 11, event: { type: 'agent.state', at, agent: agent('1001@default', 'Idle') } });

    expect(store.agents()[0]?.state).toBe('In a queue call');
    expect(store.updatedAt()).toBe(at);
  });

  it('applies a batch of deltas in order, and asks for a snapshot when a batch skips', async () => {
    const { store, socket } = await connected();
    const at = '2025-03-04T09:01:00.000Z';
    socket.serverEmit('batch', {
      deltas: [
        { seq: 11, event: { type: 'agent.state', at, agent: agent('1001@default', 'Receiving') } },
        { seq: 12, event: { type: 'agent.state', at, agent: agent('1001@default', 'In a queue call') } },
      ],
      queueDeltas: [],
    });
    expect(store.agents()[0]?.state).toBe('In a queue call');
    expect(socket.sentOf('snapshot.request')).toHaveLength(0);

    socket.serverEmit('batch', {
      deltas: [{ seq: 14, event: { type: 'agent.state', at, agent: agent('1001@default', 'Idle') } }],
      queueDeltas: [],
    });
    expect(store.agents()[0]?.state).toBe('In a queue call');
    expect(socket.sentOf('snapshot.request')).toHaveLength(1);
  });

  it('asks for a snapshot after a gap and drops deltas until it arrives', async () => {
    const { store, socket } = await connected();
    const at = '2025-03-04T09:01:00.000Z';
    socket.serverEmit('delta', { seq: 13, event: { type: 'agent.state', at, agent: agent('1001@default', 'Idle') } });
    expect(socket.sentOf('snapshot.request')).toHaveLength(1);

    socket.serverEmit('delta', { seq: 14, event: { type: 'agent.state', at, agent: agent('1002@default', 'Idle') } });
    expect(store.agents().map((a) => a.state)).toEqual(['Waiting', 'Waiting']);

    socket.serverEmit(
      'snapshot',
      snapshot(14, { agents: [agent('1001@default', 'Idle'), agent('1002@default', 'Idle')] }),
    );
    socket.serverEmit('delta', {
      seq: 15,
      event: { type: 'agent.state', at, agent: agent('1002@default', 'Receiving') },
    });
    expect(store.agents().map((a) => a.state)).toEqual(['Idle', 'Receiving']);
  });

  it('re-subscribes a queue whose room sequence skips', async () => {
    const { socket } = await connected();
    socket.sentOf('queue.subscribe')[0]?.ack?.({
      ok: true,
      queues: [{ queue: 'support@default', seq: 4, members: [], stats: stats('support@default', 0) }],
    });
    const member = {
      memberUuid: 'm2',
      sessionUuid: 's2',
      callerNumber: null,
      callerName: null,
      joinedAt: '2025-03-04T09:00:00.000Z',
      state: 'waiting' as const,
      agent: null,
    };
    socket.serverEmit('queue.delta', {
      queue: 'support@default',
      seq: 7,
      event: { type: 'queue.joined', at: '2025-03-04T09:01:00.000Z', queue: 'support@default', member },
    });
    expect(socket.sentOf('queue.subscribe').map((sent) => sent.args[0])).toEqual([
      { queues: ['support@default'] },
      { queues: ['support@default'] },
    ]);
  });

  it('shows the feed as stale when nothing arrives, and live again on the next heartbeat', async () => {
    jest.useFakeTimers();
    const { store, socket } = await connected(5_000);
    jest.advanceTimersByTime(4_000);
    expect(store.connection()).toBe('connected');

    jest.advanceTimersByTime(2_000);
    expect(store.connection()).toBe('stale');

    socket.ping();
    expect(store.connection()).toBe('connected');
  });

  it('shows reconnecting while the connection is down and takes the new snapshot when it is back', async () => {
    const { store, socket } = await connected();
    socket.drop();
    expect(store.connection()).toBe('reconnecting');

    socket.acceptConnection();
    socket.serverEmit('snapshot', snapshot(1, { agents: [agent('2001@default')] }));
    expect(store.connection()).toBe('connected');
    expect(store.agents().map((a) => a.name)).toEqual(['2001@default']);
  });

  it('sends the renewed access token to the open socket', async () => {
    const { socket, http } = await connected();
    const renewal = TestBed.inject(AuthStore).refreshAccessToken();
    http.expectOne('/api/auth/refresh').flush(session('token-2'));
    await renewal;
    TestBed.tick();

    expect(socket.sentOf('auth.renew').map((sent) => sent.args[0])).toEqual([{ token: 'token-2' }]);
  });

  it('reconnects with a fresh token after the server says the token expired', async () => {
    const { store, socket, http } = await connected();
    socket.serverEmit('error', { code: 'TokenExpired', message: 'The access token expired' });
    socket.drop('io server disconnect');
    expect(store.connection()).toBe('reconnecting');

    http.expectOne('/api/auth/refresh').flush(session('token-3'));
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(socket.connectCalls).toBe(2);
    expect(socket.handshakeToken).toBe('token-3');
  });

  it('says so when the server refuses the user', async () => {
    const { store, socket } = await startStore();
    socket.serverEmit('error', { code: 'Forbidden', message: 'You may not watch the floor' });
    socket.drop('io server disconnect');

    expect(store.connection()).toBe('refused');
    expect(store.error()).toBe('You may not watch the floor');
  });
});
