// For *.int-spec.ts files: a fresh, migrated database cloned from the run's template.
import { randomBytes } from 'node:crypto';
import { createDatabase } from './test-postgres';

/** Creates a database of this test file's own and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const admin = process.env['SB_TEST_ADMIN_URL'];
  const template = process.env['SB_TEST_TEMPLATE_DB'];
  const prefix = process.env['SB_TEST_DB_PREFIX'];
  if (!admin || !template || !prefix) throw new Error('integration tests run through the `integration` Jest project (its global setup prepares PostgreSQL)');
  return createDatabase(admin, `${prefix}_${randomBytes(4).toString('hex')}`, template);
}
