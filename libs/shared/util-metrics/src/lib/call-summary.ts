import type { CallMetrics } from '@switchboard/shared/contracts';
import { type MetricCall, abandonReasonOf, handleSecondsOf, resolutionOf, waitSecondsOf } from './metric-call';

/** Service-level threshold in seconds: one number, or per call by its queue (for sets that mix queues). */
export type ServiceLevelThreshold = number | ((queueName: string | null) => number);

/** Options of {@link summarizeCalls}. */
export interface SummaryOptions {
  /** The queue's `Queue.serviceLevelSeconds`. */
  serviceLevelSeconds: ServiceLevelThreshold;
}

/** `numerator ÷ denominator` rounded to 4 decimals, null when the denominator is 0. */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;

/** Mean rounded to 0.1, null over nothing. */
export const mean = (sum: number, count: number): number | null =>
  count === 0 ? null : Math.round((sum / count) * 10) / 10;

/**
 * Figures of a set of offered calls (pick the set first: one queue's calls, one agent's, one interval's).
 *
 * Definitions (also in README "Metrics definitions"):
 * - offered: every call in the set;
 * - answered / abandoned / in queue: see {@link resolutionOf}; abandoned are broken down by CC-Cancel-Reason;
 * - answered within threshold: answered with wait ≤ threshold (inclusive);
 * - short abandon: abandoned with wait ≤ threshold — the caller gave up before the queue could have failed them;
 * - service level = answered within threshold ÷ (answered + abandoned − short abandons). Calls still in queue are
 *   left out until they resolve; null when the denominator is 0;
 * - abandon rate = abandoned ÷ offered;
 * - ASA (average speed of answer) = mean wait of answered calls;
 * - handled: answered calls that have ended; AHT (average handle time) = mean of talk + hold + after-call work over
 *   handled calls.
 */
export function summarizeCalls(calls: Iterable<MetricCall>, options: SummaryOptions): CallMetrics {
  const threshold = options.serviceLevelSeconds;
  const thresholdOf = typeof threshold === 'number' ? () => threshold : threshold;
  let offered = 0;
  let answered = 0;
  let abandoned = 0;
  let shortAbandoned = 0;
  let inQueue = 0;
  let answeredWithinThreshold = 0;
  let answerWaitSum = 0;
  let answerWaitCount = 0;
  let maxAnswerWaitSeconds: number | null = null;
  let handled = 0;
  let talkSeconds = 0;
  let holdSeconds = 0;
  let wrapUpSeconds = 0;
  let handleSeconds = 0;
  const abandonedByReason: Record<string, number> = {};

  for (const call of calls) {
    offered++;
    const wait = waitSecondsOf(call);
    const limit = thresholdOf(call.queueName);
    switch (resolutionOf(call)) {
      case 'inQueue':
        inQueue++;
        break;
      case 'abandoned': {
        abandoned++;
        const reason = abandonReasonOf(call);
        abandonedByReason[reason] = (abandonedByReason[reason] ?? 0) + 1;
        if (wait !== null && wait <= limit) shortAbandoned++;
        break;
      }
      case 'answered': {
        answered++;
        if (wait !== null) {
          answerWaitSum += wait;
          answerWaitCount++;
          maxAnswerWaitSeconds = Math.max(maxAnswerWaitSeconds ?? 0, wait);
          if (wait <= limit) answeredWithinThreshold++;
        }
        const handle = handleSecondsOf(call);
        if (handle !== null) {
          handled++;
          handleSeconds += handle;
          talkSeconds += call.talkSeconds ?? 0;
          holdSeconds += call.holdSeconds;
          wrapUpSeconds += call.wrapUpSeconds ?? 0;
        }
        break;
      }
    }
  }

  return {
    offered,
    answered,
    abandoned,
    abandonedByReason,
    shortAbandoned,
    inQueue,
    answeredWithinThreshold,
    serviceLevelSeconds: typeof threshold === 'number' ? threshold : null,
    serviceLevel: ratio(answeredWithinThreshold, answered + abandoned - shortAbandoned),
    abandonRate: ratio(abandoned, offered),
    asaSeconds: mean(answerWaitSum, answerWaitCount),
    maxAnswerWaitSeconds,
    handled,
    talkSeconds,
    holdSeconds,
    wrapUpSeconds,
    handleSeconds,
    ahtSeconds: mean(handleSeconds, handled),
  };
}

/** {@link summarizeCalls} for one queue's calls with its `Queue.serviceLevelSeconds`. */
export function summarizeQueue(calls: Iterable<MetricCall>, queue: { serviceLevelSeconds: number }): CallMetrics {
  return summarizeCalls(calls, { serviceLevelSeconds: queue.serviceLevelSeconds });
}
