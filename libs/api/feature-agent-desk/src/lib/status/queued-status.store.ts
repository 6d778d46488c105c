import { Injectable } from '@nestjs/common';
import type { BreakReason, DeskStatus } from '@switchboard/shared/contracts';

/** A status an agent asked for "after this call". */
export interface QueuedStatus {
  status: DeskStatus;
  reasonCode: BreakReason | null;
  requestedAt: Date;
  /** The user who asked (recorded as `changedById` when it is applied). */
  requestedBy: string;
}

/**
 * Queued next statuses, by agent id. Held in this process: the schema has no column for them yet, so a restart
 * forgets them (the agent's current status is unaffected) and several API replicas would each keep their own.
 */
@Injectable()
export class QueuedStatusStore {
  private readonly queued = new Map<string, QueuedStatus>();

  get(agentId: string): QueuedStatus | undefined {
    return this.queued.get(agentId);
  }

  set(agentId: string, next: QueuedStatus): void {
    this.queued.set(agentId, next);
  }

  /** Removes the queued status, if it is still `expected` (a newer request may have replaced it meanwhile). */
  clear(agentId: string, expected?: QueuedStatus): void {
    if (expected === undefined || this.queued.get(agentId) === expected) this.queued.delete(agentId);
  }

  agentIds(): string[] {
    return [...this.queued.keys()];
  }
}
