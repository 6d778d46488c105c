import type { CallMetrics } from '@switchboard/shared/contracts';
import { type SummaryOptions, summarizeCalls } from './call-summary';
import { startOfDay } from './intervals';
import { type MetricCall, offeredAtMillis } from './metric-call';

/** "Today" in a time zone: from local midnight until now. */
export function todayRange(now: Date, timeZone = 'UTC'): { from: Date; to: Date } {
  return { from: startOfDay(now, timeZone), to: now };
}

/**
 * Today's figures of a set of calls (one queue's): the calls offered from local midnight until `now` (inclusive),
 * summarized by {@link summarizeCalls}. The live wall and `GET /api/reports/queues/:queue/today` both call this, so
 * the day's report for a queue and its live counters cannot disagree for the same inputs.
 */
export function summarizeToday(
  calls: Iterable<MetricCall>,
  now: Date,
  options: SummaryOptions & { timeZone?: string },
): CallMetrics {
  const { from } = todayRange(now, options.timeZone);
  const fromMs = from.getTime();
  const nowMs = now.getTime();
  const today: MetricCall[] = [];
  for (const call of calls) {
    const offered = offeredAtMillis(call);
    if (offered >= fromMs && offered <= nowMs) today.push(call);
  }
  return summarizeCalls(today, options);
}
