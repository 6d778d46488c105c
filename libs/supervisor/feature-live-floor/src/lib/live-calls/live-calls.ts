import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { LiveChannel } from '@switchboard/shared/contracts';
import { DirectoryNames } from '@switchboard/supervisor/data-access-live';
import { formatDuration, secondsSince } from '../durations';
import { type LiveCallRow, liveCallRows } from './live-call-rows';

/** What a supervisor can do to a live call. */
export type CallAction = 'listen' | 'whisper' | 'barge' | 'hangup';

/** A supervisor asked for `action` on `call`. */
export interface CallActionRequest {
  call: LiveCallRow;
  action: CallAction;
}

/**
 * The calls on the floor, newest first, with talk (or ringing) time counting up. Supervisors may listen, whisper to
 * the agent, barge in, or hang a call up (after confirming).
 */
@Component({
  selector: 'sb-live-calls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './live-calls.html',
  styleUrl: './live-calls.css',
})
export class LiveCalls {
  readonly channels = input.required<readonly LiveChannel[]>();
  /** Agents and queues by the names admins gave them. */
  readonly names = input(new DirectoryNames());
  readonly now = input.required<number>();
  readonly canSupervise = input(false);
  /** Calls with a request under way, by call uuid. */
  readonly busy = input<ReadonlySet<string>>(new Set());
  /** Calls of this node are marked simulated (set when the demo's simulator runs beside real FreeSWITCH nodes). */
  readonly simulatedNode = input<string | null>(null);
  readonly action = output<CallActionRequest>();

  protected readonly confirmingHangup = signal<string | null>(null);
  protected readonly rows = computed(() => {
    const now = this.now();
    const names = this.names();
    return liveCallRows(this.channels()).map((row) => ({
      row,
      queue: row.queue === null ? null : names.queueText(row.queue),
      agent: row.agent === null ? null : names.agentText(row.agent),
      duration: formatDuration(secondsSince(row.since, now)),
    }));
  });

  protected act(call: LiveCallRow, action: CallAction): void {
    this.confirmingHangup.set(null);
    this.action.emit({ call, action });
  }
}
