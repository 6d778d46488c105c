import type { AgentReport, CallMetrics, IntervalReport, QueueReport } from '@switchboard/shared/contracts';

type Cell = string | number | null;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR/LF or edge spaces, quotes doubled. Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading `'` (OWASP CSV injection).
 */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines joined with CRLF, ending with one, as RFC 4180 writes them. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const METRIC_COLUMNS = [
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'inQueue',
  'answeredWithinThreshold',
  'serviceLevelSeconds',
  'serviceLevel',
  'abandonRate',
  'asaSeconds',
  'maxAnswerWaitSeconds',
  'handled',
  'talkSeconds',
  'holdSeconds',
  'wrapUpSeconds',
  'handleSeconds',
  'ahtSeconds',
] as const satisfies readonly (keyof CallMetrics)[];

/** Cancel reasons seen in any row, sorted, for one `abandoned_<REASON>` column each. */
function reasonsOf(rows: readonly CallMetrics[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.abandonedByReason)))].sort();
}

function metricCells(row: CallMetrics, reasons: readonly string[]): Cell[] {
  return [...METRIC_COLUMNS.map((c) => row[c]), ...reasons.map((r) => row.abandonedByReason[r] ?? 0)];
}
const metricHeader = (reasons: readonly string[]) => [...METRIC_COLUMNS, ...reasons.map((r) => `abandoned_${r}`)];

/**
 * The queue report as CSV: one line per queue, then a `TOTAL` line. The queue's display name stands beside
 * mod_callcenter's name: people read the one, and the other joins with the call records.
 */
export function queueReportCsv(report: QueueReport): string {
  const reasons = reasonsOf([report.total]);
  return toCsv(
    ['queue', 'displayName', ...metricHeader(reasons)],
    [
      ...report.rows.map((row) => [row.queue, row.displayName, ...metricCells(row, reasons)]),
      ['TOTAL', null, ...metricCells(report.total, reasons)],
    ],
  );
}

/** The agent report as CSV, the person's name and extension beside mod_callcenter's agent name. */
export function agentReportCsv(report: AgentReport): string {
  const reasons = reasonsOf(report.rows);
  return toCsv(
    [
      'agent',
      'displayName',
      'extension',
      'staffedSeconds',
      'availableSeconds',
      'breakSeconds',
      'occupancy',
      ...metricHeader(reasons),
    ],
    report.rows.map((row) => [
      row.agent,
      row.displayName,
      row.extension,
      row.staffedSeconds,
      row.availableSeconds,
      row.breakSeconds,
      row.occupancy,
      ...metricCells(row, reasons),
    ]),
  );
}

/** The interval report as CSV: interval start and end in ISO (UTC). */
export function intervalReportCsv(report: IntervalReport): string {
  const reasons = reasonsOf(report.rows);
  return toCsv(
    ['start', 'end', ...metricHeader(reasons)],
    report.rows.map((row) => [row.start, row.end, ...metricCells(row, reasons)]),
  );
}
