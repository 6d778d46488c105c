import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import { baseQueueName } from './queue-stats';

/** A provisioned agent as the realtime gateway needs it. */
export interface DirectoryAgent {
  userId: string;
  /** mod_callcenter agent name (`1000@switchboard.local`). */
  name: string;
  /** SIP user part of the agent's extension, to find its own calls. */
  extension: string | null;
  /** Queue names without `@domain` the agent has a tier in. */
  queues: string[];
}

const REFRESH_MS = 30_000;
/**
 * How often the provisioned queue names are read again: a queue an admin creates (on any replica) gets its tile on
 * every supervisor's floor within this time, before any caller is in it. One indexed read of names.
 */
export const QUEUE_NAMES_REFRESH_MS = 3_000;

/** Queues (names without `@domain`) that were provisioned or removed since the last read. */
export type QueueNamesListener = (added: readonly string[], removed: readonly string[]) => void;
const AGENT_FIELDS = {
  userId: true,
  name: true,
  extension: { select: { number: true } },
  tiers: { select: { queue: { select: { name: true } } } },
} as const;

function toDirectoryAgent(row: {
  userId: string;
  name: string;
  extension: { number: string } | null;
  tiers: { queue: { name: string } }[];
}): DirectoryAgent {
  const queues = row.tiers.map((t) => baseQueueName(t.queue.name));
  return { userId: row.userId, name: row.name, extension: row.extension?.number ?? null, queues };
}

/**
 * Who is which agent and which agents serve which queue, read from the provisioning tables and kept in memory
 * (refreshed every 30 s and on demand), because queue tiles and agent routing are computed thousands of times a second.
 */
@Injectable()
export class AgentDirectoryService implements OnModuleDestroy {
  private readonly log = new Logger(AgentDirectoryService.name);
  private byName = new Map<string, DirectoryAgent>();
  private byExtension = new Map<string, string>();
  private byQueue = new Map<string, string[]>();
  private queueNames: ReadonlySet<string> = new Set();
  private readonly queueListeners = new Set<QueueNamesListener>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;
  private loadingQueues: Promise<void> | undefined;
  private readonly timer = setInterval(() => void this.refresh(), REFRESH_MS).unref();
  private readonly queueTimer = setInterval(() => void this.refreshQueueNames(), QUEUE_NAMES_REFRESH_MS).unref();

  constructor(private readonly prisma: PrismaService) {}

  onModuleDestroy(): void {
    clearInterval(this.timer);
    clearInterval(this.queueTimer);
  }

  /** The provisioned queues, by name without `@domain`: every one gets a tile, callers or not. */
  provisionedQueues(): ReadonlySet<string> {
    return this.queueNames;
  }

  /** Calls `listener` whenever queues are provisioned or removed; returns the unsubscribe. */
  onQueuesChanged(listener: QueueNamesListener): () => void {
    this.queueListeners.add(listener);
    return () => this.queueListeners.delete(listener);
  }

  /** The agent of a user, read from the database (so a newly provisioned agent can connect at once). */
  async agentOfUser(userId: string): Promise<DirectoryAgent | undefined> {
    // A connecting agent may be newly provisioned: routing of its calls needs it in the directory too.
    await this.refresh();
    const row = await this.prisma.agent.findUnique({ where: { userId }, select: AGENT_FIELDS });
    return row ? toDirectoryAgent(row) : undefined;
  }

  /** Agent names with a tier in `queue` (either spelling). */
  agentsOfQueue(queue: string): readonly string[] {
    return this.byQueue.get(baseQueueName(queue)) ?? [];
  }

  /** The agent whose extension is `number`, if any. */
  agentOfExtension(number: string | null): string | undefined {
    return number === null ? undefined : this.byExtension.get(number);
  }

  /** The agent called `name`, if provisioned. */
  agent(name: string): DirectoryAgent | undefined {
    return this.byName.get(name);
  }

  /**
   * Reloads from the database (at most one load at a time; callers within a second share the last one, unless
   * `force`: the caller has just changed agents or tiers).
   */
  async refresh(force = false): Promise<void> {
    if (force) await this.loading;
    if (!force && Date.now() - this.loadedAt < 1_000) return;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    await this.loading;
  }

  private async load(): Promise<void> {
    try {
      const rows = await this.prisma.agent.findMany({ select: AGENT_FIELDS });
      const byName = new Map<string, DirectoryAgent>();
      const byExtension = new Map<string, string>();
      const byQueue = new Map<string, string[]>();
      for (const row of rows) {
        const agent = toDirectoryAgent(row);
        byName.set(agent.name, agent);
        if (agent.extension) byExtension.set(agent.extension, agent.name);
        for (const queue of agent.queues) byQueue.set(queue, [...(byQueue.get(queue) ?? []), agent.name]);
      }
      this.byName = byName;
      this.byExtension = byExtension;
      this.byQueue = byQueue;
      this.loadedAt = Date.now();
    } catch (error) {
      // The database may be briefly unreachable; keep serving the last directory and try again on the next refresh.
      this.log.warn(`could not load the agent directory: ${String(error)}`);
    }
    await this.refreshQueueNames();
  }

  /** One read at a time, so a change is announced once. */
  private refreshQueueNames(): Promise<void> {
    this.loadingQueues ??= this.loadQueueNames().finally(() => (this.loadingQueues = undefined));
    return this.loadingQueues;
  }

  private async loadQueueNames(): Promise<void> {
    let rows: { name: string }[];
    try {
      rows = await this.prisma.queue.findMany({ select: { name: true } });
    } catch {
      return; // as above; the agent load logs the outage, once per 30 s rather than every few seconds
    }
    const names = new Set(rows.map((row) => baseQueueName(row.name)));
    const added = [...names].filter((name) => !this.queueNames.has(name));
    const removed = [...this.queueNames].filter((name) => !names.has(name));
    this.queueNames = names;
    if (added.length === 0 && removed.length === 0) return;
    for (const listener of this.queueListeners) listener(added, removed);
  }
}
