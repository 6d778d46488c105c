import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { StartablePostgres } from './postgres-supervisor';

/**
 * util-linux's setpriv, which sets a parent-death signal and then execs a program (Linux only). util-freeswitch's
 * withParentDeathSignal does the same for FreeSWITCH; it is not imported here because the Jest global setups load
 * this file without the workspace's path mapping.
 */
const SETPRIV_CANDIDATES = ['/usr/bin/setpriv', '/bin/setpriv'];

/** How to run one PostgreSQL postmaster. */
export interface PostmasterOptions {
  /** The `postgres` binary. */
  readonly binary: string;
  readonly dataDir: string;
  readonly port: number;
  /** More command-line options (`-c name=value`, `-k socketDir`). */
  readonly args?: readonly string[];
  /** The user to run as (PostgreSQL refuses root); undefined: as this process's user. */
  readonly user?: { readonly uid: number; readonly gid: number };
  readonly log: (line: string) => void;
  /** setpriv to use; undefined: found in /usr/bin or /bin; false: none. */
  readonly setpriv?: string | false;
}

/** The postmaster exited before it was ready to accept connections (its reason is in the logged lines). */
export class PostmasterStartError extends Error {
  override readonly name = 'PostmasterStartError';
}

/**
 * A PostgreSQL postmaster this process starts and stops, in a process group of its own: a terminal's Ctrl-C then
 * reaches the API only, which drains its requests and closes its pool before it stops PostgreSQL (SIGINT, "fast
 * shutdown"). Being in another group, it would outlive an API killed with SIGKILL; so where util-linux's setpriv
 * exists it is started with a parent-death signal (PR_SET_PDEATHSIG = SIGINT): the kernel stops it cleanly when the
 * API dies, however it dies. Without setpriv, it is stopped on the API's `exit` (any exit but SIGKILL).
 */
export class PostmasterProcess implements StartablePostgres {
  /** The running postmaster (the supervisor watches it). */
  process: ChildProcess | undefined;
  private readonly setpriv: string | undefined;

  constructor(private readonly options: PostmasterOptions) {
    this.setpriv =
      options.setpriv === false ? undefined : (options.setpriv ?? SETPRIV_CANDIDATES.find((path) => existsSync(path)));
  }

  /** Whether it is stopped by the kernel if the API dies (setpriv found). */
  get diesWithParent(): boolean {
    return this.setpriv !== undefined;
  }

  /** Starts the postmaster; resolves once it accepts connections. */
  async start(): Promise<void> {
    const { binary, dataDir, port, user, log } = this.options;
    const args = ['-D', dataDir, '-p', String(port), ...(this.options.args ?? [])];
    // setpriv sets the signal (SIGINT: fast shutdown, a clean cluster), then execs postgres: the postmaster keeps
    // setpriv's pid and stays our child.
    const [command, argv] = this.setpriv
      ? [this.setpriv, ['--pdeathsig', 'INT', '--', binary, ...args]]
      : [binary, args];
    const child = spawn(command, argv, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
      ...(user ?? {}),
    });
    this.process = child;
    const stopOnExit = (): void => void child.kill('SIGINT');
    process.once('exit', stopOnExit);
    child.once('exit', () => process.removeListener('exit', stopOnExit));
    await new Promise<void>((resolve, reject) => {
      let ready = false;
      // The end of what came before: the line looked for may straddle two chunks.
      let tail = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        for (const line of text.split('\n')) if (line.trim()) log(line.trim());
        tail = (tail + text).slice(-200);
        if (!ready && tail.includes('database system is ready to accept connections')) {
          ready = true;
          resolve();
        }
      });
      child.once('error', (error) => reject(new PostmasterStartError(`cannot run ${command}: ${error.message}`)));
      child.once('exit', (code, signal) => {
        if (!ready) reject(new PostmasterStartError(`postgres exited during start-up (${signal ?? `code ${code}`})`));
      });
    });
  }

  /** Fast shutdown (SIGINT: sessions are ended, nothing committed is lost); resolves once it has exited. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    await exited;
  }
}
