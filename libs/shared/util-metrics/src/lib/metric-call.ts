import type { QueueOutcome } from '@switchboard/shared/contracts';

/** A point in time: a `Date` (database rows) or an ISO 8601 string (API DTOs). */
export type Instant = Date | string;

/**
 * The fields of a call record (`Call` row in `prisma/schema.prisma`) the metrics read. A Prisma `Call` row fits
 * as is. Durations are whole seconds as the call assembler writes them: `talkSeconds` excludes hold.
 */
export interface MetricCall {
  /** Queue name as FreeSWITCH reported it (`support@default`), null for calls that never entered a queue. */
  queueName: string | null;
  /** Agent the call was bridged to (mod_callcenter name). */
  agentName: string | null;
  startedAt: Instant;
  queueJoinedAt: Instant | null;
  queueLeftAt: Instant | null;
  answeredAt: Instant | null;
  bridgedAt: Instant | null;
  endedAt: Instant | null;
  /** Queue calls: joining the queue until bridged to an agent (or leaving unanswered). */
  waitSeconds: number | null;
  talkSeconds: number | null;
  holdSeconds: number;
  /** After-call work: the call's end until the agent submitted the wrap-up; null while not submitted. */
  wrapUpSeconds: number | null;
  queueOutcome: QueueOutcome | null;
  /** mod_callcenter CC-Cancel-Reason: BREAK_OUT, TIMEOUT, NO_AGENT_TIMEOUT, EXIT_WITH_KEY, ... */
  ccCancelReason: string | null;
}

/** Where an offered call stands. */
export type CallResolution = 'answered' | 'abandoned' | 'inQueue';

/** Milliseconds since the epoch of an instant. */
export const toMillis = (at: Instant): number => (typeof at === 'string' ? Date.parse(at) : at.getTime());

/** Queue name without its `@domain` part, as `Queue.name` stores it (FreeSWITCH reports `support@default`). */
export const baseQueueName = (queue: string): string => queue.split('@', 1)[0] ?? queue;

/**
 * When the call was offered: when it joined the queue, or when it started for a call that never queued.
 * A call belongs to the interval that contains this instant, and to no other.
 */
export const offeredAtMillis = (call: MetricCall): number => toMillis(call.queueJoinedAt ?? call.startedAt);

/**
 * How an offered call ended up:
 * - `answered`: outcome ANSWERED, or no outcome recorded yet but bridged to an agent;
 * - `abandoned`: any other outcome (ABANDONED, TIMEOUT, NO_AGENT, OTHER), or no outcome but the caller left the queue
 *   or hung up without a bridge;
 * - `inQueue`: no outcome, still waiting.
 */
export function resolutionOf(call: MetricCall): CallResolution {
  if (call.queueOutcome === 'ANSWERED') return 'answered';
  if (call.queueOutcome !== null) return 'abandoned';
  if (call.bridgedAt !== null) return 'answered';
  if (call.queueLeftAt !== null || call.endedAt !== null) return 'abandoned';
  return 'inQueue';
}

/** Key of an abandoned call in `abandonedByReason`: its CC-Cancel-Reason, or `UNSPECIFIED`. */
export const abandonReasonOf = (call: MetricCall): string => call.ccCancelReason ?? 'UNSPECIFIED';

/**
 * Seconds the caller waited: the recorded `waitSeconds`, else from joining the queue (or starting) until the bridge,
 * leaving the queue, or hanging up. Null when the call has not got that far.
 */
export function waitSecondsOf(call: MetricCall): number | null {
  if (call.waitSeconds !== null) return call.waitSeconds;
  const until = call.bridgedAt ?? call.queueLeftAt ?? call.endedAt;
  if (until === null) return null;
  return Math.max(0, Math.round((toMillis(until) - offeredAtMillis(call)) / 1000));
}

/**
 * Handle time of an answered call: talk + hold + after-call work, or null while the call is not over (talk unknown).
 * After-call work not yet submitted counts as 0.
 */
export function handleSecondsOf(call: MetricCall): number | null {
  if (call.talkSeconds === null) return null;
  return call.talkSeconds + call.holdSeconds + (call.wrapUpSeconds ?? 0);
}
