import { Inject, Injectable } from '@nestjs/common';
import type {
  AgentReport,
  CallMetrics,
  AgentReportQuery,
  IntervalReport,
  IntervalReportQuery,
  QueueReport,
  QueueReportQuery,
  QueueTodayReport,
  ReportSettings,
} from '@switchboard/shared/contracts';
import {
  CallMetricsAccumulator,
  type MetricCall,
  type ServiceLevelThreshold,
  baseQueueName,
  intervalsBetween,
  locateInterval,
  offeredAtMillis,
  summarizeToday,
  todayRange,
  withAgentTime,
} from '@switchboard/shared/util-metrics';
import { DEFAULT_SERVICE_LEVEL_SECONDS, ReportDataRepository } from './report-data.repository';

/** A clock, so "now" can be pinned in tests of `today`. */
export const REPORTS_CLOCK = Symbol('REPORTS_CLOCK');
/** Injection token of the contact center's IANA time zone (a string). */
export const REPORTS_TIME_ZONE = Symbol('REPORTS_TIME_ZONE');
export type ReportsClock = () => Date;

/** One accumulator per key, created on first use. */
class AccumulatorsByKey {
  private readonly byKey = new Map<string, CallMetricsAccumulator>();
  constructor(private readonly create: (key: string) => CallMetricsAccumulator) {}
  add(key: string, call: MetricCall): void {
    let accumulator = this.byKey.get(key);
    if (!accumulator) {
      accumulator = this.create(key);
      this.byKey.set(key, accumulator);
    }
    accumulator.add(call);
  }
  /** Each key with the figures of its calls. */
  results(): [string, CallMetrics][] {
    return [...this.byKey.entries()].map(([key, accumulator]) => [key, accumulator.result()]);
  }
}

