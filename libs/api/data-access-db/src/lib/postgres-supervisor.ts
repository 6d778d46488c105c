import type { ChildProcess } from 'node:child_process';

/** What the supervisor needs of a postmaster it restarts (PostmasterProcess; the child is read from `process`). */
export interface StartablePostgres {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Longest wait between two restart attempts. */
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Restarts an embedded PostgreSQL whose postmaster dies (killed, or exits with an error) while the API runs (OOM killer, `kill -9`, a crash), so a
 * database outage ends by itself as it does with a managed server. The first attempt waits `restartDelayMs`; a
 * refused start (its old backends still hold the shared memory, say) is tried again with a doubling delay.
 */
export class PostgresSupervisor {
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private restarting: Promise<void> | undefined;
  /** Restarts so far (tests and logs). */
  restarts = 0;

  constructor(
    private readonly postgres: StartablePostgres,
    private readonly restartDelayMs: number,
    private readonly log: (line: string) => void,
  ) {}

  /** The running postmaster's process id, when one runs. */
  get pid(): number | undefined {
    const child = this.child();
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  /** Watches the postmaster started by the last successful `start()`. */
  watch(): void {
    const child = this.child();
    child?.once('exit', (code, signal) => {
      if (this.stopping) return;
      // A clean exit (code 0) was asked for from outside: `pg_ctl stop`, or a signal sent to it on purpose.
      if (signal === null && code === 0) {
        this.log('embedded PostgreSQL was stopped from outside; not restarting it');
        return;
      }
      this.log(`embedded PostgreSQL exited (${signal ?? `code ${code}`}); restarting in ${this.restartDelayMs} ms`);
      this.schedule(this.restartDelayMs);
    });
  }

  /** Stops PostgreSQL for good: no restart after this. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.restarting?.catch(() => undefined);
    // A postmaster that already died sends no exit event to wait for.
    if (this.pid === undefined) this.forget();
    await this.postgres.stop();
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.restarting = this.restart(delayMs).finally(() => (this.restarting = undefined));
    }, delayMs);
    this.timer.unref();
  }

  private async restart(previousDelayMs: number): Promise<void> {
    if (this.stopping) return;
    this.forget();
    try {
      await this.postgres.start();
    } catch (error) {
      // start() rejects with nothing when the new postmaster exits at once; the reason is in its log lines.
      const next = Math.min(MAX_RESTART_DELAY_MS, Math.max(500, previousDelayMs * 2));
      this.log(
        `embedded PostgreSQL did not restart (${error instanceof Error ? error.message : 'it exited at once'}); trying again in ${next} ms`,
      );
      if (!this.stopping) this.schedule(next);
      return;
    }
    this.restarts++;
    this.log('embedded PostgreSQL restarted');
    this.watch();
    // Stopped while it was starting: stop() found no live process to wait for, so stop this one here.
    if (this.stopping) await this.postgres.stop();
  }

  /** The postmaster's child process is read and forgotten only here. */
  private child(): ChildProcess | undefined {
    return (this.postgres as unknown as { process?: ChildProcess }).process;
  }

  private forget(): void {
    (this.postgres as unknown as { process?: ChildProcess }).process = undefined;
  }
}
