import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import {
  CALL_CHANNELS,
  REPORT_INTERVALS,
  type CallChannel,
  type IntervalReportRow,
  type ReportInterval,
} from '@switchboard/shared/contracts';
import { describeApiError, fieldErrorsOf } from '@switchboard/shared/data-access-auth';
import { ContactCenterZone, injectDirectoryNames } from '@switchboard/supervisor/data-access-live';
import { firstValueFrom } from 'rxjs';
import { type ReportColumn, agentColumns, intervalColumns, queueColumns } from '../report-columns';
import { todayLocalDate } from '../report-dates';
import { type ReportFilters, type ReportKind, ReportsApi } from '../reports-api';

/** A report as the table draws it: header cells and rows of formatted cells. */
interface ReportTable {
  headers: { label: string; numeric: boolean }[];
  rows: string[][];
  total: string[] | null;
}

/** The filters as the form holds them: whole days in the browser's time zone. */
interface ReportForm {
  fromDate: string;
  toDate: string;
  queue: string;
  agent: string;
  interval: ReportInterval;
  channel: CallChannel | '';
}

const TABS: readonly { kind: ReportKind; label: string }[] = [
  { kind: 'queues', label: 'Per queue' },
  { kind: 'agents', label: 'Per agent' },
  { kind: 'intervals', label: 'Per interval' },
];

function tableOf<T>(columns: readonly ReportColumn<T>[], rows: readonly T[], total: T | null): ReportTable {
  return {
    headers: columns.map((column) => ({ label: column.label, numeric: column.numeric ?? false })),
    rows: rows.map((row) => columns.map((column) => column.value(row))),
    total: total ? columns.map((column) => column.value(total)) : null,
  };
}

/**
 * Call reports per queue, per agent and per interval over whole days, with the figures the live wall uses
 * (`@switchboard/shared/util-metrics` on the server), and the same report as a CSV download.
 */
@Component({
  selector: 'sb-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reports-page.html',
  styleUrl: './reports-page.css',
})
export class ReportsPage {
  private readonly api = inject(ReportsApi);
  /** The contact center's zone, in which the days below are counted. */
  protected readonly timeZone = toSignal(inject(ContactCenterZone).timeZone$, { initialValue: null });

  /** Queues and agents by the names admins gave them. */
  private readonly names = injectDirectoryNames();

  protected readonly tabs = TABS;
  protected readonly intervals = REPORT_INTERVALS;
  protected readonly channels = CALL_CHANNELS;
  protected readonly kind = signal<ReportKind>('queues');
  protected readonly form = signal<ReportForm>({
    fromDate: todayLocalDate(),
    toDate: todayLocalDate(),
    queue: '',
    agent: '',
    interval: 'hour',
    channel: '',
  });
  /** The filters of the report on screen (set by Run). */
  protected readonly applied = signal<ReportFilters>(this.filtersOf(this.form()));
  private readonly report = rxResource({
    params: () => ({ kind: this.kind(), filters: this.applied() }),
    stream: ({ params }) => this.api.load(params.kind, params.filters),
  });
  protected readonly loading = this.report.isLoading;
  protected readonly fieldErrors = computed(() => fieldErrorsOf(this.report.error()));
  protected readonly loadError = computed(() => {
    const error = this.report.error();
    if (!error || Object.keys(this.fieldErrors()).length > 0) return null;
    return describeApiError(error, 'The report could not be loaded.');
  });
  protected readonly table = computed<ReportTable | null>(() => {
    if (!this.report.hasValue()) return null;
    const report = this.report.value();
    const names = this.names();
    if ('total' in report)
      return tableOf(queueColumns(names), report.rows, { ...report.total, queue: 'All queues', displayName: null });
    if ('interval' in report)
      return tableOf(intervalColumns(intervalLabel(report.interval, report.timeZone)), report.rows, null);
    return tableOf(agentColumns(names), report.rows, null);
  });
  protected readonly exporting = signal(false);
  protected readonly exportError = signal<string | null>(null);

  protected selectTab(kind: ReportKind): void {
    this.kind.set(kind);
  }

  protected setField<K extends keyof ReportForm>(key: K, value: ReportForm[K]): void {
    this.form.update((form) => ({ ...form, [key]: value }));
  }

  protected setInterval(value: string): void {
    const interval = REPORT_INTERVALS.find((candidate) => candidate === value);
    if (interval) this.setField('interval', interval);
  }

  protected setChannel(value: string): void {
    this.setField('channel', CALL_CHANNELS.find((candidate) => candidate === value) ?? '');
  }

  protected run(event: Event): void {
    event.preventDefault();
    this.applied.set(this.filtersOf(this.form()));
  }

  protected async exportCsv(): Promise<void> {
    this.exporting.set(true);
    this.exportError.set(null);
    try {
      const blob = await firstValueFrom(this.api.csv(this.kind(), this.filtersOf(this.form())));
      const { fromDate, toDate } = this.form();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `switchboard-${this.kind()}-${fromDate}-to-${toDate}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      // Expected: 400 for a bad range, 403 without calls:read, network errors.
      this.exportError.set(describeApiError(error, 'The CSV could not be downloaded.'));
    } finally {
      this.exporting.set(false);
    }
  }

  private filtersOf(form: ReportForm): ReportFilters {
    const { fromDate, toDate, queue, agent, interval, channel } = form;
    return { fromDate, toDate, queue, agent, interval, channel };
  }
}

/** Each row's start, in the zone the report counted in (the contact center's). */
function intervalLabel(interval: ReportInterval, timeZone: string): (row: IntervalReportRow) => string {
  const format: Intl.DateTimeFormatOptions =
    interval === 'hour'
      ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
      : { weekday: 'short', day: 'numeric', month: 'short' };
  const formatter = new Intl.DateTimeFormat(undefined, { ...format, timeZone });
  return (row) => formatter.format(new Date(row.start));
}
