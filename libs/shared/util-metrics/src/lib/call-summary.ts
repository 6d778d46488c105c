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
 * Adds calls one at a time and gives their {@link CallMetrics}: for call sets too large to hold in memory (reports
 * page through the database). {@link summarizeCalls} is this over an iterable; definitions are there.
 */
export class CallMetricsAccumulator {
  private readonly thresholdOf: (queueName: string | null) => number;
  private offered = 0;
  private answered = 0;
  private abandoned = 0;
  private shortAbandoned = 0;
  private inQueue = 0;
  private answeredWithinThreshold = 0;
  private answerWaitSum = 0;
  private answerWaitCount = 0;
  private maxAnswerWaitSeconds: number | null = null;
  private handled = 0;
  private talkSeconds = 0;
  private holdSeconds = 0;
  private wrapUpSeconds = 0;
  private handleSeconds = 0;
  private readonly abandonedByReason: Record<string, number> = {};

  constructor(private readonly options: SummaryOptions) {
    const threshold = options.serviceLevelSeconds;
    this.thresholdOf = typeof threshold === 'number' ? () => threshold : threshold;
  }

  /** Counts one offered call. */
  add(call: MetricCall): void {
    this.offered++;
    const wait = waitSecondsOf(call);
    const limit = this.thresholdOf(call.queueName);
    switch (resolutionOf(call)) {
      case 'inQueue':
        this.inQueue++;
        break;
      case 'abandoned': {
        this.abandoned++;
        const reason = abandonReasonOf(call);
        this.abandonedByReason[reason] = (this.abandonedByReason[reason] ?? 0) + 1;
        if (wait !== null && wait <= limit) this.shortAbandoned++;
        break;
      }
      case 'answered': {
        this.answered++;
        if (wait !== null) {
          this.answerWaitSum += wait;
          this.answerWaitCount++;
          this.maxAnswerWaitSeconds = Math.max(this.maxAnswerWaitSeconds ?? 0, wait);
          if (wait <= limit) this.answeredWithinThreshold++;
        }
        const handle = handleSecondsOf(call);
        if (handle !== null) {
          this.handled++;
          this.handleSeconds += handle;
          this.talkSeconds += call.talkSeconds ?? 0;
          this.holdSeconds += call.holdSeconds;
          this.wrapUpSeconds += call.wrapUpSeconds ?? 0;
        }
        break;
      }
    }
  }

  /** The figures of the calls added so far. */
  result(): CallMetrics {
    const threshold = this.options.serviceLevelSeconds;
    return {
      offered: this.offered,
      answered: this.answered,
      abandoned: this.abandoned,
      abandonedByReason: { ...this.abandonedByReason },
      shortAbandoned: this.shortAbandoned,
      inQueue: this.inQueue,
      answeredWithinThreshold: this.answeredWithinThreshold,
      serviceLevelSeconds: typeof threshold === 'number' ? threshold : null,
      serviceLevel: ratio(this.answeredWithinThreshold, this.answered + this.abandoned - this.shortAbandoned),
      abandonRate: ratio(this.abandoned, this.offered),
      asaSeconds: mean(this.answerWaitSum, this.answerWaitCount),
      maxAnswerWaitSeconds: this.maxAnswerWaitSeconds,
      handled: this.handled,
      talkSeconds: this.talkSeconds,
      holdSeconds: this.holdSeconds,
      wrapUpSeconds: this.wrapUpSeconds,
      handleSeconds: this.handleSeconds,
      ahtSeconds: mean(this.handleSeconds, this.handled),
    };
  }
}

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
  const accumulator = new CallMetricsAccumulator(options);
  for (const call of calls) accumulator.add(call);
  return accumulator.result();
}

/** {@link summarizeCalls} for one queue's calls with its `Queue.serviceLevelSeconds`. */
export function summarizeQueue(calls: Iterable<MetricCall>, queue: { serviceLevelSeconds: number }): CallMetrics {
  return summarizeCalls(calls, { serviceLevelSeconds: queue.serviceLevelSeconds });
}
