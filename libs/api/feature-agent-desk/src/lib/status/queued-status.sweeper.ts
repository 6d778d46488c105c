import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AgentStatusService } from './agent-status.service';
import { QueuedStatusStore } from './queued-status.store';

/** How often queued statuses are checked: a queued break starts at most this long after the wrap-up ends. */
export const QUEUED_STATUS_SWEEP_MS = 1_000;

/**
 * Applies queued statuses whose call and wrap-up have ended without the agent doing anything (the wrap-up time ran
 * out, or the call had no wrap-up). Only agents with a queued status are looked at, so an idle floor costs nothing.
 */
@Injectable()
export class QueuedStatusSweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(QueuedStatusSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly queued: QueuedStatusStore,
    private readonly status: AgentStatusService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), QUEUED_STATUS_SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass over the queued statuses; skipped while the previous pass still runs. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const agentId of this.queued.agentIds()) {
        try {
          await this.status.settle(agentId);
        } catch (error) {
          // A database hiccup: the status stays queued and the next pass tries again.
          this.logger.warn({ err: error, agentId }, 'could not apply a queued agent status');
        }
      }
    } finally {
      this.sweeping = false;
    }
  }
}
