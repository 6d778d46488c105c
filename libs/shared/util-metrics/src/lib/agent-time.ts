import type { AgentStatusCode, AgentTimeMetrics, CallMetrics } from '@switchboard/shared/contracts';
import { type SummaryOptions, ratio, summarizeCalls } from './call-summary';
import { type Instant, type MetricCall, toMillis } from './metric-call';

/** One row of an agent's status history (`AgentStatusChange`): from `at` on, the agent had `status`. */
export interface MetricStatusChange {
  status: AgentStatusCode;
  at: Instant;
}

/** An agent's status history over a range. */
export interface AgentStatusHistory {
  /** Status at `from`: the last change before the range, or LOGGED_OUT when there is none. */
  statusAtFrom: AgentStatusCode;
  /** Changes inside the range, any order; changes outside `[from, to)` are ignored. */
  changes: readonly MetricStatusChange[];
}

/**
 * Seconds an agent spent per status within `[from, to)`, from the status history:
 * - staffed: signed in, any status but LOGGED_OUT (breaks included);
 * - available: AVAILABLE or AVAILABLE_ON_DEMAND (staffed minus breaks; calls and after-call work happen here);
 * - break: ON_BREAK.
 * Pass `to` no later than now: the last status is assumed to last until `to`.
 */
export function agentTime(
  history: AgentStatusHistory,
  from: Instant,
  to: Instant,
): Omit<AgentTimeMetrics, 'occupancy'> {
  const fromMs = toMillis(from);
  const toMs = toMillis(to);
  const changes = history.changes
    .map((c) => ({ status: c.status, ms: toMillis(c.at) }))
    .filter((c) => c.ms >= fromMs && c.ms < toMs)
    .sort((a, b) => a.ms - b.ms);
  const spent: Record<AgentStatusCode, number> = { LOGGED_OUT: 0, AVAILABLE: 0, AVAILABLE_ON_DEMAND: 0, ON_BREAK: 0 };
  let status = history.statusAtFrom;
  let since = fromMs;
  for (const change of [...changes, { status: history.statusAtFrom, ms: toMs }]) {
    spent[status] += Math.max(0, change.ms - since);
    status = change.status;
    since = change.ms;
  }
  const seconds = (ms: number) => Math.round(ms / 1000);
  const availableMs = spent.AVAILABLE + spent.AVAILABLE_ON_DEMAND;
  return {
    staffedSeconds: seconds(availableMs + spent.ON_BREAK),
    availableSeconds: seconds(availableMs),
    breakSeconds: seconds(spent.ON_BREAK),
  };
}

/**
 * Occupancy: share of the agent's available time (staffed minus breaks) spent handling calls (talk + hold +
 * after-call work), 0..1 rounded to 4 decimals; null with no available time. Not capped: above 1 means call records
 * and status history disagree (e.g. calls taken while recorded as on break).
 */
export function occupancy(handleSeconds: number, availableSeconds: number): number | null {
  return ratio(handleSeconds, availableSeconds);
}

/** Adds an agent's time and occupancy to the figures of the calls bridged to them. */
export function withAgentTime(
  metrics: CallMetrics,
  history: AgentStatusHistory,
  range: { from: Instant; to: Instant },
): CallMetrics & AgentTimeMetrics {
  const time = agentTime(history, range.from, range.to);
  return { ...metrics, ...time, occupancy: occupancy(metrics.handleSeconds, time.availableSeconds) };
}

/** An agent's call figures (the calls bridged to them, offered in the range) with their time and occupancy. */
export function summarizeAgent(
  calls: Iterable<MetricCall>,
  history: AgentStatusHistory,
  range: { from: Instant; to: Instant },
  options: SummaryOptions,
): CallMetrics & AgentTimeMetrics {
  return withAgentTime(summarizeCalls(calls, options), history, range);
}
