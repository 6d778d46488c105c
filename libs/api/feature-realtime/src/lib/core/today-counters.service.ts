import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import type { LiveQueueToday } from '@switchboard/shared/contracts';
import { type MetricCall, baseQueueName, summarizeToday, todayRange } from '@switchboard/shared/util-metrics';

/** How often today's figures are recomputed while calls are ending. */
export const TODAY_REFRESH_MS = 5_000;
/** Threshold of queues that are not provisioned here (as the reports use). */
const DEFAULT_SERVICE_LEVEL_SECONDS = 20;
/**
 * Recomputations owed after a call ended. The live event comes before its call record is stored (ingestion writes in
 * batches, and on another replica when this one does not own the node), so the look right after it may not see the
 * call yet; the next one, a refresh period later, does. With one look only, a tile under load kept missing a call
 * until the next one ended.
 */
const ROUNDS_PER_CHANGE = 2;

/**
 * Today's per-queue figures (offered, answered, abandoned, service level, ASA, AHT) for the queue tiles, computed by
 * the metrics library from the call records exactly as `GET /api/reports/queues/:queue/today` does. Recomputed at
 * most every {@link TODAY_REFRESH_MS}, and only in the {@link ROUNDS_PER_CHANGE} periods after a queue call ended.
 */
@Injectable()
export class TodayCountersService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(TodayCountersService.name);
  private figures = new Map<string, LiveQueueToday>();
  /** Recomputations still to do (one at start). */
  private owed = 1;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;

  /** The contact center's zone, where its day starts: the reports' default too, so the two show the same day. */
  private readonly timeZone: string;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'timeZone'>,
  ) {
    this.timeZone = config.timeZone;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.refreshIfStale(), TODAY_REFRESH_MS).unref();
    void this.refreshIfStale();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Today's figures of a queue (either spelling); null before the first computation. */
  today(queue: string): LiveQueueToday | null {
    return this.figures.get(baseQueueName(queue)) ?? (this.figures.size > 0 ? EMPTY_DAY : null);
  }

  /** Notes that a call ended or left a queue: the figures change at the next refresh. */
  invalidate(): void {
    this.owed = ROUNDS_PER_CHANGE;
  }

  /** Calls `listener` after every recomputation. */
  onUpdate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Recomputes now if anything changed since the last time. */
  async refreshIfStale(): Promise<void> {
    if (this.owed === 0) return;
    this.owed -= 1;
    try {
      this.figures = await this.compute(new Date());
      for (const listener of this.listeners) listener();
    } catch (error) {
      // The database may be briefly unreachable: keep the last figures and try again at the next tick.
      this.owed = Math.max(this.owed, 1);
      this.log.warn(`could not compute today's queue figures: ${String(error)}`);
    }
  }

  private async compute(now: Date): Promise<Map<string, LiveQueueToday>> {
    const { from } = todayRange(now, this.timeZone);
    const [calls, queues] = await Promise.all([
      this.prisma.call.findMany({
        where: { queueName: { not: null }, queueJoinedAt: { gte: from, lte: now } },
        select: METRIC_FIELDS,
      }),
      this.prisma.queue.findMany({ select: { name: true, serviceLevelSeconds: true } }),
    ]);
    const byQueue = new Map<string, MetricCall[]>();
    for (const call of calls) {
      const name = baseQueueName(call.queueName ?? '');
      const list = byQueue.get(name);
      if (list) list.push(call);
      else byQueue.set(name, [call]);
    }
    const levels = new Map(queues.map((q) => [q.name, q.serviceLevelSeconds]));
    const figures = new Map<string, LiveQueueToday>();
    for (const [name, list] of byQueue) {
      const metrics = summarizeToday(list, now, {
        serviceLevelSeconds: levels.get(name) ?? DEFAULT_SERVICE_LEVEL_SECONDS,
        timeZone: this.timeZone,
      });
      figures.set(name, {
        offered: metrics.offered,
        answered: metrics.answered,
        abandoned: metrics.abandoned,
        serviceLevel: metrics.serviceLevel,
        asaSeconds: metrics.asaSeconds,
        ahtSeconds: metrics.ahtSeconds,
      });
    }
    return figures;
  }
}

/** A queue without calls today, once figures exist for the day. */
const EMPTY_DAY: LiveQueueToday = {
  offered: 0,
  answered: 0,
  abandoned: 0,
  serviceLevel: null,
  asaSeconds: null,
  ahtSeconds: null,
};

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
} as const;
