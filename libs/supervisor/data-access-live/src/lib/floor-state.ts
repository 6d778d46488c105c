import type {
  AgentPhoneHealth,
  LiveAgent,
  LiveChannel,
  LiveEvent,
  LiveQueueMember,
  LiveQueueStats,
  LiveRegistration,
  SupervisorSnapshot,
} from '@switchboard/shared/contracts';

/** The floor as the dashboard holds it; every collection keyed for in-place updates. */
export interface FloorState {
  at: string | null;
  agents: ReadonlyMap<string, LiveAgent>;
  channels: ReadonlyMap<string, LiveChannel>;
  registrations: ReadonlyMap<string, LiveRegistration>;
  nodes: ReadonlyMap<string, boolean>;
  queueStats: ReadonlyMap<string, LiveQueueStats>;
  /** Waiting and offered callers of subscribed queues, by queue, then by member uuid. */
  members: ReadonlyMap<string, ReadonlyMap<string, LiveQueueMember>>;
  phoneHealth: ReadonlyMap<string, AgentPhoneHealth>;
}

/** Nothing known yet. */
export const EMPTY_FLOOR: FloorState = {
  at: null,
  agents: new Map(),
  channels: new Map(),
  registrations: new Map(),
  nodes: new Map(),
  queueStats: new Map(),
  members: new Map(),
  phoneHealth: new Map(),
};

const byKey = <T>(items: readonly T[], key: (item: T) => string): Map<string, T> =>
  new Map(items.map((item) => [key(item), item]));
const registrationKey = (registration: LiveRegistration): string => `${registration.user}@${registration.realm}`;

/** The floor a snapshot describes, replacing everything held before. */
export function floorFromSnapshot(snapshot: SupervisorSnapshot): FloorState {
  return {
    at: snapshot.at,
    agents: byKey(snapshot.agents, (agent) => agent.name),
    channels: byKey(snapshot.channels, (channel) => channel.uuid),
    registrations: byKey(snapshot.registrations, registrationKey),
    nodes: new Map(snapshot.nodes.map((node) => [node.node, node.connected])),
    queueStats: byKey(snapshot.queueStats, (stats) => stats.queue),
    members: new Map(snapshot.queues.map((queue) => [queue.queue, byKey(queue.members, (m) => m.memberUuid)])),
    phoneHealth: byKey(snapshot.phoneHealth, (health) => health.agent),
  };
}

function withEntry<T>(map: ReadonlyMap<string, T>, key: string, value: T | null): ReadonlyMap<string, T> {
  const next = new Map(map);
  if (value === null) next.delete(key);
  else next.set(key, value);
  return next;
}

/** The floor after one live event. Pure: the store keeps the result. */
export function applyLiveEvent(floor: FloorState, event: LiveEvent): FloorState {
  switch (event.type) {
    case 'call.started':
    case 'call.answered':
    case 'call.bridged':
    case 'call.held':
      return { ...floor, at: event.at, channels: withEntry(floor.channels, event.channel.uuid, event.channel) };
    case 'call.ended':
      return { ...floor, at: event.at, channels: withEntry(floor.channels, event.channel.uuid, null) };
    case 'agent.status':
    case 'agent.state':
      return { ...floor, at: event.at, agents: withEntry(floor.agents, event.agent.name, event.agent) };
    case 'queue.joined':
    case 'queue.left': {
      const queue = floor.members.get(event.queue) ?? new Map<string, LiveQueueMember>();
      const member = event.type === 'queue.joined' ? event.member : null;
      const members = withEntry(queue, event.member.memberUuid, member);
      return { ...floor, at: event.at, members: withEntry(floor.members, event.queue, members) };
    }
    case 'registration.changed': {
      const value = event.registered ? event.registration : null;
      return {
        ...floor,
        at: event.at,
        registrations: withEntry(floor.registrations, registrationKey(event.registration), value),
      };
    }
    case 'node.connection':
      return { ...floor, at: event.at, nodes: withEntry(floor.nodes, event.node, event.connected) };
    case 'live.resynced':
      return { ...floor, at: event.at };
  }
}
