import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** A server process we started, with its output appended to a log file. */
export class ManagedProcess {
  private constructor(
    private readonly child: ChildProcess,
    /** Where its stdout and stderr go. */
    readonly logFile: string,
  ) {}

  /** Starts `command` with `args`; output goes to `logFile` (appended, so a restart keeps the earlier log). */
  static start(command: string, args: readonly string[], logFile: string): ManagedProcess {
    const log = createWriteStream(logFile, { flags: 'a' });
    log.write(`\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once('close', () => log.end());
    return new ManagedProcess(child, logFile);
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Its exit code or signal, for error messages. */
  get exitDescription(): string {
    return this.child.signalCode ?? `exit code ${String(this.child.exitCode)}`;
  }

  /** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
