export { CallSearchPage, CALLS_PAGE_SIZE } from './lib/call-search-page/call-search-page';
export { ReportsPage } from './lib/reports-page/reports-page';
export { CallsApi, type CallSearch } from './lib/calls-api';
export { ReportsApi, type ReportFilters, type ReportKind } from './lib/reports-api';
