import {
  AGENT_STATES,
  AGENT_STATUSES,
  type LiveAgent,
  type LiveAgentState,
  type LiveAgentStatus,
  type LiveChannel,
  type LiveEvent,
  type LiveQueueMember,
  type LiveRegistration,
  type LiveSnapshot,
} from '@switchboard/shared/contracts';
import { queueOutcomeOf } from '../assembler/queue-outcome';
import type { EslEvent } from '@switchboard/api/data-access-esl';
import { channelTimeUs, headerOf } from '../assembler/switch-event';
import { liveWebInfo } from '../assembler/web-call';

/** What a resynchronisation read from one node (show channels, callcenter_config, registrations). */
export interface NodeSnapshot {
  node: string;
  channels: LiveChannel[];
  agents: Omit<LiveAgent, 'callUuid'>[];
  members: { queue: string; member: LiveQueueMember }[];
  /** Every queue mod_callcenter has loaded, callers or not (each gets a tile). */
  queues?: string[];
  registrations: LiveRegistration[];
}

const iso = (us: bigint): string => new Date(Number(us / 1000n)).toISOString();
const asStatus = (v: string | undefined): LiveAgentStatus | undefined => AGENT_STATUSES.find((s) => s === v);
const asState = (v: string | undefined): LiveAgentState | undefined => AGENT_STATES.find((s) => s === v);

/**
 * The floor as it is now: channels, mod_callcenter agents, queue members, registrations — kept from the event flow
 * and replaced wholesale by {@link resync} after every (re)connect, so a missed event cannot leave it wrong for long.
 * Each change is reported as a typed {@link LiveEvent}.
 */
export class LiveState {
  private readonly channels = new Map<string, LiveChannel>();
  private readonly agents = new Map<string, LiveAgent>();
  private readonly queues = new Map<string, Map<string, LiveQueueMember>>();
  private readonly registrations = new Map<string, LiveRegistration>();
  private readonly nodes = new Map<string, boolean>();

  /**
   * Applies one event from node `nodeId` (the configured node, so resync can replace exactly its channels;
   * `callUuid`: the call the assembler put the channel in) and returns what changed.
   */
  apply(event: EslEvent, callUuid: string | undefined, nodeId: string): LiveEvent[] {
    const at = iso(event.timestampUs);
    if (event.name === 'CUSTOM') {
      if (event.subclass === 'callcenter::info') return this.applyCallcenter(event, at);
      if (event.subclass?.startsWith('sofia::')) return this.applyRegistration(event, at, nodeId);
      return [];
    }
    const uuid = event.channelUuid;
    if (!uuid) return [];
    if (event.name === 'CHANNEL_CREATE') {
      const channel: LiveChannel = {
        uuid,
        callUuid: callUuid ?? uuid,
        node: nodeId,
        direction: headerOf(event, 'Call-Direction') === 'outbound' ? 'OUTBOUND' : 'INBOUND',
        callerNumber: headerOf(event, 'Caller-Caller-ID-Number') ?? null,
        callerName: headerOf(event, 'Caller-Caller-ID-Name') ?? null,
        destination: headerOf(event, 'Caller-Destination-Number') ?? null,
        state: 'ringing',
        createdAt: at,
        answeredAt: null,
        bridgedTo: null,
        queue: null,
        agent: null,
        ...liveWebInfo((name) => headerOf(event, `variable_${name}`)),
      };
      this.channels.set(uuid, channel);
      return [{ type: 'call.started', at, channel }];
    }
    const channel = this.channels.get(uuid);
    if (!channel) return [];
    // A leg linked to its call after its CHANNEL_CREATE (an originated leg, a loopback A leg) moves into that call.
    if (callUuid !== undefined) channel.callUuid = callUuid;
    switch (event.name) {
      case 'CHANNEL_PROGRESS_MEDIA':
        channel.state = 'early';
        return [];
      case 'CHANNEL_ANSWER':
        channel.state = 'answered';
        channel.answeredAt = iso(channelTimeUs(event, 'Caller-Channel-Answered-Time'));
        return [{ type: 'call.answered', at, channel }];
      case 'CHANNEL_BRIDGE': {
        const other = headerOf(event, 'Other-Leg-Unique-ID') ?? '';
        channel.bridgedTo = other || null;
        return [{ type: 'call.bridged', at, channel, otherUuid: other }];
      }
      case 'CHANNEL_UNBRIDGE':
        channel.bridgedTo = null;
        return [];
      case 'CHANNEL_HOLD':
      case 'CHANNEL_UNHOLD':
        channel.state = event.name === 'CHANNEL_HOLD' ? 'held' : 'answered';
        return [{ type: 'call.held', at, channel, held: event.name === 'CHANNEL_HOLD' }];
      // The channel leaves the floor when it hangs up: CHANNEL_HANGUP_COMPLETE can come seconds later (it waits for
      // mod_json_cdr's post), and then only removes a channel whose CHANNEL_HANGUP we missed.
      case 'CHANNEL_HANGUP':
      case 'CHANNEL_HANGUP_COMPLETE':
        this.channels.delete(uuid);
        channel.state = 'hangup';
        return [{ type: 'call.ended', at, channel, hangupCause: headerOf(event, 'Hangup-Cause') ?? null }];
      default:
        return [];
    }
  }

