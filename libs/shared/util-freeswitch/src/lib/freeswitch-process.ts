import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { type FreeswitchSettings, freeswitchEnvironment } from './freeswitch-environment';
import { stopOrphanFreeswitch } from './freeswitch-orphan';
import { FREESWITCH_PORTS } from './freeswitch-ports';
import { withParentDeathSignal } from './parent-death';

/** How to start FreeSWITCH with the repository's configuration. */
export interface FreeswitchProcessOptions {
  readonly binary: string;
  /** The repository's `freeswitch/` folder; FreeSWITCH only reads it. */
  readonly confDir: string;
  /** Writable folder for logs, databases, the pid file, certificates and spooled CDRs. */
  readonly workDir: string;
  readonly settings: FreeswitchSettings;
  /** Address the event socket is reached on (default settings.eslListenIp, else 127.0.0.1). */
  readonly eslHost?: string;
  /** How long to wait for the event socket and the SIP profile (default 30 s). */
  readonly readyTimeoutMs?: number;
  /** Where FreeSWITCH's own stdout/stderr lines go (default: dropped; its log file has everything). */
  readonly onOutput?: (line: string) => void;
  /**
   * Run FreeSWITCH in a process group of its own (default false). A terminal's Ctrl-C or a signal to the starter's
   * group then reaches only the starter, which stops FreeSWITCH in its own order (e.g. while its HTTP server still
   * takes the CDRs of the calls FreeSWITCH hangs up). FreeSWITCH is still sent SIGTERM when the starter exits, and
   * where util-linux's setpriv exists also when the starter is killed (parent-death signal).
   */
  readonly detached?: boolean;
}

/** FreeSWITCH did not start or did not become ready. */
export class FreeswitchStartError extends Error {
  override readonly name = 'FreeswitchStartError';
}

/** Whether something accepts TCP connections on host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * A FreeSWITCH this process started (`-nf -nc`: in the foreground, so it is our child, without a console) and must
 * stop. Ready means the event socket and the `internal` profile's SIP-over-WebSocket listener accept connections (the
 * profile binds its listeners as it starts, after the event socket).
 */
export class FreeswitchProcess {
  private constructor(
    private readonly child: ChildProcess,
    /** FreeSWITCH's own log file. */
    readonly logFile: string,
    /** Where mod_json_cdr spools the CDRs it could not post (replay them with `npm run cdr:replay`). */
    readonly cdrSpoolDir: string,
    private readonly exited: Promise<number | null>,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether it is still running (false too when it could not be run at all). */
  get running(): boolean {
    return this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the exit code when FreeSWITCH stops, whoever stopped it. */
  whenExited(): Promise<number | null> {
    return this.exited;
  }

  static async start(options: FreeswitchProcessOptions): Promise<FreeswitchProcess> {
    const dirs = Object.fromEntries(
      ['log', 'db', 'run', 'certs', 'storage', 'recordings'].map((name) => [name, join(options.workDir, name)]),
    ) as Record<'log' | 'db' | 'run' | 'certs' | 'storage' | 'recordings', string>;
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    await stopOrphanFreeswitch(options.workDir);
    const args = ['-nf', '-nc', '-nonat', '-conf', options.confDir, '-log', dirs.log, '-db', dirs.db, '-run', dirs.run];
    args.push('-temp', dirs.run, '-storage', dirs.storage, '-recordings', dirs.recordings, '-certs', dirs.certs);
    // Detached, it would outlive a starter killed with SIGKILL: the kernel then stops it (SIGTERM) where it can.
    const command = options.detached
      ? withParentDeathSignal(options.binary, args, 'TERM')
      : { command: options.binary, args };
    const child = spawn(command.command, command.args, {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...freeswitchEnvironment(options.settings) },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.detached ?? false,
    });
    // Who owns this FreeSWITCH: a later start tells a running one (owner alive) from an orphan it may stop.
    if (child.pid !== undefined) writeFileSync(join(dirs.run, 'owner.pid'), `${process.pid}\n`);
    // A detached child is not in our process group, so nothing else would stop it when we exit without stop().
    const killOnExit = (): void => void child.kill('SIGTERM');
    if (options.detached) process.once('exit', killOnExit);
    const exited = new Promise<number | null>((resolve) => {
      const done = (code: number | null): void => {
        process.removeListener('exit', killOnExit);
        resolve(code);
      };
      child.once('exit', done);
      // A binary that cannot be run at all emits 'error' and never 'exit'.
      child.once(
        'error',
        (error) => (options.onOutput?.(`cannot run ${options.binary}: ${error.message}`), done(null)),
      );
    });
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) options.onOutput?.(line);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    const started = new FreeswitchProcess(child, join(dirs.log, 'freeswitch.log'), join(dirs.log, 'cdr-spool'), exited);
    try {
      await started.waitReady(options);
    } catch (error) {
      await started.stop();
      throw error;
    }
    return started;
  }

  /** SIGTERM, then SIGKILL if FreeSWITCH has not stopped within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private async waitReady(options: FreeswitchProcessOptions): Promise<void> {
    const eslHost = options.eslHost ?? options.settings.eslListenIp ?? '127.0.0.1';
    const sipHost = options.settings.bindIp ?? '127.0.0.1';
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new FreeswitchStartError(`FreeSWITCH exited during start-up; see ${this.logFile}`);
      if ((await accepts(eslHost, FREESWITCH_PORTS.esl)) && (await accepts(sipHost, FREESWITCH_PORTS.ws))) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new FreeswitchStartError(`FreeSWITCH was not ready within ${timeoutMs} ms; see ${this.logFile}`);
  }
}
