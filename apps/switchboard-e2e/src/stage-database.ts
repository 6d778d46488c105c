// The test stages' databases: each spec's stack gets a new, empty database on the stage's PostgreSQL, which the Jest
// project's global setup starts (tools/jest/freeswitch-setup.ts, shared by the real-FreeSWITCH and Asterisk stages).
import { Client } from 'pg';

/** Creates `<prefix>_<name>` (non-word characters of `name` as `_`) and returns its URL. */
export async function createStageDatabase(name: string, defaultPrefix = 'sb_fs'): Promise<URL> {
  const adminUrl = process.env['SB_FS_PG_ADMIN_URL'];
  if (!adminUrl) throw new Error("SB_FS_PG_ADMIN_URL is not set: run through the stage's Jest project (npm test)");
  const database = `${process.env['SB_FS_DB_PREFIX'] ?? defaultPrefix}_${name.replace(/\W/g, '_')}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url;
}
