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

/** The floor without the tiles and waiting callers of `queues` (removed from provisioning). */
export function withoutQueues(floor: FloorState, queues: readonly string[]): FloorState {
  if (!queues.some((queue) => floor.queueStats.has(queue) || floor.members.has(queue))) return floor;
  const queueStats = new Map(floor.queueStats);
  const members = new Map(floor.members);
  for (const queue of queues) {
    queueStats.delete(queue);
    members.delete(queue);
  }
  return { ...floor, queueStats, members };
}

/**
 * The floor after consecutive live events. Pure, and each collection is copied once per call however many events
 * touch it, so a batch of thousands of changes costs one copy, not thousands.
 */
export function applyLiveEvents(floor: FloorState, events: readonly LiveEvent[]): FloorState {
  if (events.length === 0) return floor;
  const agents = new Map(floor.agents);
  const channels = new Map(floor.channels);
  const registrations = new Map(floor.registrations);
  const nodes = new Map(floor.nodes);
  const members = new Map(floor.members);
  const copiedQueues = new Set<string>();
  const membersOf = (queue: string): Map<string, LiveQueueMember> => {
    if (!copiedQueues.has(queue)) {
      members.set(queue, new Map(members.get(queue) ?? []));
      copiedQueues.add(queue);
    }
    return members.get(queue) as Map<string, LiveQueueMember>;
  };
  let at = floor.at;
  for (const event of events) {
    at = event.at;
    switch (event.type) {
      case 'call.started':
      case 'call.answered':
      case 'call.bridged':
      case 'call.held':
        channels.set(event.channel.uuid, event.channel);
        break;
      case 'call.ended':
        channels.delete(event.channel.uuid);
        break;
      case 'agent.status':
      case 'agent.state':
        agents.set(event.agent.name, event.agent);
        break;
      case 'queue.joined':
        membersOf(event.queue).set(event.member.memberUuid, event.member);
        break;
      case 'queue.left':
        membersOf(event.queue).delete(event.member.memberUuid);
        break;
      case 'registration.changed':
        if (event.registered) registrations.set(registrationKey(event.registration), event.registration);
        else registrations.delete(registrationKey(event.registration));
        break;
      case 'node.connection':
        nodes.set(event.node, event.connected);
        break;
      case 'live.resynced':
        // The store asks for a fresh snapshot; nothing to apply here.
        break;
    }
  }
  return { ...floor, at, agents, channels, registrations, nodes, members };
}
