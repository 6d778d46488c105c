import type {
  LiveAgent,
  LiveChannel,
  LiveEvent,
  LiveQueueMember,
  LiveRegistration,
  LiveSnapshot,
} from '@switchboard/shared/contracts';

/**
 * The floor of one FreeSWITCH node as the replicas share it through Redis: replaced by the owner's snapshot (after
 * a resync or a Redis restart, and for a replica that joins late) and kept up to date from its deltas.
 */
export class FloorPartition {
  readonly channels = new Map<string, LiveChannel>();
  readonly agents = new Map<string, LiveAgent>();
  readonly queues = new Map<string, Map<string, LiveQueueMember>>();
  readonly registrations = new Map<string, LiveRegistration>();
  readonly nodes = new Map<string, boolean>();
  /** Replaces everything with a snapshot of the owning replica. */
  replace(snapshot: LiveSnapshot): void {
    this.channels.clear();
    for (const channel of snapshot.channels) this.channels.set(channel.uuid, channel);
    this.agents.clear();
    for (const agent of snapshot.agents) this.agents.set(agent.name, agent);
    this.queues.clear();
    for (const queue of snapshot.queues)
      this.queues.set(queue.name, new Map(queue.members.map((m) => [m.memberUuid, m])));
    this.registrations.clear();
    for (const registration of snapshot.registrations)
      this.registrations.set(registrationKey(registration), registration);
    this.nodes.clear();
    for (const { node, connected } of snapshot.nodes) this.nodes.set(node, connected);
  }

  /** Applies one delta of the owning replica. */
  apply(event: LiveEvent): void {
    switch (event.type) {
      case 'call.started':
      case 'call.answered':
      case 'call.bridged':
      case 'call.held':
        this.channels.set(event.channel.uuid, event.channel);
        return;
      case 'call.ended':
        this.channels.delete(event.channel.uuid);
        return;
      case 'agent.status':
      case 'agent.state':
        this.agents.set(event.agent.name, event.agent);
        return;
      case 'queue.joined':
        this.queue(event.queue).set(event.member.memberUuid, event.member);
        return;
      case 'queue.left':
        this.queue(event.queue).delete(event.member.memberUuid);
        return;
      case 'registration.changed':
        if (event.registered) this.registrations.set(registrationKey(event.registration), event.registration);
        else this.registrations.delete(registrationKey(event.registration));
        return;
      case 'node.connection':
        this.nodes.set(event.node, event.connected);
        return;
      case 'live.resynced':
        // The owner follows a resync with the node's full snapshot (see SharedFloorService).
        return;
    }
  }

  /** This partition as a snapshot. */
  snapshot(at: Date): LiveSnapshot {
    return {
      at: at.toISOString(),
      channels: [...this.channels.values()],
      agents: [...this.agents.values()],
      queues: [...this.queues].map(([name, members]) => ({ name, members: [...members.values()] })),
      registrations: [...this.registrations.values()],
      nodes: [...this.nodes].map(([node, connected]) => ({ node, connected })),
    };
  }

  private queue(name: string): Map<string, LiveQueueMember> {
    let members = this.queues.get(name);
    if (!members) {
      members = new Map();
      this.queues.set(name, members);
    }
    return members;
  }
}

const registrationKey = (r: LiveRegistration): string => `${r.user}@${r.realm}`;

/**
 * Merges the snapshots of several nodes into one floor. Channels, members, registrations and nodes belong to
 * one node each, so they simply add up; agents and queues are mod_callcenter's, keyed by name: the most recent
 * change of an agent wins, and members of a queue are united.
 */
export function mergeSnapshots(parts: readonly LiveSnapshot[], at: Date): LiveSnapshot {
  if (parts.length === 1 && parts[0]) return parts[0];
  const agents = new Map<string, LiveAgent>();
  const queues = new Map<string, Map<string, LiveQueueMember>>();
  const merged: LiveSnapshot = {
    at: at.toISOString(),
    channels: [],
    agents: [],
    queues: [],
    registrations: [],
    nodes: [],
  };
  for (const part of parts) {
    merged.channels.push(...part.channels);
    merged.registrations.push(...part.registrations);
    merged.nodes.push(...part.nodes);
    for (const agent of part.agents) {
      const known = agents.get(agent.name);
      if (!known || newerOrSignedIn(agent, known)) agents.set(agent.name, agent);
    }
    for (const queue of part.queues) {
      const members = queues.get(queue.name) ?? new Map<string, LiveQueueMember>();
      for (const member of queue.members) members.set(member.memberUuid, member);
      queues.set(queue.name, members);
    }
  }
  merged.agents = [...agents.values()];
  merged.queues = [...queues].map(([name, members]) => ({ name, members: [...members.values()] }));
  return merged;
}

/**
 * Which of two nodes' views of one agent the floor shows: mod_callcenter knows every agent on every node, but an
 * agent signs in on one; the others keep saying Logged Out, however recently they loaded the agent.
 */
function newerOrSignedIn(agent: LiveAgent, known: LiveAgent): boolean {
  const signedIn = agent.status !== 'Logged Out';
  if (signedIn !== (known.status !== 'Logged Out')) return signedIn;
  return lastChange(agent) >= lastChange(known);
}

const lastChange = (agent: LiveAgent): number => Math.max(Date.parse(agent.statusSince), Date.parse(agent.stateSince));
