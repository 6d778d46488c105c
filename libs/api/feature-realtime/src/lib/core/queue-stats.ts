import type { LiveAgent, LiveQueueMember, LiveQueueStats, LiveQueueToday } from '@switchboard/shared/contracts';
import { liveQueueStatus } from '@switchboard/shared/util-metrics';

export { baseQueueName } from '@switchboard/shared/util-metrics';

/**
 * A queue tile: the live counters from the metrics library (the same definitions as the reports) plus today's
 * figures. `agents` are the queue's agents by tier.
 */
export function liveQueueStats(
  queue: string,
  members: readonly LiveQueueMember[],
  agents: readonly LiveAgent[],
  today: LiveQueueToday | null,
  at: Date,
): LiveQueueStats {
  const status = liveQueueStatus({ name: queue, members: [...members] }, agents, at);
  return {
    queue,
    waiting: status.contactsInQueue,
    longestWaitSince: status.longestWaitSince,
    agents: status.agents,
    today,
    at: at.toISOString(),
  };
}

/** Whether two tiles show the same figures (`at` aside). */
export function sameQueueStats(a: LiveQueueStats, b: LiveQueueStats): boolean {
  return JSON.stringify({ ...a, at: '' }) === JSON.stringify({ ...b, at: '' });
}
