export * from './lib/reports.module';
export * from './lib/reports.service';
export { csvField, toCsv } from './lib/report-csv';
