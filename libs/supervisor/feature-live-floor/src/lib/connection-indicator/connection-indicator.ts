import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { LiveConnection } from '@switchboard/supervisor/data-access-live';
import { formatDuration, secondsSince } from '../durations';

const LABELS: Readonly<Record<LiveConnection, string>> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  stale: 'Stale',
  refused: 'Not allowed',
};

/** Whether the live feed can be trusted: live, reconnecting, or stale (with how old the last update is). */
@Component({
  selector: 'sb-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="indicator"
      role="status"
      data-testid="connection-indicator"
      [attr.data-state]="connection()"
      [class]="'indicator is-' + connection()"
    >
      <span class="dot" aria-hidden="true"></span>
      {{ label() }}
      @if (connection() !== 'connected' && age(); as age) {
        <span class="age">· last update {{ age }} ago</span>
      }
    </span>
    @for (node of downNodes(); track node) {
      <span class="sb-badge sb-badge--danger" data-testid="node-down">FreeSWITCH {{ node }} disconnected</span>
    }
    @if (simulated()) {
      @if (besideReal()) {
        <span
          class="sb-badge sb-badge--warning"
          data-testid="simulated-badge"
          title="DEMO=1: calls marked simulated are generated; the others are real calls on FreeSWITCH"
          >Simulated traffic beside real calls</span
        >
      } @else {
        <span class="sb-badge sb-badge--warning" data-testid="simulated-badge" title="DEMO=1: generated traffic"
          >Simulated traffic</span
        >
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--sb-space-2);
    }
    .indicator {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 10px;
      border: 1px solid var(--sb-color-border);
      border-radius: 999px;
      background: var(--sb-color-surface);
      font-size: var(--sb-font-size-sm);
      font-weight: 600;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--sb-color-text-muted);
    }
    .is-connected .dot {
      background: #12b76a;
    }
    .is-reconnecting .dot,
    .is-connecting .dot {
      background: #f79009;
    }
    .is-stale,
    .is-refused {
      border-color: var(--sb-color-danger-border);
      background: var(--sb-color-danger-soft);
      color: var(--sb-color-danger);
    }
    .is-stale .dot,
    .is-refused .dot {
      background: var(--sb-color-danger);
    }
    .age {
      font-weight: 400;
    }
  `,
})
export class ConnectionIndicator {
  readonly connection = input.required<LiveConnection>();
  /** Server time of the last applied change (ISO). */
  readonly updatedAt = input<string | null>(null);
  /** The current time (ms), ticking. */
  readonly now = input.required<number>();
  readonly nodes = input<readonly { node: string; connected: boolean }[]>([]);
  readonly simulated = input(false);
  /** Real FreeSWITCH nodes are on the floor beside the simulator. */
  readonly besideReal = input(false);

  protected readonly label = computed(() => LABELS[this.connection()]);
  protected readonly age = computed(() => {
    const seconds = secondsSince(this.updatedAt(), this.now());
    return seconds === null ? null : formatDuration(seconds);
  });
  protected readonly downNodes = computed(() =>
    this.nodes()
      .filter((n) => !n.connected)
      .map((n) => n.node),
  );
}
