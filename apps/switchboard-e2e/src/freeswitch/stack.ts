// The product on a real FreeSWITCH, as the real-FreeSWITCH test stage runs it: the built API (dist/) on its own
// database, and FreeSWITCH started with the repository's own freeswitch/ folder. Only environment variables and
// writable folders differ from production. Everything runs inside the loopback-only network namespace of the stage.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { FreeswitchProcess, findFreeswitchBinary, premiumPattern } from '@switchboard/shared/util-freeswitch';
import { createStageDatabase } from '../stage-database';

const root = join(__dirname, '..', '..', '..', '..');
const run = promisify(execFile);

/** The first admin of every stack. */
export const STACK_ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };
export const SIP_DOMAIN = 'switchboard.test';
/** Where the SIPp "carrier" listens; FREESWITCH_CARRIER_CIDR makes its calls unauthenticated trunk calls. */
export const CARRIER = { host: '127.0.0.2', port: 5080 } as const;

/** The event socket password of the stage's FreeSWITCH (tests tap its events with their own connection). */
export const ESL_PASSWORD = 'stage-esl-secret';
const HTTP = { user: 'freeswitch', password: 'stage-http-secret-1' };

/** One API + one FreeSWITCH for a test file. */
export class FreeswitchStack {
  private api: ChildProcess | undefined;

  private constructor(
    readonly base: string,
    readonly freeswitch: FreeswitchProcess,
    private readonly fsCli: string,
    private readonly apiEnv: NodeJS.ProcessEnv,
    private readonly artifacts: string,
    private readonly name: string,
  ) {}

  /** Starts the API, then FreeSWITCH (mod_xml_curl reads callcenter.conf from the API while it loads). */
  static async start(name: string): Promise<FreeswitchStack> {
    const binary = findFreeswitchBinary();
    if (!binary) throw new Error('no FreeSWITCH binary (FREESWITCH_BIN, /opt/freeswitch/bin/freeswitch, PATH)');
    const url = await createStageDatabase(name);
    const port = 3100 + Math.floor(Math.random() * 800);
    const artifacts = join(root, 'test-results', 'freeswitch');
    mkdirSync(artifacts, { recursive: true });
    // Screenshots and SIP logs of the consoles go beside the API's and FreeSWITCH's logs.
    process.env['SB_E2E_ARTIFACTS'] = artifacts;
    const apiEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url.toString(),
      DATA_DIR: mkdtempSync(join(tmpdir(), `sb-fs-${name}-data-`)),
      ADMIN_EMAIL: STACK_ADMIN.email,
      ADMIN_PASSWORD: STACK_ADMIN.password,
      LOG_LEVEL: 'info',
      LOGIN_RATE_LIMIT: '1000',
      SIP_DOMAIN,
      SIP_WS_URL: 'ws://127.0.0.1:5066',
      FREESWITCH_ESL: `esl://:${ESL_PASSWORD}@127.0.0.1:8021`,
      FREESWITCH_HTTP_USER: HTTP.user,
      FREESWITCH_HTTP_PASSWORD: HTTP.password,
      EMBEDDED_FREESWITCH: 'false',
      DEMO: 'false',
    };
    const base = `http://127.0.0.1:${port}`;
    // Appended, like the API's log: a run that failed keeps its reasons when the spec is run again.
    const fsLog = createWriteStream(join(artifacts, `${name}-freeswitch-stdout.log`), { flags: 'a' });
    fsLog.write(`--- ${new Date().toISOString()} ${name}\n`);
    const stack = new FreeswitchStack(
      base,
      undefined as unknown as FreeswitchProcess,
      join(dirname(binary), 'fs_cli'),
      apiEnv,
      artifacts,
      name,
    );
    await stack.startApi();
    // A FreeSWITCH that does not start must not leave the API running (an orphan outliving the test run).
    const freeswitch = await FreeswitchProcess.start({
      binary,
      confDir: join(root, 'freeswitch'),
      workDir: mkdtempSync(join(tmpdir(), `sb-fs-${name}-`)),
      settings: {
        sipDomain: SIP_DOMAIN,
        eslPassword: ESL_PASSWORD,
        eslListenIp: '127.0.0.1',
        apiUrl: base,
        httpUser: HTTP.user,
        httpPassword: HTTP.password,
        bindIp: '127.0.0.1',
        carrierProxy: `${CARRIER.host}:${CARRIER.port}`,
        carrierCidr: `${CARRIER.host}/32`,
        premiumPattern: premiumPattern(['0900', '0901', '0906', '0909', '0190']),
      },
      onOutput: (line) => fsLog.write(`${line}\n`),
    }).catch(async (error: unknown) => {
      await stack.stopApi();
      throw error;
    });
    Object.assign(stack, { freeswitch });
    await stack.waitForEsl();
    return stack;
  }

  /** Runs an API command on FreeSWITCH with its own fs_cli: what FreeSWITCH itself says, not what the API believes. */
  async fsApi(command: string): Promise<string> {
    const { stdout } = await run(this.fsCli, ['-H', '127.0.0.1', '-P', '8021', '-p', ESL_PASSWORD, '-x', command], {
      timeout: 10_000,
    });
    return stdout.trim();
  }

  /**
   * Runs one SQL statement on the stack's database and returns its rows: for what a test cannot wait for, such as a
   * row's expiry, or what no endpoint shows, such as who made a status change.
   */
  async sql<Row extends object = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<Row[]> {
    const client = new Client({ connectionString: this.apiEnv['DATABASE_URL'] });
    await client.connect();
    try {
      return (await client.query<Row>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** Stops the API (SIGTERM, as an operator would) and starts it again on the same database; FreeSWITCH stays up. */
  async restartApi(): Promise<void> {
    await this.stopApi();
    await this.startApi();
    await this.waitForEsl();
  }

  async stop(): Promise<void> {
    await this.stopApi();
    await this.freeswitch?.stop();
  }

  private async startApi(): Promise<void> {
    const log = createWriteStream(join(this.artifacts, `${this.name}-api.log`), { flags: 'a' });
    const api = spawn(process.execPath, [join(root, 'dist', 'apps', 'api', 'main.js')], {
      cwd: root,
      env: this.apiEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.pipe(log);
    api.stderr?.pipe(log);
    this.api = api;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (api.exitCode !== null)
        throw new Error(`the API exited with code ${api.exitCode}; see test-results/freeswitch/${this.name}-api.log`);
      if (
        await fetch(`${this.base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the API did not become healthy within 60 s');
  }

  private async stopApi(): Promise<void> {
    const api = this.api;
    if (!api || api.exitCode !== null) return;
    const exited = new Promise((resolve) => api.once('exit', resolve));
    api.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }

  /** Waits until the API's ESL connection is up and it has resynchronised (its health says so). */
  private async waitForEsl(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const health = (await fetch(`${this.base}/api/health`).then(
        (r) => r.json(),
        () => ({}),
      )) as { freeswitch?: { connected?: boolean } };
      if (health.freeswitch?.connected) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(
      `the API did not connect to FreeSWITCH within 30 s; see test-results/freeswitch/${this.name}-api.log`,
    );
  }
}

/** Reads until `accept` says yes; throws naming `what` and the last value read when `timeoutMs` passes. */
export async function readUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} within ${timeoutMs} ms; last read: ${JSON.stringify(last)}`);
}
