import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CallStats } from '@switchboard/telephony/sip-core';
import type { PhoneView } from '../phone-notice/phone-view';

/** Network quality of a call, from its estimated MOS (ITU-T G.107 bands) or, without one, from loss and RTT. */
export type NetworkQuality = 'good' | 'fair' | 'poor' | 'unknown';

/** Grades a call's live stats for the agent. */
export function networkQuality(stats: CallStats | undefined): NetworkQuality {
  if (!stats) return 'unknown';
  if (stats.mos !== undefined) return stats.mos >= 4 ? 'good' : stats.mos >= 3.6 ? 'fair' : 'poor';
  if (stats.packetLoss === undefined && stats.rttMs === undefined) return 'unknown';
  const loss = stats.packetLoss ?? 0;
  const rtt = stats.rttMs ?? 0;
  return loss < 0.01 && rtt < 200 ? 'good' : loss < 0.05 && rtt < 400 ? 'fair' : 'poor';
}

/** The phone badge (from `describePhone`), plus the network quality of the current call. */
@Component({
  selector: 'sb-phone-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="sb-badge"
      [class.sb-badge--success]="badge().tone === 'success'"
      [class.sb-badge--warning]="badge().tone === 'warning'"
      [class.sb-badge--danger]="badge().tone === 'danger'"
      data-testid="softphone-status"
      [attr.data-state]="badge().state"
      role="status"
      ><span class="dot" aria-hidden="true"></span>{{ badge().label }}</span
    >
    @if (stats(); as sample) {
      <span
        class="quality"
        [attr.data-quality]="quality()"
        [attr.data-packets-received]="sample.packetsReceived ?? 0"
        data-testid="network-quality"
        [title]="details()"
        >Network: {{ quality() }}<span class="sb-visually-hidden">, {{ details() }}</span></span
      >
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: var(--sb-space-3);
      flex-wrap: wrap;
    }
    .dot {
      width: 7px;
      height: 7px;
      border-radius: 50%;
      background: currentColor;
    }
    .quality {
      font-size: var(--sb-font-size-sm);
      color: var(--sb-color-text-muted);
    }
    .quality[data-quality='good'] {
      color: var(--sb-color-success);
    }
    .quality[data-quality='fair'] {
      color: var(--sb-color-warning);
    }
    .quality[data-quality='poor'] {
      color: var(--sb-color-danger);
      font-weight: 600;
    }
  `,
})
export class PhoneStatus {
  /** Label, tone and state of the badge. */
  readonly badge = input.required<PhoneView['badge']>();
  /** Live stats of the current call, if any. */
  readonly stats = input<CallStats | undefined>(undefined);

  protected readonly quality = computed(() => networkQuality(this.stats()));
  protected readonly details = computed(() => {
    const s = this.stats();
    if (!s) return '';
    const parts = [
      s.codec && `codec ${s.codec}`,
      s.rttMs !== undefined && `RTT ${Math.round(s.rttMs)} ms`,
      s.jitterMs !== undefined && `jitter ${Math.round(s.jitterMs)} ms`,
      s.packetLoss !== undefined && `loss ${(s.packetLoss * 100).toFixed(1)} %`,
      s.mos !== undefined && `MOS ${s.mos.toFixed(1)}`,
    ];
    return parts.filter(Boolean).join(', ');
  });
}