  /** Replaces everything known about one node with what it reported. */
  resync(snapshot: NodeSnapshot, atUs: bigint): LiveEvent[] {
    for (const [uuid, channel] of this.channels) if (channel.node === snapshot.node) this.channels.delete(uuid);
    for (const channel of snapshot.channels) this.channels.set(channel.uuid, channel);
    this.agents.clear();
    for (const agent of snapshot.agents) this.agents.set(agent.name, { ...agent, callUuid: null });
    this.queues.clear();
    for (const queue of snapshot.queues ?? []) this.queue(queue);
    for (const { queue, member } of snapshot.members) this.queue(queue).set(member.memberUuid, member);
    for (const [key, registration] of this.registrations)
      if (registration.node === snapshot.node) this.registrations.delete(key);
    for (const registration of snapshot.registrations)
      this.registrations.set(`${registration.user}@${registration.realm}`, registration);
    this.nodes.set(snapshot.node, true);
    return [{ type: 'live.resynced', at: iso(atUs), node: snapshot.node }];
  }

  /** Marks a node connected or not; its channels stay until resync, since calls outlive an ESL drop. */
  setNodeConnected(node: string, connected: boolean, at: Date): LiveEvent {
    this.nodes.set(node, connected);
    return { type: 'node.connection', at: at.toISOString(), node, connected };
  }

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

