import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type ChartSeries, ChartView } from '../chart/chart';
import { formatPercent } from '../durations';

/** One interval of today's traffic, as the charts draw it. */
export interface IntervalPoint {
  /** Start of the interval, as the axis shows it (`09:30`). */
  label: string;
  offered: number;
  answered: number;
  abandoned: number;
  /** Share 0..1 answered within the service-level threshold; null with no calls. */
  serviceLevel: number | null;
}

/** Today's calls per interval (answered / abandoned / other) and the service level over the day. */
@Component({
  selector: 'sb-floor-charts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChartView],
  template: `
    <section class="sb-panel chart-panel" aria-labelledby="calls-chart-title">
      <h2 id="calls-chart-title">Calls per {{ intervalLabel() }}</h2>
      <sb-chart type="bar" [labels]="labels()" [series]="callSeries()" [summary]="callsSummary()" />
    </section>
    <section class="sb-panel chart-panel" aria-labelledby="sl-chart-title">
      <h2 id="sl-chart-title">Service level today</h2>
      <sb-chart type="line" [labels]="labels()" [series]="levelSeries()" [percent]="true" [summary]="levelSummary()" />
    </section>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(420px, 1fr));
      gap: var(--sb-space-4);
    }
    .chart-panel {
      display: flex;
      flex-direction: column;
      gap: var(--sb-space-2);
      padding: var(--sb-space-3) var(--sb-space-4);
    }
    sb-chart {
      height: 220px;
    }
  `,
})
export class FloorCharts {
  readonly points = input.required<readonly IntervalPoint[]>();
  /** The interval length in words, e.g. "hour". */
  readonly intervalLabel = input('hour');

  protected readonly labels = computed(() => this.points().map((point) => point.label));
  protected readonly callSeries = computed<ChartSeries[]>(() => [
    { label: 'Answered', data: this.points().map((p) => p.answered), color: '#1d5bbf' },
    { label: 'Abandoned', data: this.points().map((p) => p.abandoned), color: '#d92d20' },
    {
      label: 'Other',
      data: this.points().map((p) => Math.max(0, p.offered - p.answered - p.abandoned)),
      color: '#98a2b3',
    },
  ]);
  protected readonly levelSeries = computed<ChartSeries[]>(() => [
    { label: 'Service level', data: this.points().map((p) => p.serviceLevel), color: '#067647' },
  ]);
  protected readonly callsSummary = computed(() => {
    const offered = this.points().reduce((sum, p) => sum + p.offered, 0);
    const answered = this.points().reduce((sum, p) => sum + p.answered, 0);
    return `${offered} calls offered today, ${answered} answered, over ${this.points().length} intervals.`;
  });
  protected readonly levelSummary = computed(() => {
    const last = [...this.points()].reverse().find((p) => p.serviceLevel !== null);
    return `Service level of the latest interval: ${formatPercent(last?.serviceLevel ?? null)}.`;
  });
}
