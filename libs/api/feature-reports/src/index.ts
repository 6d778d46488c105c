export * from './lib/reports.module';
export * from './lib/reports.service';
export { ReportDataRepository, CALL_WINDOW_MS } from './lib/report-data.repository';
export { csvField, toCsv } from './lib/report-csv';
