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

/** The columns `MetricCall` needs, as the `Call` table names them. */
const METRIC_COLUMNS = [
  'queueName',
  'agentName',
  'startedAt',
  'queueJoinedAt',
  'queueLeftAt',
  'answeredAt',
  'bridgedAt',
  'endedAt',
  'waitSeconds',
  'talkSeconds',
  'holdSeconds',
  'wrapUpSeconds',
  'queueOutcome',
  'ccCancelReason',
] as const satisfies readonly (keyof MetricCall)[];
const SELECT_METRIC_CALLS = `SELECT ${METRIC_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "Call"`;

/** How a report names a provisioned agent. */
export interface AgentNames {
  displayName: string;
  extension: string | null;
}

/** Which calls to read: offered in `[from, to)`, optionally of one queue or one agent. */
export interface CallFilter {
  from: Date;
  to: Date;
  /** Queue name with or without `@domain`. */
  queue?: string;
  agent?: string;
  /** Only calls that entered a queue / only calls bridged to an agent. */
  only?: 'queued' | 'withAgent';
  /** Only calls of one channel (`web`: call buttons on web pages). */
  channel?: 'voice' | 'web';
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
    const { sql, params } = this.whereOf(filter);
    const end = filter.to.getTime();
    for (let start = filter.from.getTime() - MAX_START_TO_QUEUE_MS; start < end; start += windowMs) {
      // Straight on the pg pool: Prisma's per-row mapping was most of a report's time (bench/reports).
      const page = await this.prisma.pool.query<MetricCall>(
        `${SELECT_METRIC_CALLS} WHERE "startedAt" >= $1 AND "startedAt" < $2 AND ${sql} ORDER BY "startedAt"`,
        [new Date(start), new Date(Math.min(start + windowMs, end)), ...params],
      );
      if (page.rows.length > 0) yield page.rows;
    }
  }

  /** Every call of {@link callPages} in one list, for small sets (one queue's day). */
  async calls(filter: CallFilter): Promise<MetricCall[]> {
    const calls: MetricCall[] = [];
    for await (const page of this.callPages(filter)) calls.push(...page);
    return calls;
  }

  /** The filter as SQL over parameters `$3`, `$4`, ... (`$1`/`$2` are the window). */
  private whereOf(filter: CallFilter): { sql: string; params: unknown[] } {
    const params: unknown[] = [filter.from, filter.to];
    const clauses = [
      '(("queueJoinedAt" >= $3 AND "queueJoinedAt" < $4) OR ("queueJoinedAt" IS NULL AND "startedAt" >= $3 AND "startedAt" < $4))',
    ];
    const queue = filter.queue === undefined ? undefined : baseQueueName(filter.queue);
    if (queue) {
      params.push(queue);
      clauses.push(`("queueName" = $${params.length + 2} OR starts_with("queueName", $${params.length + 2} || '@'))`);
    }
    if (filter.agent) {
      params.push(filter.agent);
      clauses.push(`"agentName" = $${params.length + 2}`);
    }
    if (filter.channel) {
      params.push(filter.channel);
      clauses.push(`"channel" = $${params.length + 2}::"CallChannel"`);
    }
    if (filter.only === 'queued') clauses.push('"queueName" IS NOT NULL AND "queueJoinedAt" IS NOT NULL');
    if (filter.only === 'withAgent') clauses.push('"agentName" IS NOT NULL');
    return { sql: clauses.join(' AND '), params };
  }

  /** `Queue.serviceLevelSeconds` by queue name (without `@domain`). */
  async serviceLevels(): Promise<Map<string, number>> {
    const queues = await this.prisma.queue.findMany({ select: { name: true, serviceLevelSeconds: true } });
    return new Map(queues.map((q) => [q.name, q.serviceLevelSeconds]));
  }

  /** `Queue.displayName` by queue name (without `@domain`). */
  async queueDisplayNames(): Promise<Map<string, string>> {
    const queues = await this.prisma.queue.findMany({ select: { name: true, displayName: true } });
    return new Map(queues.map((q) => [q.name, q.displayName]));
  }

  /** Provisioned agents by name: the person's name and the extension number. */
  async agentDirectory(agent?: string): Promise<Map<string, AgentNames>> {
    const agents = await this.prisma.agent.findMany({
      where: agent ? { name: agent } : {},
      select: { name: true, user: { select: { displayName: true } }, extension: { select: { number: true } } },
      orderBy: { name: 'asc' },
    });
    return new Map(
      agents.map((a) => [a.name, { displayName: a.user.displayName, extension: a.extension?.number ?? null }]),
    );
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
