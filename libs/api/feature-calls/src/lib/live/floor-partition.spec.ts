import type { LiveChannel, LiveSnapshot } from '@switchboard/shared/contracts';
import { FloorPartition, mergeSnapshots } from './floor-partition';

const at = '2026-11-30T10:00:00.000Z';
const channel = (uuid: string, node: string): LiveChannel => ({
  uuid,
  callUuid: uuid,
  node,
  direction: 'INBOUND',
  callerNumber: null,
  callerName: null,
  destination: null,
  state: 'ringing',
  createdAt: at,
  answeredAt: null,
  bridgedTo: null,
  queue: null,
  agent: null,
});
const empty = (): LiveSnapshot => ({ at, channels: [], agents: [], queues: [], registrations: [], nodes: [] });

describe('FloorPartition', () => {
  it('follows another replica’s deltas', () => {
    const partition = new FloorPartition();
    partition.apply({ type: 'call.started', at, channel: channel('c1', 'fs-b') });
    partition.apply({ type: 'call.started', at, channel: channel('c2', 'fs-b') });
    partition.apply({ type: 'call.ended', at, channel: channel('c1', 'fs-b'), hangupCause: null });
    const member = {
      memberUuid: 'm1',
      sessionUuid: 'c2',
      callerNumber: null,
      callerName: null,
      joinedAt: at,
      state: 'waiting' as const,
      agent: null,
    };
    partition.apply({ type: 'queue.joined', at, queue: 'support@default', member });
    partition.apply({ type: 'node.connection', at, node: 'fs-b', connected: true });
    const snapshot = partition.snapshot(new Date(at));
    expect(snapshot.channels.map((c) => c.uuid)).toEqual(['c2']);
    expect(snapshot.queues).toEqual([{ name: 'support@default', members: [member] }]);
    expect(snapshot.nodes).toEqual([{ node: 'fs-b', connected: true }]);
    partition.apply({
      type: 'queue.left',
      at,
      queue: 'support@default',
      member,
      outcome: 'ABANDONED',
      cancelReason: null,
    });
    expect(partition.snapshot(new Date(at)).queues).toEqual([{ name: 'support@default', members: [] }]);
  });

  it('is replaced wholesale by a snapshot', () => {
    const partition = new FloorPartition();
    partition.apply({ type: 'call.started', at, channel: channel('old', 'fs-b') });
    partition.replace({ ...empty(), channels: [channel('new', 'fs-b')] });
    expect(partition.snapshot(new Date(at)).channels.map((c) => c.uuid)).toEqual(['new']);
  });
});

describe('mergeSnapshots', () => {
  const available = {
    name: 'a1',
    status: 'Available' as const,
    state: 'Waiting' as const,
    statusSince: at,
    stateSince: at,
    callUuid: null,
  };

  it('adds up channels and nodes, unites queue members and keeps the latest change of each agent', () => {
    const older = available;
    const newer = { ...older, status: 'On Break' as const, statusSince: '2026-11-30T10:01:00.000Z' };
    const m = (id: string) => ({
      memberUuid: id,
      sessionUuid: id,
      callerNumber: null,
      callerName: null,
      joinedAt: at,
      state: 'waiting' as const,
      agent: null,
    });
    const merged = mergeSnapshots(
      [
        {
          ...empty(),
          channels: [channel('c1', 'fs-a')],
          agents: [newer],
          queues: [{ name: 'q', members: [m('1')] }],
          nodes: [{ node: 'fs-a', connected: true }],
        },
        {
          ...empty(),
          channels: [channel('c2', 'fs-b')],
          agents: [older],
          queues: [{ name: 'q', members: [m('2')] }],
          nodes: [{ node: 'fs-b', connected: false }],
        },
      ],
      new Date(at),
    );
    expect(merged.channels.map((c) => c.uuid)).toEqual(['c1', 'c2']);
    expect(merged.nodes).toHaveLength(2);
    expect(merged.agents).toEqual([newer]);
    expect(merged.queues).toEqual([{ name: 'q', members: [m('1'), m('2')] }]);
  });

  it('shows an agent as signed in where they are, not as the Logged Out that every other node reports', () => {
    const signedIn = available;
    // Another node loaded the agent later (it started later), so its Logged Out is the newer change.
    const elsewhere = { ...signedIn, status: 'Logged Out' as const, statusSince: '2026-11-30T10:05:00.000Z' };
    for (const order of [
      [signedIn, elsewhere],
      [elsewhere, signedIn],
    ]) {
      const parts = order.map((agent) => ({ ...empty(), agents: [agent] }));
      expect(mergeSnapshots(parts, new Date(at)).agents).toEqual([signedIn]);
    }
  });
});
