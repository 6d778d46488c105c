import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { LiveQueueStats } from '@switchboard/shared/contracts';
import { queueBaseName } from '@switchboard/supervisor/data-access-live';
import { formatDuration, formatPercent, secondsSince } from '../durations';

/** Gauge geometry: a ring of radius 30 (circumference ≈ 188.5). */
const RING = 2 * Math.PI * 30;

/**
 * One queue on the wall: callers waiting, the longest wait counting up every second, today's service level as a
 * gauge, and the queue's agents by activity. Warns when callers wait with nobody available.
 */
@Component({
  selector: 'sb-queue-tile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './queue-tile.html',
  styleUrl: './queue-tile.css',
})
export class QueueTile {
  readonly stats = input.required<LiveQueueStats>();
  /** The current time (ms), ticking every second. */
  readonly now = input.required<number>();
  /** Waiting longer than this (seconds) turns the longest wait red: the queue's service-level threshold. */
  readonly targetSeconds = input(20);
  /** What people call the queue ("Support"); until it is known, mod_callcenter's name without its domain. */
  readonly displayName = input<string | undefined>(undefined);

  protected readonly name = computed(() => this.displayName() || queueBaseName(this.stats().queue));
  protected readonly longestWait = computed(() => secondsSince(this.stats().longestWaitSince, this.now()));
  protected readonly longestWaitText = computed(() => formatDuration(this.longestWait()));
  protected readonly overTarget = computed(() => (this.longestWait() ?? 0) > this.targetSeconds());
  protected readonly unstaffed = computed(() => this.stats().waiting > 0 && this.stats().agents.available === 0);
  protected readonly serviceLevel = computed(() => this.stats().today?.serviceLevel ?? null);
  protected readonly serviceLevelText = computed(() => formatPercent(this.serviceLevel()));
  protected readonly gaugeDash = computed(() => `${(this.serviceLevel() ?? 0) * RING} ${RING}`);
  protected readonly gaugeTone = computed(() => {
    const level = this.serviceLevel();
    if (level === null) return 'none';
    return level >= 0.8 ? 'good' : level >= 0.6 ? 'fair' : 'poor';
  });
  protected readonly asa = computed(() => formatDuration(roundOrNull(this.stats().today?.asaSeconds)));
  protected readonly aht = computed(() => formatDuration(roundOrNull(this.stats().today?.ahtSeconds)));
}

function roundOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value);
}
