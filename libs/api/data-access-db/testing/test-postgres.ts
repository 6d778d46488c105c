// A PostgreSQL server for one test run: TEST_DATABASE_URL's server when set, otherwise an embedded one.
// Each run gets fresh databases named sb_test_<run>_*, dropped at the end. Imported by Jest global setups,
// which Node loads without Jest's path aliases, hence the relative imports here and in tools/jest.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type RunningPostgres, ensureDatabase, startEmbeddedPostgres } from '../src/lib/embedded-postgres';

export interface TestPostgres {
  /** URL of a maintenance database on the server, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** Prefix of every database this run creates. */
  prefix: string;
  embedded?: RunningPostgres;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const prefix = `sb_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const configured = process.env['TEST_DATABASE_URL'];
  if (configured) return { adminUrl: configured, prefix };
  const embedded = await startEmbeddedPostgres({
    dataDir: join(mkdtempSync(join(tmpdir(), 'sb-test-pg-')), 'data'),
    persistent: false,
    database: 'postgres',
  });
  return { adminUrl: embedded.url, prefix, embedded };
}

/** The URL of another database on the same server. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  if (template) {
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  } else {
    await ensureDatabase(adminUrl, name);
  }
  return databaseUrl(adminUrl, name);
}

export async function stopTestPostgres(pg: TestPostgres): Promise<void> {
  await withClient(pg.adminUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${pg.prefix}%`]);
    // Templates last: a database cannot be dropped while another is being copied from it.
    for (const { datname } of rows.sort((a, b) => Number(a.datname.endsWith('_tpl')) - Number(b.datname.endsWith('_tpl')))) {
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }).catch((error: unknown) => console.warn('could not drop test databases:', error));
  await pg.embedded?.stop();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
