// Test-only entry point (@switchboard/api/data-access-db/testing): real PostgreSQL databases for tests.
export * from './test-postgres';
export * from './test-database';
export * from './throwaway-postgres';
export * from './event-log';
