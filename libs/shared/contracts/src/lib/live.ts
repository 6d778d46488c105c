/**
 * Live domain events: what the API learns from FreeSWITCH, in the form the realtime dashboard consumes.
 * Emitted by the live state store after each ESL event and rebuilt by resynchronisation.
 */
import type { WebCallInfo } from './call-buttons';
import type { CallDirection, QueueOutcome } from './calls';
import type { AgentStatusCode } from './provisioning';

/** Node id of the demo's in-process simulated switch (DEMO=1): its traffic is generated, not real. */
export const DEMO_SIMULATOR_NODE = 'demo-simulator';

/** mod_callcenter agent status. */
export const AGENT_STATUSES = ['Logged Out', 'Available', 'Available (On Demand)', 'On Break'] as const;
export type LiveAgentStatus = (typeof AGENT_STATUSES)[number];
/** mod_callcenter's spelling of each stored status code (`callcenter_config agent set status`, callcenter.conf). */
export const CALLCENTER_AGENT_STATUS: Readonly<Record<AgentStatusCode, LiveAgentStatus>> = {
  LOGGED_OUT: 'Logged Out',
  AVAILABLE: 'Available',
  AVAILABLE_ON_DEMAND: 'Available (On Demand)',
  ON_BREAK: 'On Break',
};
/** The stored status code of a status as mod_callcenter spells it. */
export const AGENT_STATUS_CODE_OF: Readonly<Record<LiveAgentStatus, AgentStatusCode>> = {
  'Logged Out': 'LOGGED_OUT',
  Available: 'AVAILABLE',
  'Available (On Demand)': 'AVAILABLE_ON_DEMAND',
  'On Break': 'ON_BREAK',
};
/** The stored status code of a status as mod_callcenter spells it, or undefined for a value it never sends. */
export function agentStatusCodeOf(spelled: string | undefined): AgentStatusCode | undefined {
  const status = AGENT_STATUSES.find((candidate) => candidate === spelled);
  return status === undefined ? undefined : AGENT_STATUS_CODE_OF[status];
}
/** mod_callcenter agent state. */
export const AGENT_STATES = ['Idle', 'Waiting', 'Receiving', 'In a queue call', 'Reserved'] as const;
export type LiveAgentState = (typeof AGENT_STATES)[number];

export interface LiveChannel {
  uuid: string;
  callUuid: string;
  node: string;
  direction: CallDirection;
  callerNumber: string | null;
  callerName: string | null;
  destination: string | null;
  state: 'ringing' | 'early' | 'answered' | 'held' | 'hangup';
  createdAt: string;
  answeredAt: string | null;
  bridgedTo: string | null;
  queue: string | null;
  agent: string | null;
  /** Set on the caller's leg of a web call (channel `web`): its call button and page. */
  web?: WebCallInfo;
}

export interface LiveAgent {
  name: string;
  status: LiveAgentStatus;
  state: LiveAgentState;
  statusSince: string;
  stateSince: string;
  /** Channel uuid of the queue call the agent is on. */
  callUuid: string | null;
}

export interface LiveQueueMember {
  /** CC-Member-UUID. */
  memberUuid: string;
  /** The caller's channel. */
  sessionUuid: string;
  callerNumber: string | null;
  callerName: string | null;
  joinedAt: string;
  state: 'waiting' | 'trying' | 'answered';
  agent: string | null;
}

export interface LiveQueue {
  name: string;
  members: LiveQueueMember[];
}

export interface LiveRegistration {
  user: string;
  realm: string;
  contact: string | null;
  node: string;
  registeredAt: string;
}

/** Every change the live store reports, discriminated by `type`. */
export type LiveEvent =
  | { type: 'call.started'; at: string; channel: LiveChannel }
  | { type: 'call.answered'; at: string; channel: LiveChannel }
  | { type: 'call.bridged'; at: string; channel: LiveChannel; otherUuid: string }
  | { type: 'call.held'; at: string; channel: LiveChannel; held: boolean }
  | { type: 'call.ended'; at: string; channel: LiveChannel; hangupCause: string | null }
  | { type: 'agent.status'; at: string; agent: LiveAgent }
  | { type: 'agent.state'; at: string; agent: LiveAgent }
  | { type: 'queue.joined'; at: string; queue: string; member: LiveQueueMember }
  | {
      type: 'queue.left';
      at: string;
      queue: string;
      member: LiveQueueMember;
      outcome: QueueOutcome;
      cancelReason: string | null;
    }
  | { type: 'registration.changed'; at: string; registration: LiveRegistration; registered: boolean }
  | { type: 'node.connection'; at: string; node: string; connected: boolean }
  | { type: 'live.resynced'; at: string; node: string };

/** A full picture of the floor, for clients that (re)join. */
export interface LiveSnapshot {
  at: string;
  channels: LiveChannel[];
  agents: LiveAgent[];
  queues: LiveQueue[];
  registrations: LiveRegistration[];
  /** Node ids and whether each is connected. */
  nodes: { node: string; connected: boolean }[];
}
