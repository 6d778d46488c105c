// Jest global setup of the `freeswitch` project (the real-FreeSWITCH stage): one PostgreSQL server for the run. Each
// test file starts its own API and FreeSWITCH on a database of its own (apps/switchboard-e2e/src/freeswitch/stack.ts).
import { startTestPostgres, type TestPostgres } from '../../libs/api/data-access-db/testing/test-postgres';

declare global {
  var __SB_FS_PG__: TestPostgres | undefined;
}

export default async function freeswitchSetup(): Promise<void> {
  const pg = await startTestPostgres();
  globalThis.__SB_FS_PG__ = pg;
  process.env['SB_FS_PG_ADMIN_URL'] = pg.adminUrl;
  process.env['SB_FS_DB_PREFIX'] = pg.prefix;
}
