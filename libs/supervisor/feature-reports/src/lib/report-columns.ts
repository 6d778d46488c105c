import type { AgentReportRow, CallMetrics, IntervalReportRow, QueueReportRow } from '@switchboard/shared/contracts';
import type { DirectoryNames } from '@switchboard/supervisor/data-access-live';

/** One column of a report table. */
export interface ReportColumn<T> {
  label: string;
  value: (row: T) => string;
  /** Whether the column holds a figure (right-aligned, tabular). */
  numeric?: boolean;
}

const dash = '–';
const seconds = (value: number | null): string => (value === null ? dash : `${value.toFixed(1)} s`);
const percent = (value: number | null): string => (value === null ? dash : `${(value * 100).toFixed(1)}%`);
const hours = (value: number): string => `${(value / 3600).toFixed(1)} h`;

/** The call figures every report shows, after its own key column. */
function callColumns<T extends CallMetrics>(): ReportColumn<T>[] {
  return [
    { label: 'Offered', value: (r) => String(r.offered), numeric: true },
    { label: 'Answered', value: (r) => String(r.answered), numeric: true },
    { label: 'Abandoned', value: (r) => String(r.abandoned), numeric: true },
    { label: 'Service level', value: (r) => percent(r.serviceLevel), numeric: true },
    { label: 'Abandon rate', value: (r) => percent(r.abandonRate), numeric: true },
    { label: 'ASA', value: (r) => seconds(r.asaSeconds), numeric: true },
    { label: 'AHT', value: (r) => seconds(r.ahtSeconds), numeric: true },
  ];
}

/**
 * Columns of the per-queue report; queues by the names admins gave them. The total row's "queue" (All queues) is no
 * queue's name (queue names are lower-case slugs), so it is shown as it is.
 */
export function queueColumns(names: DirectoryNames): readonly ReportColumn<QueueReportRow>[] {
  return [
    { label: 'Queue', value: (r) => names.queueText(r.queue) },
    ...callColumns<QueueReportRow>(),
    { label: 'Longest answer wait', value: (r) => seconds(r.maxAnswerWaitSeconds), numeric: true },
  ];
}

const AGENT_FIGURES: readonly ReportColumn<AgentReportRow>[] = [
  { label: 'Answered', value: (r) => String(r.answered), numeric: true },
  { label: 'Handled', value: (r) => String(r.handled), numeric: true },
  { label: 'AHT', value: (r) => seconds(r.ahtSeconds), numeric: true },
  { label: 'Talk', value: (r) => hours(r.talkSeconds), numeric: true },
  { label: 'Wrap-up', value: (r) => hours(r.wrapUpSeconds), numeric: true },
  { label: 'Staffed', value: (r) => hours(r.staffedSeconds), numeric: true },
  { label: 'Available', value: (r) => hours(r.availableSeconds), numeric: true },
  { label: 'Break', value: (r) => hours(r.breakSeconds), numeric: true },
  { label: 'Occupancy', value: (r) => percent(r.occupancy), numeric: true },
];

/** Columns of the per-agent report; agents by person and extension. */
export function agentColumns(names: DirectoryNames): readonly ReportColumn<AgentReportRow>[] {
  return [{ label: 'Agent', value: (r) => names.agentText(r.agent) }, ...AGENT_FIGURES];
}

/** Columns of the per-interval report; `label` formats the interval start for the chosen length. */
export function intervalColumns(label: (row: IntervalReportRow) => string): readonly ReportColumn<IntervalReportRow>[] {
  return [{ label: 'Interval', value: label }, ...callColumns<IntervalReportRow>()];
}
