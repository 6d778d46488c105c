import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type AsteriskSettings, asteriskEnvironment } from './asterisk-environment';

const run = promisify(execFile);

/** How to start Asterisk with the repository's configuration. */
export interface AsteriskProcessOptions {
  readonly binary: string;
  /** The repository's `asterisk/` folder: render.sh renders it into `workDir/etc`, which Asterisk reads. */
  readonly confDir: string;
  /** Writable folder for the rendered configuration, logs, astdb, spool and the control socket. */
  readonly workDir: string;
  readonly settings: AsteriskSettings;
  /** How long to wait for `core waitfullybooted` and the HTTP server (default 30 s). */
  readonly readyTimeoutMs?: number;
  /** Where Asterisk's own stdout/stderr lines go (default: dropped; its messages.log has everything). */
  readonly onOutput?: (line: string) => void;
}

/** Asterisk did not start or did not become ready. */
export class AsteriskStartError extends Error {
  override readonly name = 'AsteriskStartError';
}

/** The CLI prints this on every remote command in a host without ethernet; it is not part of any answer. */
const EID_NOTICE = /^No ethernet interface found for seeding global EID.*$/gm;

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Install folders beside a binary: /opt/asterisk/sbin/asterisk → /opt/asterisk/lib/..., /usr/sbin → /var/lib. */
function installDirs(binary: string): { moduleDir: string; dataDir: string; sbinDir: string } {
  const prefix = dirname(dirname(binary));
  return {
    moduleDir: join(prefix, 'lib', 'asterisk', 'modules'),
    dataDir: prefix === '/usr' ? '/var/lib/asterisk' : join(prefix, 'var', 'lib', 'asterisk'),
    sbinDir: dirname(binary),
  };
}

/**
 * An Asterisk this process started in the foreground (`-f`: our child, no console) with the repository's
 * configuration rendered from the environment, and must stop. Ready means fully booted and the HTTP server (SIP
 * over WebSocket, ARI) accepting connections.
 */
export class AsteriskProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly binary: string,
    /** The rendered asterisk.conf (for `asterisk -C ... -rx`). */
    readonly configFile: string,
    /** Asterisk's own log (notices, warnings, errors, verbose 3, DTMF). */
    readonly logFile: string,
    private readonly exited: Promise<number | null>,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  whenExited(): Promise<number | null> {
    return this.exited;
  }

  static async start(options: AsteriskProcessOptions): Promise<AsteriskProcess> {
    const etc = join(options.workDir, 'etc');
    const state = join(options.workDir, 'state');
    mkdirSync(etc, { recursive: true });
    const dirs = installDirs(options.binary);
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      ASTERISK_MODULE_DIR: dirs.moduleDir,
      ASTERISK_DATA_DIR: dirs.dataDir,
      ASTERISK_SBIN_DIR: dirs.sbinDir,
      ASTERISK_STATE_DIR: state,
      ...asteriskEnvironment(options.settings),
    };
    const rendered = spawnSync('sh', [join(options.confDir, 'render.sh'), etc], { env, encoding: 'utf8' });
    if (rendered.status !== 0)
      throw new AsteriskStartError(`asterisk/render.sh failed: ${rendered.stderr.trim() || rendered.status}`);
    const configFile = join(etc, 'asterisk.conf');
    const child = spawn(options.binary, ['-f', '-C', configFile], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      // A binary that cannot be run at all emits 'error' and never 'exit'.
      child.once(
        'error',
        (error) => (options.onOutput?.(`cannot run ${options.binary}: ${error.message}`), resolve(null)),
      );
    });
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) options.onOutput?.(line);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    const started = new AsteriskProcess(child, options.binary, configFile, join(state, 'log', 'messages.log'), exited);
    try {
      await started.waitReady(options.settings, options.readyTimeoutMs ?? 30_000);
    } catch (error) {
      await started.stop();
      throw error;
    }
    return started;
  }

  /** Runs one CLI command on this Asterisk (`asterisk -rx`) and answers its output: what Asterisk itself says. */
  async cli(command: string): Promise<string> {
    const { stdout } = await run(this.binary, ['-C', this.configFile, '-rx', command], { timeout: 10_000 });
    return stdout.replace(EID_NOTICE, '').trim();
  }

  /** SIGTERM (Asterisk stops at once, hanging up its calls), then SIGKILL if it has not stopped within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private async waitReady(settings: AsteriskSettings, timeoutMs: number): Promise<void> {
    const host = !settings.bindIp || settings.bindIp === '0.0.0.0' ? '127.0.0.1' : settings.bindIp;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new AsteriskStartError(`Asterisk exited during start-up; see ${this.logFile}`);
      const booted = await this.cli('core waitfullybooted').then(
        (output) => output.includes('fully booted'),
        // The control socket is not there yet.
        () => false,
      );
      if (booted && (await accepts(host, settings.httpPort ?? 8088))) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new AsteriskStartError(`Asterisk was not ready within ${timeoutMs} ms; see ${this.logFile}`);
  }
}
