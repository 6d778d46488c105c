import type {
  LiveAgent,
  LiveQueueAgentCounts,
  LiveQueueMember,
  LiveQueueStats,
  LiveQueueToday,
} from '@switchboard/shared/contracts';

/** Queue name without its `@domain` part, as the database stores it (FreeSWITCH reports `support@default`). */
export const baseQueueName = (queue: string): string => queue.split('@', 1)[0] ?? queue;

/**
 * How an agent counts on a queue tile. mod_callcenter has no "after-call work" state: an agent that is Available but
 * Idle gets no calls, which is how the agent desk holds an agent during wrap-up.
 */
export function agentActivity(agent: LiveAgent): keyof LiveQueueAgentCounts | 'loggedOut' {
  if (agent.status === 'Logged Out') return 'loggedOut';
  if (agent.status === 'On Break') return 'onBreak';
  if (agent.state === 'In a queue call' || agent.state === 'Receiving') return 'onCall';
  if (agent.state === 'Idle') return 'afterCallWork';
  return 'available';
}

/** The live part of a queue tile, from the members now in the queue and the queue's agents (by tier). */
export function liveQueueStats(
  queue: string,
  members: readonly LiveQueueMember[],
  agents: readonly LiveAgent[],
  today: LiveQueueToday | null,
  at: Date,
): LiveQueueStats {
  let waiting = 0;
  let longestWaitSince: string | null = null;
  for (const member of members) {
    if (member.state === 'answered') continue;
    waiting++;
    if (longestWaitSince === null || Date.parse(member.joinedAt) < Date.parse(longestWaitSince))
      longestWaitSince = member.joinedAt;
  }
  const counts: LiveQueueAgentCounts = { staffed: 0, available: 0, onCall: 0, afterCallWork: 0, onBreak: 0 };
  for (const agent of agents) {
    const activity = agentActivity(agent);
    if (activity === 'loggedOut') continue;
    counts.staffed++;
    if (activity !== 'staffed') counts[activity]++;
  }
  return { queue, waiting, longestWaitSince, agents: counts, today, at: at.toISOString() };
}

/** Whether two tiles show the same figures (`at` aside). */
export function sameQueueStats(a: LiveQueueStats, b: LiveQueueStats): boolean {
  return JSON.stringify({ ...a, at: '' }) === JSON.stringify({ ...b, at: '' });
}
