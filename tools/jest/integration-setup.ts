// Jest global setup of the `integration` project: one server, one migrated template database; every test file
// clones the template (createTestDatabase) so files run in parallel without seeing each other's rows.
import { join } from 'node:path';
import { applyMigrations } from '../../libs/api/data-access-db/src/lib/migrations';
import { createDatabase, startTestPostgres, type TestPostgres } from '../../libs/api/data-access-db/testing/test-postgres';

declare global {
  var __SB_TEST_PG__: TestPostgres | undefined;
}

export default async function integrationSetup(): Promise<void> {
  const pg = await startTestPostgres();
  globalThis.__SB_TEST_PG__ = pg;
  const template = `${pg.prefix}_tpl`;
  const url = await createDatabase(pg.adminUrl, template);
  await applyMigrations(url, join(__dirname, '..', '..', 'prisma', 'migrations'));
  process.env['SB_TEST_ADMIN_URL'] = pg.adminUrl;
  process.env['SB_TEST_TEMPLATE_DB'] = template;
  process.env['SB_TEST_DB_PREFIX'] = pg.prefix;
}
