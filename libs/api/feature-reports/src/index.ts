export * from './lib/reports.module';
export * from './lib/reports.service';
export { ReportDataRepository, CALL_PAGE_SIZE } from './lib/report-data.repository';
export { csvField, toCsv } from './lib/report-csv';
