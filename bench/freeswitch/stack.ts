// The system under test, as the real-FreeSWITCH test stage runs it (apps/switchboard-e2e/src/freeswitch/stack.ts):
// the built API on a database of its own, and FreeSWITCH 1.11.2 started with the repository's own freeswitch/
// folder. Differences for load: NODE_ENV=production, LOG_LEVEL=warn, and a wide RTP port range (the default 101
// ports carry 25 bridged calls).
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { FreeswitchProcess, findFreeswitchBinary } from '@switchboard/shared/util-freeswitch';

export const SIP_DOMAIN = 'bench.switchboard.test';
export const ADMIN = { email: 'bench-admin@example.com', password: 'Bench-admin-pass-1!' };
export const ESL_PASSWORD = 'bench-esl-secret';
const HTTP = { user: 'freeswitch', password: 'bench-http-secret-1' };
/** FreeSWITCH's listeners on 127.0.0.1: SIP, SIP over WS and WSS, the event socket. */
export const FREESWITCH_TCP_PORTS = [5060, 5066, 7443, 8021] as const;

export interface StackOptions {
  /** The built API (main.js, with migrations/ beside it). */
  readonly apiMain: string;
  /** The repository's freeswitch/ folder. */
  readonly confDir: string;
  /** PostgreSQL server to create the benchmark's database on (any database URL of it). */
  readonly adminUrl: string;
  /** Where logs go. */
  readonly outDir: string;
  readonly rtpPorts: { readonly start: number; readonly end: number };
}

/**
 * One directory lookup as mod_xml_curl makes it to authenticate a caller's INVITE (form POST, Basic auth); resolves
 * with the milliseconds the API took, or NaN when it failed or took longer than xml_curl.conf.xml's 5 s timeout.
 */
export async function directoryLookupMs(base: string, user: string): Promise<number> {
  const form = new URLSearchParams({
    section: 'directory',
    tag_name: 'domain',
    key_name: 'name',
    key_value: SIP_DOMAIN,
    'Event-Name': 'REQUEST_PARAMS',
    action: 'sip_auth',
    sip_auth_method: 'INVITE',
    user,
    domain: SIP_DOMAIN,
  });
  const started = performance.now();
  const response = await fetch(`${base}/freeswitch/directory`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${HTTP.user}:${HTTP.password}`).toString('base64')}` },
    body: form,
    signal: AbortSignal.timeout(5000),
  }).catch(() => undefined);
  const text = await response?.text().catch(() => '');
  return response?.ok && text?.includes(`id="${user}"`) ? performance.now() - started : NaN;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function sql(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** One API + one FreeSWITCH + one database. */
export class BenchStack {
  private constructor(
    readonly base: string,
    readonly api: ChildProcess,
    readonly freeswitch: FreeswitchProcess,
    readonly databaseUrl: string,
    private readonly adminUrl: string,
    private readonly database: string,
    readonly apiLog: string,
  ) {}

  static async start(options: StackOptions): Promise<BenchStack> {
    const binary = findFreeswitchBinary();
    if (!binary) throw new Error('no FreeSWITCH binary (FREESWITCH_BIN, /opt/freeswitch/bin/freeswitch, PATH)');
    const busy = [];
    for (const port of FREESWITCH_TCP_PORTS) if (await listening(port)) busy.push(port);
    if (busy.length > 0)
      throw new Error(
        `127.0.0.1 port(s) ${busy.join(', ')} are taken (another FreeSWITCH?): run the benchmark in a network ` +
          'namespace of its own (README.md)',
      );
    const database = `sb_bench_fs_${Date.now()}`;
    await sql(options.adminUrl, `CREATE DATABASE "${database}"`);
    const url = new URL(options.adminUrl);
    url.pathname = `/${database}`;
    const databaseUrl = url.toString();
    const port = 3900 + Math.floor(Math.random() * 90);
    const base = `http://127.0.0.1:${port}`;
    mkdirSync(options.outDir, { recursive: true });
    const apiLog = join(options.outDir, 'api.log');
    const log = createWriteStream(apiLog);
    const api = spawn(process.execPath, [options.apiMain], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-bench-fs-data-')),
        JWT_SECRET: 'freeswitch-benchmark-secret-freeswitch-benchmark',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
        LOGIN_RATE_LIMIT: '1000',
        SIP_DOMAIN,
        SIP_WS_URL: 'ws://127.0.0.1:5066',
        FREESWITCH_ESL: `esl://:${ESL_PASSWORD}@127.0.0.1:8021`,
        FREESWITCH_HTTP_USER: HTTP.user,
        FREESWITCH_HTTP_PASSWORD: HTTP.password,
        EMBEDDED_FREESWITCH: 'false',
        DEMO: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.pipe(log);
    api.stderr?.pipe(log);
    try {
      await waitFor(
        () =>
          fetch(`${base}/api/health`).then(
            (r) => r.ok,
            () => false,
          ),
        () => api.exitCode === null,
        60_000,
        `the API did not become healthy within 60 s; see ${apiLog}`,
      );
      const fsLog = createWriteStream(join(options.outDir, 'freeswitch-stdout.log'));
      const freeswitch = await FreeswitchProcess.start({
        binary,
        confDir: options.confDir,
        workDir: mkdtempSync(join(tmpdir(), 'sb-bench-fs-')),
        settings: {
          sipDomain: SIP_DOMAIN,
          eslPassword: ESL_PASSWORD,
          eslListenIp: '127.0.0.1',
          apiUrl: base,
          httpUser: HTTP.user,
          httpPassword: HTTP.password,
          bindIp: '127.0.0.1',
          rtpPorts: options.rtpPorts,
        },
        onOutput: (line) => fsLog.write(`${line}\n`),
      });
      const running = new BenchStack(base, api, freeswitch, databaseUrl, options.adminUrl, database, apiLog);
      await waitFor(
        async () => {
          const health = (await fetch(`${base}/api/health`).then(
            (r) => r.json(),
            () => ({}),
          )) as { freeswitch?: { connected?: boolean } };
          return health.freeswitch?.connected === true;
        },
        () => api.exitCode === null,
        30_000,
        `the API did not connect to FreeSWITCH within 30 s; see ${apiLog}`,
      ).catch(async (error: unknown) => {
        await running.stop(false);
        throw error;
      });
      return running;
    } catch (error) {
      if (api.exitCode === null) api.kill('SIGTERM');
      await sql(options.adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
      throw error;
    }
  }

  /** Stops the API (SIGTERM) and FreeSWITCH; drops the database unless `keepDatabase`. */
  async stop(keepDatabase: boolean): Promise<void> {
    if (this.api.exitCode === null) {
      const exited = new Promise((resolve) => this.api.once('exit', resolve));
      this.api.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      if (this.api.exitCode === null) this.api.kill('SIGKILL');
    }
    await this.freeswitch.stop();
    if (!keepDatabase)
      await sql(this.adminUrl, `DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`).catch((error: unknown) =>
        console.warn(`could not drop ${this.database}:`, error),
      );
  }
}

/** Polls `ready` every 250 ms until it says yes; throws `message` after `timeoutMs` or when `alive` says no. */
async function waitFor(
  ready: () => Promise<boolean>,
  alive: () => boolean,
  timeoutMs: number,
  message: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(message);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(message);
}
