import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  afterNextRender,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what these charts draw, so the bundle carries no other chart types.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Filler,
  Legend,
  Tooltip,
);

/** One series of a chart. */
export interface ChartSeries {
  label: string;
  data: readonly (number | null)[];
  color: string;
}

/**
 * A bar or line chart drawn by chart.js 4 on a canvas that fills its container. Data changes update the chart in
 * place, without animation (a wallboard redraws often). `summary` is read by screen readers instead of the canvas.
 */
@Component({
  selector: 'sb-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<canvas #canvas role="img" [attr.aria-label]="summary()"></canvas>`,
  styles: `
    :host {
      position: relative;
      display: block;
      min-height: 180px;
    }
  `,
})
export class ChartView {
  readonly type = input.required<'bar' | 'line'>();
  readonly labels = input.required<readonly string[]>();
  readonly series = input.required<readonly ChartSeries[]>();
  /** Values are shares 0..1 shown as percentages. */
  readonly percent = input(false);
  readonly summary = input.required<string>();

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    afterNextRender(() => {
      const context = this.canvas().nativeElement.getContext('2d');
      // No 2D context (a browser without canvas support): the aria-label still describes the data.
      if (context) this.chart = new Chart(context, this.configuration());
    });
    effect(() => {
      const data = this.data();
      if (!this.chart) return;
      this.chart.data = data;
      this.chart.update('none');
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  private data(): ChartConfiguration['data'] {
    const line = this.type() === 'line';
    return {
      labels: [...this.labels()],
      datasets: this.series().map((series) => ({
        label: series.label,
        data: [...series.data],
        backgroundColor: line ? `${series.color}22` : series.color,
        borderColor: series.color,
        borderWidth: line ? 2 : 0,
        pointRadius: 0,
        fill: line,
        spanGaps: true,
        tension: 0.25,
      })),
    };
  }

  private configuration(): ChartConfiguration {
    const percent = this.percent();
    return {
      type: this.type(),
      data: this.data(),
      options: {
        animation: false,
        maintainAspectRatio: false,
        responsive: true,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 10, boxHeight: 10 } },
          tooltip: percent
            ? {
                callbacks: {
                  label: (item) => `${item.dataset.label ?? ''}: ${Math.round((item.parsed.y ?? 0) * 100)}%`,
                },
              }
            : {},
        },
        scales: {
          x: {
            stacked: !percent && this.type() === 'bar',
            grid: { display: false },
            ticks: { maxRotation: 0, autoSkipPadding: 12 },
          },
          y: {
            stacked: !percent && this.type() === 'bar',
            beginAtZero: true,
            ...(percent
              ? { max: 1, ticks: { callback: (value) => `${Math.round(Number(value) * 100)}%` } }
              : { ticks: { precision: 0 } }),
          },
        },
      },
    };
  }
}
