import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import {
  type AgentStatusDto,
  BREAK_REASON_LABELS,
  BREAK_REASONS,
  type BreakReason,
  type DeskStatus,
  type SetAgentStatusRequest,
  type StatusTiming,
} from '@switchboard/shared/contracts';
import { formatDuration, injectNow } from '../util/time';

/** Labels of the statuses an agent picks, and of the ones a supervisor may have set. */
export const STATUS_LABELS: Readonly<Record<AgentStatusDto['status'], string>> = {
  AVAILABLE: 'Available',
  AVAILABLE_ON_DEMAND: 'Available (on demand)',
  ON_BREAK: 'On break',
  LOGGED_OUT: 'Logged out',
};

/** Describes a status with its break reason: "On break · Lunch". */
export function describeStatus(status: string, reason: BreakReason | null): string {
  const label = STATUS_LABELS[status as AgentStatusDto['status']] ?? status;
  return reason ? `${label} · ${BREAK_REASON_LABELS[reason]}` : label;
}

/**
 * Why the status is what it is, when the agent did not set it: a supervisor did, or the phone system did (after
 * calls rang unanswered, mod_callcenter takes the agent out of the queues). Undefined when the agent set it.
 */
export function describeSetter(status: AgentStatusDto): string | undefined {
  switch (status.setBy) {
    case 'supervisor':
      return 'Set by a supervisor.';
    case 'switch':
      return status.status === 'ON_BREAK'
        ? 'Set by the phone system, as it does after calls ring unanswered. Choose Available when you are back.'
        : 'Set by the phone system.';
    case 'agent':
    case 'system':
    case null:
      return undefined;
  }
}

/**
 * The agent's status: what it is now, who set it when it was not the agent, the after-call-work countdown, a queued "next status", and a form to change
 * it now or after the current call.
 */
@Component({
  selector: 'sb-status-selector',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './status-selector.html',
  styleUrl: './status-selector.css',
})
export class StatusSelector {
  /** The agent's status from `GET /api/me/status`; undefined while loading. */
  readonly status = input<AgentStatusDto | undefined>(undefined);
  /** Whether a change is being saved. */
  readonly pending = input(false);
  /** A change the agent asked for. */
  readonly changeStatus = output<SetAgentStatusRequest>();

  protected readonly reasons = BREAK_REASONS;
  protected readonly reasonLabels = BREAK_REASON_LABELS;
  protected readonly chosen = signal<DeskStatus>('AVAILABLE');
  protected readonly reason = signal<BreakReason>('SHORT_BREAK');
  private readonly now = injectNow();

  protected readonly current = computed(() => {
    const status = this.status();
    return status ? describeStatus(status.status, status.reasonCode) : 'Loading…';
  });
  protected readonly setter = computed(() => {
    const status = this.status();
    return status ? describeSetter(status) : undefined;
  });
  protected readonly sinceText = computed(() => {
    const status = this.status();
    return status ? formatDuration(this.now() - Date.parse(status.since)) : '';
  });
  /** Whether a call or its wrap-up is in progress, so a change may wait for its end. */
  protected readonly busy = computed(() => (this.status()?.activity ?? 'IDLE') !== 'IDLE');
  protected readonly wrapUp = computed(() => {
    const wrapUp = this.status()?.wrapUp;
    if (!wrapUp) return undefined;
    const now = this.now();
    return {
      elapsed: formatDuration(now - Date.parse(wrapUp.endedAt)),
      left: formatDuration(Date.parse(wrapUp.deadline) - now),
    };
  });
  protected readonly next = computed(() => {
    const next = this.status()?.next;
    return next ? describeStatus(next.status, next.reasonCode) : undefined;
  });

  protected pickStatus(value: string): void {
    this.chosen.set(value as DeskStatus);
  }

  protected pickReason(value: string): void {
    this.reason.set(value as BreakReason);
  }

  protected submit(when: StatusTiming): void {
    const status = this.chosen();
    this.changeStatus.emit(status === 'ON_BREAK' ? { status, reasonCode: this.reason(), when } : { status, when });
  }
}
