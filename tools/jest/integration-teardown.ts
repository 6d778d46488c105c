import { stopTestPostgres } from '../../libs/api/data-access-db/testing/test-postgres';

export default async function integrationTeardown(): Promise<void> {
  if (globalThis.__SB_TEST_PG__) await stopTestPostgres(globalThis.__SB_TEST_PG__);
}
