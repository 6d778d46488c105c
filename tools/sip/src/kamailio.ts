// Kamailio as the SIP-over-WebSocket registrar and proxy of a test run: loopback only, registrations in memory,
// no authentication. Config: tools/sip/kamailio.cfg.template (see shared TESTING.md for why each step is there).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KAMAILIO, ensureSipPrograms } from './packages';
import { freeLoopbackPort, waitUntil } from './ports';
import { ManagedProcess } from './process';

// Beside this file in the repository; from the working directory when this module is bundled (benchmarks).
const TEMPLATE = [
  join(__dirname, '..', 'kamailio.cfg.template'),
  join(process.cwd(), 'tools', 'sip', 'kamailio.cfg.template'),
].find((path) => existsSync(path));
const MODULE_DIRS = [
  '/usr/lib/x86_64-linux-gnu/kamailio/modules',
  '/usr/lib/aarch64-linux-gnu/kamailio/modules',
  '/usr/lib/kamailio/modules',
];

/** How to start Kamailio; every port defaults to a free one. */
export interface KamailioOptions {
  /** TCP port of the WebSocket listener (browsers connect to `ws://127.0.0.1:wsPort`). */
  readonly wsPort?: number;
  /** UDP port for plain SIP peers such as SIPp. */
  readonly udpPort?: number;
  /** rtpengine's control (ng) port: when set, calls between a WebSocket and a UDP peer are bridged by rtpengine. */
  readonly rtpengineNgPort?: number;
  /** Whether every REGISTER is answered 403 Forbidden (a registrar that refuses the credentials). */
  readonly refuseRegistrations?: boolean;
  /** Kamailio's log level (-5..3); 1 by default, 3 to see every message. */
  readonly debug?: number;
  /** Folder for the rendered config and the log (a fresh temporary one by default). */
  readonly workDir?: string;
}

/** Thrown when Kamailio exits or does not listen in time. */
export class KamailioStartError extends Error {
  override readonly name = 'KamailioStartError';
}

/** A running Kamailio; `stop()` and `start()` again keep the same ports (to test re-registration). */
export class Kamailio {
  private process: ManagedProcess | undefined;

  private constructor(
    /** WebSocket listener port. */
    readonly wsPort: number,
    /** UDP listener port. */
    readonly udpPort: number,
    /** The rendered config file. */
    readonly configFile: string,
    /** Kamailio's log (appended across restarts). */
    readonly logFile: string,
  ) {}

  /** Installs Kamailio when missing (root + apt-get), renders the config and starts it; resolves once it listens. */
  static async start(options: KamailioOptions = {}): Promise<Kamailio> {
    ensureSipPrograms(KAMAILIO);
    const wsPort = options.wsPort ?? (await freeLoopbackPort());
    const udpPort = options.udpPort ?? (await freeLoopbackPort());
    const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'sb-kamailio-'));
    const configFile = join(workDir, 'kamailio.cfg');
    writeFileSync(configFile, renderKamailioConfig({ ...options, wsPort, udpPort }));
    const kamailio = new Kamailio(wsPort, udpPort, configFile, join(workDir, 'kamailio.log'));
    await kamailio.resume();
    return kamailio;
  }

  /** The URL JsSIP connects to. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.wsPort}`;
  }

  /** Whether Kamailio is running. */
  get running(): boolean {
    return this.process?.running ?? false;
  }

  /** Starts Kamailio again after `stop()`, on the same ports, with registrations gone (they live in memory). */
  async resume(): Promise<void> {
    if (this.running) return;
    const runDir = mkdtempSync(join(tmpdir(), 'sb-kamailio-run-'));
    // -DD: stay in the foreground (children still fork); -E: log to stderr; -Y: runtime dir of our own.
    const process = ManagedProcess.start(
      KAMAILIO.path,
      ['-f', this.configFile, '-DD', '-E', '-Y', runDir],
      this.logFile,
    );
    this.process = process;
    try {
      await waitUntil(
        async () => {
          if (!process.running)
            throw new KamailioStartError(`kamailio stopped (${process.exitDescription}); see ${this.logFile}`);
          return canConnect(this.wsPort);
        },
        10_000,
        'kamailio did not listen',
      );
    } catch (error) {
      await process.stop();
      throw error instanceof KamailioStartError
        ? error
        : new KamailioStartError(`${String(error)}; see ${this.logFile}`, { cause: error });
    }
  }

  /** Stops Kamailio (SIGTERM to the main process, which ends its children). */
  async stop(): Promise<void> {
    await this.process?.stop();
  }

  /** The log so far, for a failing test's message. */
  log(): string {
    return readFileSync(this.logFile, 'utf8');
  }
}

/** The config text for the given ports (exported for a config-syntax check). */
export function renderKamailioConfig(options: KamailioOptions & { wsPort: number; udpPort: number }): string {
  const moduleDir = MODULE_DIRS.find((dir) => {
    try {
      return readFileSync(join(dir, 'websocket.so')).length > 0;
    } catch {
      return false; // Not this architecture's folder: try the next one.
    }
  });
  const values: Record<string, string> = {
    RTPENGINE_DEFINE: options.rtpengineNgPort === undefined ? '' : '#!define WITH_RTPENGINE_ON',
    RTPENGINE_NG_PORT: String(options.rtpengineNgPort ?? 0),
    REFUSE_DEFINE: options.refuseRegistrations ? '#!define WITH_REFUSE_REGISTER' : '',
    DEBUG: String(options.debug ?? 1),
    UDP_PORT: String(options.udpPort),
    WS_PORT: String(options.wsPort),
    MODULE_DIR: moduleDir ?? MODULE_DIRS[0],
  };
  if (!TEMPLATE) throw new Error('tools/sip/kamailio.cfg.template not found: run from the repository root');
  return readFileSync(TEMPLATE, 'utf8').replace(/@@([A-Z_]+)@@/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`kamailio.cfg.template names an unknown placeholder @@${name}@@`);
    return value;
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