  private applyCallcenter(event: EslEvent, at: string): LiveEvent[] {
    const agentName = headerOf(event, 'CC-Agent');
    const queueName = headerOf(event, 'CC-Queue');
    switch (headerOf(event, 'CC-Action') ?? '') {
      case 'agent-add':
        if (agentName) this.agent(agentName, at);
        return [];
      case 'agent-del':
        if (agentName) this.agents.delete(agentName);
        return [];
      case 'agent-status-change': {
        const status = asStatus(headerOf(event, 'CC-Agent-Status'));
        if (!agentName || !status) return [];
        const agent = this.agent(agentName, at);
        Object.assign(agent, { status, statusSince: at });
        return [{ type: 'agent.status', at, agent }];
      }
      case 'agent-state-change': {
        const state = asState(headerOf(event, 'CC-Agent-State'));
        if (!agentName || !state) return [];
        const agent = this.agent(agentName, at);
        Object.assign(agent, { state, stateSince: at, callUuid: state === 'In a queue call' ? agent.callUuid : null });
        return [{ type: 'agent.state', at, agent }];
      }
      case 'member-queue-start': {
        const member = memberOf(event, at);
        if (!queueName || !member) return [];
        this.queue(queueName).set(member.memberUuid, member);
        this.tagChannel(member.sessionUuid, { queue: queueName });
        return [{ type: 'queue.joined', at, queue: queueName, member }];
      }
      case 'agent-offering':
      case 'bridge-agent-start': {
        const member = this.queue(queueName ?? '').get(headerOf(event, 'CC-Member-UUID') ?? '');
        if (member)
          Object.assign(member, {
            state: headerOf(event, 'CC-Action') === 'agent-offering' ? 'trying' : 'answered',
            agent: agentName ?? null,
          });
        if (headerOf(event, 'CC-Action') === 'bridge-agent-start' && agentName) {
          this.agent(agentName, at).callUuid = headerOf(event, 'CC-Member-Session-UUID') ?? null;
          this.tagChannel(headerOf(event, 'CC-Member-Session-UUID'), { agent: agentName });
        }
        return [];
      }
      case 'member-queue-end': {
        const members = this.queue(queueName ?? '');
        const memberUuid = headerOf(event, 'CC-Member-UUID') ?? '';
        const member = members.get(memberUuid) ?? memberOf(event, at);
        members.delete(memberUuid);
        if (!queueName || !member) return [];
        const reason = headerOf(event, 'CC-Cancel-Reason') ?? null;
        return [
          {
            type: 'queue.left',
            at,
            queue: queueName,
            member,
            outcome: queueOutcomeOf(headerOf(event, 'CC-Cause'), reason, member.agent !== null),
            cancelReason: reason,
          },
        ];
      }
      default:
        return [];
    }
  }

  private applyRegistration(event: EslEvent, at: string, nodeId: string): LiveEvent[] {
    const user = headerOf(event, 'username') ?? headerOf(event, 'from-user');
    const realm = headerOf(event, 'realm') ?? headerOf(event, 'domain_name') ?? headerOf(event, 'from-host');
    if (!user || !realm) return [];
    const registration: LiveRegistration = {
      user,
      realm,
      contact: headerOf(event, 'contact') ?? null,
      node: nodeId,
      registeredAt: at,
    };
    const key = `${user}@${realm}`;
    if (event.subclass === 'sofia::register') {
      this.registrations.set(key, registration);
      return [{ type: 'registration.changed', at, registration, registered: true }];
    }
    if (event.subclass === 'sofia::unregister' || event.subclass === 'sofia::expire') {
      this.registrations.delete(key);
      return [{ type: 'registration.changed', at, registration, registered: false }];
    }
    return [];
  }

  private agent(name: string, at: string): LiveAgent {
    let agent = this.agents.get(name);
    if (!agent) {
      agent = { name, status: 'Logged Out', state: 'Waiting', statusSince: at, stateSince: at, callUuid: null };
      this.agents.set(name, agent);
    }
    return agent;
  }

  private queue(name: string): Map<string, LiveQueueMember> {
    let members = this.queues.get(name);
    if (!members) {
      members = new Map();
      this.queues.set(name, members);
    }
    return members;
  }

  private tagChannel(uuid: string | undefined, tags: Partial<Pick<LiveChannel, 'queue' | 'agent'>>): void {
    const channel = uuid ? this.channels.get(uuid) : undefined;
    if (channel) Object.assign(channel, tags);
  }
}

function memberOf(event: EslEvent, at: string): LiveQueueMember | undefined {
  const memberUuid = headerOf(event, 'CC-Member-UUID');
  const sessionUuid = headerOf(event, 'CC-Member-Session-UUID');
  if (!memberUuid || !sessionUuid) return undefined;
  return {
    memberUuid,
    sessionUuid,
    callerNumber: headerOf(event, 'CC-Member-CID-Number') ?? headerOf(event, 'Caller-Caller-ID-Number') ?? null,
    callerName: headerOf(event, 'CC-Member-CID-Name') ?? headerOf(event, 'Caller-Caller-ID-Name') ?? null,
    joinedAt: at,
    state: 'waiting',
    agent: null,
  };
}