/**
 * Reports over call records, computed with `@switchboard/shared/util-metrics` (the functions the live wall uses).
 * Call search itself is `GET /api/calls` (feature-calls); this only aggregates.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly data: ReportDataRepository,
    @Inject(REPORTS_CLOCK) private readonly now: ReportsClock,
    /** The contact center's zone (CONTACT_CENTER_TIME_ZONE): days and hours of a report that names none. */
    @Inject(REPORTS_TIME_ZONE) private readonly timeZone: string,
  ) {}

  /** What the dashboards need to show reports as the contact center's days. */
  settings(): ReportSettings {
    return { timeZone: this.timeZone };
  }

  /** One row per queue that had calls offered in the range, plus the total. */
  async byQueue(query: QueueReportQuery): Promise<QueueReport> {
    const [levels, displayNames] = await Promise.all([this.data.serviceLevels(), this.data.queueDisplayNames()]);
    const levelOf = (queue: string) => levels.get(queue) ?? DEFAULT_SERVICE_LEVEL_SECONDS;
    const perQueue = new AccumulatorsByKey(
      (queue) => new CallMetricsAccumulator({ serviceLevelSeconds: levelOf(queue) }),
    );
    const total = new CallMetricsAccumulator({ serviceLevelSeconds: this.thresholdOf(levels) });
    for await (const page of this.data.callPages({
      from: query.from,
      to: query.to,
      queue: query.queue,
      channel: query.channel,
      only: 'queued',
    }))
      for (const call of page) {
        total.add(call);
        if (call.queueName !== null) perQueue.add(baseQueueName(call.queueName), call);
      }
    const rows = perQueue
      .results()
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([queue, metrics]) => ({ queue, displayName: displayNames.get(queue) ?? null, ...metrics }));
    return { ...this.range(query), rows, total: total.result() };
  }

  /**
   * One row per agent: provisioned agents and any agent name found on calls. Calls are those bridged to the agent
   * and offered in the range; staffed time and occupancy come from the status history, up to now at the latest.
   */
  async byAgent(query: AgentReportQuery): Promise<AgentReport> {
    const until = new Date(Math.max(query.from.getTime(), Math.min(query.to.getTime(), this.now().getTime())));
    const [levels, directory, histories] = await Promise.all([
      this.data.serviceLevels(),
      this.data.agentDirectory(query.agent),
      this.data.statusHistories(query.from, until, query.agent),
    ]);
    const options = { serviceLevelSeconds: this.thresholdOf(levels) };
    const perAgent = new AccumulatorsByKey(() => new CallMetricsAccumulator(options));
    for await (const page of this.data.callPages({
      from: query.from,
      to: query.to,
      agent: query.agent,
      channel: query.channel,
      only: 'withAgent',
    }))
      for (const call of page) if (call.agentName !== null) perAgent.add(call.agentName, call);
    const handled = new Map(perAgent.results());
    const agents = new Set([...directory.keys(), ...handled.keys(), ...histories.keys()]);
    const rows = [...agents].sort().map((agent) => ({
      agent,
      displayName: directory.get(agent)?.displayName ?? null,
      extension: directory.get(agent)?.extension ?? null,
      ...withAgentTime(
        handled.get(agent) ?? new CallMetricsAccumulator(options).result(),
        histories.get(agent) ?? { statusAtFrom: 'LOGGED_OUT', changes: [] },
        { from: query.from, to: until },
      ),
    }));
    return { ...this.range(query), rows };
  }

  /** One row per hour or day of the range (in `timeZone`), every interval listed; calls count where offered. */
  async byInterval(query: IntervalReportQuery): Promise<IntervalReport> {
    const levels = await this.data.serviceLevels();
    const threshold = this.thresholdOf(levels);
    const intervals = intervalsBetween(query.from, query.to, query.interval, query.timeZone ?? this.timeZone);
    const accumulators = intervals.map(() => new CallMetricsAccumulator({ serviceLevelSeconds: threshold }));
    for await (const page of this.data.callPages({
      from: query.from,
      to: query.to,
      queue: query.queue,
      channel: query.channel,
      only: 'queued',
    }))
      for (const call of page) accumulators[locateInterval(intervals, offeredAtMillis(call))]?.add(call);
    const rows = intervals.map((interval, i) => ({
      start: interval.start.toISOString(),
      end: interval.end.toISOString(),
      ...(accumulators[i] ?? new CallMetricsAccumulator({ serviceLevelSeconds: threshold })).result(),
    }));
    return {
      ...this.range(query),
      interval: query.interval,
      queue: query.queue === undefined ? null : baseQueueName(query.queue),
      rows,
    };
  }

  /**
   * Today's figures of one queue (local midnight in `timeZone` until now), through `summarizeToday` — the function
   * the live wall's counters use, over the same call records.
   */
  async queueToday(queue: string, asked?: string): Promise<QueueTodayReport> {
    const timeZone = asked ?? this.timeZone;
    const now = this.now();
    const { from } = todayRange(now, timeZone);
    const name = baseQueueName(queue);
    const [calls, levels] = await Promise.all([
      // `to` is exclusive in the query and inclusive in summarizeToday: read 1 ms past now.
      this.data.calls({ from, to: new Date(now.getTime() + 1), queue: name, only: 'queued' }),
      this.data.serviceLevels(),
    ]);
    const metrics = summarizeToday(calls, now, {
      serviceLevelSeconds: levels.get(name) ?? DEFAULT_SERVICE_LEVEL_SECONDS,
      timeZone,
    });
    return { ...this.range({ from, to: now, timeZone }), queue: name, metrics };
  }

  private thresholdOf(levels: Map<string, number>): ServiceLevelThreshold {
    return (queueName: MetricCall['queueName']) =>
      (queueName === null ? undefined : levels.get(baseQueueName(queueName))) ?? DEFAULT_SERVICE_LEVEL_SECONDS;
  }

  private range(query: { from: Date; to: Date; timeZone?: string | undefined }) {
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      timeZone: query.timeZone ?? this.timeZone,
      generatedAt: this.now().toISOString(),
    };
  }
}
