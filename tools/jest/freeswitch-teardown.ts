import { stopTestPostgres } from '../../libs/api/data-access-db/testing/test-postgres';

export default async function freeswitchTeardown(): Promise<void> {
  if (globalThis.__SB_FS_PG__) await stopTestPostgres(globalThis.__SB_FS_PG__);
}
