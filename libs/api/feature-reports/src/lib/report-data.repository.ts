import { Injectable } from '@nestjs/common';
import { type Prisma, PrismaService } from '@switchboard/api/data-access-db';
import type { AgentStatusCode } from '@switchboard/shared/contracts';
import { type AgentStatusHistory, type MetricCall, baseQueueName } from '@switchboard/shared/util-metrics';

/**
 * Longest a call may have waited between starting and joining a queue and still be found by its queue time: reading
 * starts this long before `from` (a call joins its queue after it starts).
 */
const MAX_START_TO_QUEUE_MS = 24 * 3_600_000;
/** `Queue.serviceLevelSeconds` default, for calls of queues not provisioned here. */
export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

/** Span of start times read per round trip when paging through a report's calls. */
export const CALL_WINDOW_MS = 6 * 3_600_000;

const METRIC_FIELDS = {
  queueName: true,
  agentName: true,
  startedAt: true,
  queueJoinedAt: true,
  queueLeftAt: true,
  answeredAt: true,
  bridgedAt: true,
  endedAt: true,
  waitSeconds: true,
  talkSeconds: true,
  holdSeconds: true,
  wrapUpSeconds: true,
  queueOutcome: true,
  ccCancelReason: true,
} as const satisfies Prisma.CallSelect;

/** Which calls to read: offered in `[from, to)`, optionally of one queue or one agent. */
export interface CallFilter {
  from: Date;
  to: Date;
  /** Queue name with or without `@domain`. */
  queue?: string;
  agent?: string;
  /** Only calls that entered a queue / only calls bridged to an agent. */
  only?: 'queued' | 'withAgent';
}

/** Reads what the reports compute from: call records, queue thresholds and agent status history. */
@Injectable()
export class ReportDataRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Calls offered in the range (by queue join time, or start time for calls that never queued), one window of start
   * times at a time, so a report over months of traffic holds at most one window's rows. Windows are half-open
   * `[a, b)` on `startedAt` (indexed), so each call is read exactly once whatever the precision of its timestamp.
   */
  async *callPages(filter: CallFilter, windowMs = CALL_WINDOW_MS): AsyncGenerator<MetricCall[]> {
    const where = this.whereOf(filter);
    const end = filter.to.getTime();
    for (let start = filter.from.getTime() - MAX_START_TO_QUEUE_MS; start < end; start += windowMs) {
      const page = await this.prisma.call.findMany({
        where: { AND: [where, { startedAt: { gte: new Date(start), lt: new Date(Math.min(start + windowMs, end)) } }] },
        select: METRIC_FIELDS,
        orderBy: { startedAt: 'asc' },
      });
      if (page.length > 0) yield page;
    }
  }

  /** Every call of {@link callPages} in one list, for small sets (one queue's day). */
  async calls(filter: CallFilter): Promise<MetricCall[]> {
    const calls: MetricCall[] = [];
    for await (const page of this.callPages(filter)) calls.push(...page);
    return calls;
  }

  private whereOf(filter: CallFilter): Prisma.CallWhereInput {
    const inRange = { gte: filter.from, lt: filter.to };
    const queue = filter.queue === undefined ? undefined : baseQueueName(filter.queue);
    return {
      OR: [{ queueJoinedAt: inRange }, { queueJoinedAt: null, startedAt: inRange }],
      AND: [
        ...(queue ? [{ OR: [{ queueName: queue }, { queueName: { startsWith: `${queue}@` } }] }] : []),
        ...(filter.agent ? [{ agentName: filter.agent }] : []),
        ...(filter.only === 'queued' ? [{ queueName: { not: null }, queueJoinedAt: { not: null } }] : []),
        ...(filter.only === 'withAgent' ? [{ agentName: { not: null } }] : []),
      ],
    };
  }

  /** `Queue.serviceLevelSeconds` by queue name (without `@domain`). */
  async serviceLevels(): Promise<Map<string, number>> {
    const queues = await this.prisma.queue.findMany({ select: { name: true, serviceLevelSeconds: true } });
    return new Map(queues.map((q) => [q.name, q.serviceLevelSeconds]));
  }

  /** Provisioned agent names. */
  async agentNames(agent?: string): Promise<string[]> {
    const agents = await this.prisma.agent.findMany({
      where: agent ? { name: agent } : {},
      select: { name: true },
      orderBy: { name: 'asc' },
    });
    return agents.map((a) => a.name);
  }

  /** Each agent's status history over `[from, to)`: the status at `from` and the changes inside, by agent name. */
  async statusHistories(from: Date, to: Date, agent?: string): Promise<Map<string, AgentStatusHistory>> {
    const agentWhere: Prisma.AgentStatusChangeWhereInput = agent ? { agent: { name: agent } } : {};
    const select = { status: true, at: true, agent: { select: { name: true } } } as const;
    const [before, inside] = await Promise.all([
      this.prisma.agentStatusChange.findMany({
        where: { ...agentWhere, at: { lt: from } },
        distinct: ['agentId'],
        orderBy: [{ agentId: 'asc' }, { at: 'desc' }],
        select,
      }),
      this.prisma.agentStatusChange.findMany({ where: { ...agentWhere, at: { gte: from, lt: to } }, select }),
    ]);
    const histories = new Map<
      string,
      { statusAtFrom: AgentStatusCode; changes: { status: AgentStatusCode; at: Date }[] }
    >();
    const historyOf = (name: string) => {
      let history = histories.get(name);
      if (!history) {
        history = { statusAtFrom: 'LOGGED_OUT', changes: [] };
        histories.set(name, history);
      }
      return history;
    };
    for (const change of before) historyOf(change.agent.name).statusAtFrom = change.status;
    for (const change of inside) historyOf(change.agent.name).changes.push({ status: change.status, at: change.at });
    return histories;
  }
}
