export { CallSearchPage, CALLS_PAGE_SIZE } from './lib/call-search-page/call-search-page';
export { CallsApi, type CallSearch } from './lib/calls-api';
