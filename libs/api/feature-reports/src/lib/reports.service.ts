import { Inject, Injectable } from '@nestjs/common';
import type {
  AgentReport,
  AgentReportQuery,
  IntervalReport,
  IntervalReportQuery,
  QueueReport,
  QueueReportQuery,
  QueueTodayReport,
} from '@switchboard/shared/contracts';
import {
  type MetricCall,
  type ServiceLevelThreshold,
  baseQueueName,
  bucketByInterval,
  summarizeAgent,
  summarizeCalls,
  summarizeToday,
  todayRange,
} from '@switchboard/shared/util-metrics';
import { DEFAULT_SERVICE_LEVEL_SECONDS, ReportDataRepository } from './report-data.repository';

/** A clock, so "now" can be pinned in tests of `today`. */
export const REPORTS_CLOCK = Symbol('REPORTS_CLOCK');
export type ReportsClock = () => Date;

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
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
  ) {}

  /** One row per queue that had calls offered in the range, plus the total. */
  async byQueue(query: QueueReportQuery): Promise<QueueReport> {
    const [calls, levels] = await Promise.all([
      this.data.calls({ from: query.from, to: query.to, queue: query.queue, only: 'queued' }),
      this.data.serviceLevels(),
    ]);
    const byQueue = groupBy(calls, (c) => (c.queueName === null ? null : baseQueueName(c.queueName)));
    const rows = [...byQueue.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([queue, queueCalls]) => ({
        queue,
        ...summarizeCalls(queueCalls, { serviceLevelSeconds: levels.get(queue) ?? DEFAULT_SERVICE_LEVEL_SECONDS }),
      }));
    return {
      ...this.range(query),
      rows,
      total: summarizeCalls(calls, { serviceLevelSeconds: this.thresholdOf(levels) }),
    };
  }

  /**
   * One row per agent: provisioned agents and any agent name found on calls. Calls are those bridged to the agent
   * and offered in the range; staffed time and occupancy come from the status history, up to now at the latest.
   */
  async byAgent(query: AgentReportQuery): Promise<AgentReport> {
    const until = new Date(Math.min(query.to.getTime(), this.now().getTime()));
    const [calls, levels, names, histories] = await Promise.all([
      this.data.calls({ from: query.from, to: query.to, agent: query.agent, only: 'withAgent' }),
      this.data.serviceLevels(),
      this.data.agentNames(query.agent),
      this.data.statusHistories(query.from, until, query.agent),
    ]);
    const byAgent = groupBy(calls, (c) => c.agentName);
    const agents = new Set([...names, ...byAgent.keys(), ...histories.keys()]);
    const rows = [...agents].sort().map((agent) => ({
      agent,
      ...summarizeAgent(
        byAgent.get(agent) ?? [],
        histories.get(agent) ?? { statusAtFrom: 'LOGGED_OUT', changes: [] },
        { from: query.from, to: until < query.from ? query.from : until },
        { serviceLevelSeconds: this.thresholdOf(levels) },
      ),
    }));
    return { ...this.range(query), rows };
  }

  /** One row per hour or day of the range (in `timeZone`), every interval listed; calls count where offered. */
  async byInterval(query: IntervalReportQuery): Promise<IntervalReport> {
    const [calls, levels] = await Promise.all([
      this.data.calls({ from: query.from, to: query.to, queue: query.queue, only: 'queued' }),
      this.data.serviceLevels(),
    ]);
    const threshold = this.thresholdOf(levels);
    const rows = bucketByInterval(calls, query.interval, query.from, query.to, query.timeZone).map((bucket) => ({
      start: bucket.start.toISOString(),
      end: bucket.end.toISOString(),
      ...summarizeCalls(bucket.items, { serviceLevelSeconds: threshold }),
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
  async queueToday(queue: string, timeZone: string): Promise<QueueTodayReport> {
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

  private range(query: { from: Date; to: Date; timeZone: string }) {
    return {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      timeZone: query.timeZone,
      generatedAt: this.now().toISOString(),
    };
  }
}
