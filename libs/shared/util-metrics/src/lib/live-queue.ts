import type { LiveAgent, LiveQueue, LiveQueueAgentCounts } from '@switchboard/shared/contracts';
import { toMillis } from './metric-call';

/** What an agent is doing right now, for the live counters. */
export type AgentActivity = keyof Omit<LiveQueueAgentCounts, 'staffed'> | 'loggedOut';

/**
 * How an agent counts on the live wall, from mod_callcenter status and state (each agent in exactly one bucket):
 * - loggedOut: status Logged Out (not staffed);
 * - onBreak: status On Break;
 * - onCall: state In a queue call, or Receiving (being offered a call);
 * - afterCallWork: state Idle while Available — mod_callcenter has no wrap-up state, the agent desk parks an agent in
 *   Idle until the wrap-up is submitted;
 * - available: Available / Available (On Demand) and Waiting (or Reserved) for a call.
 */
export function agentActivity(agent: Pick<LiveAgent, 'status' | 'state'>): AgentActivity {
  if (agent.status === 'Logged Out') return 'loggedOut';
  if (agent.status === 'On Break') return 'onBreak';
  if (agent.state === 'In a queue call' || agent.state === 'Receiving') return 'onCall';
  if (agent.state === 'Idle') return 'afterCallWork';
  return 'available';
}

/** Agent counts of a queue: `staffed` = not Logged Out = available + onCall + afterCallWork + onBreak. */
export function countAgents(agents: Iterable<Pick<LiveAgent, 'status' | 'state'>>): LiveQueueAgentCounts {
  const counts: LiveQueueAgentCounts = { staffed: 0, available: 0, onCall: 0, afterCallWork: 0, onBreak: 0 };
  for (const agent of agents) {
    const activity = agentActivity(agent);
    if (activity === 'loggedOut') continue;
    counts.staffed++;
    counts[activity]++;
  }
  return counts;
}

/** Live counters of one queue. */
export interface LiveQueueStatus {
  queue: string;
  /** Contacts in queue: members not yet bridged to an agent (waiting, or an agent's phone ringing). */
  contactsInQueue: number;
  /** When the longest-waiting of them joined (ISO), null when nobody waits. */
  longestWaitSince: string | null;
  /** Longest current wait: now − longestWaitSince, whole seconds (never negative); 0 when nobody waits. */
  longestWaitSeconds: number;
  agents: LiveQueueAgentCounts;
}

/**
 * The live counters of a queue from the live store: its members, and the agents with a tier in the queue (the caller
 * picks them; live agents carry no queue membership).
 */
export function liveQueueStatus(
  queue: Pick<LiveQueue, 'name' | 'members'>,
  agents: Iterable<Pick<LiveAgent, 'status' | 'state'>>,
  now: Date,
): LiveQueueStatus {
  let contactsInQueue = 0;
  let longest: number | null = null;
  for (const member of queue.members) {
    if (member.state === 'answered') continue;
    contactsInQueue++;
    const joined = toMillis(member.joinedAt);
    if (longest === null || joined < longest) longest = joined;
  }
  return {
    queue: queue.name,
    contactsInQueue,
    longestWaitSince: longest === null ? null : new Date(longest).toISOString(),
    longestWaitSeconds: longest === null ? 0 : Math.max(0, Math.floor((now.getTime() - longest) / 1000)),
    agents: countAgents(agents),
  };
}
