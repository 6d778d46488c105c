// The product on a real Asterisk, as the real-Asterisk test stage runs it: the built API (dist/) on its own database
// with PBX=asterisk, and Asterisk started with the repository's own asterisk/ folder. Only environment variables and
// writable folders differ from production. Everything runs inside the loopback-only network namespace of the stage,
// which has 192.0.2.1/32 on lo besides 127.0.0.1: Asterisk never offers loopback ICE candidates.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsteriskProcess, findAsteriskBinary } from '@switchboard/shared/util-asterisk';
import { createStageDatabase } from '../stage-database';

const root = join(__dirname, '..', '..', '..', '..');

/** The first admin of every stack. */
export const STACK_ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };
export const SIP_DOMAIN = 'switchboard.test';
export const ARI = { user: 'switchboard', password: 'stage-ari-secret-1' } as const;
export const AMI = { user: 'switchboard', password: 'stage-ami-secret-1', port: 5038 } as const;
export const HTTP_PORT = 8088;
/** SIP over WebSocket on Asterisk's HTTP server. */
export const WS_URL = `ws://127.0.0.1:${HTTP_PORT}/ws`;
/**
 * What the API hands the consoles: Asterisk's host and port without the /ws path. Only the asterisk profile of
 * sip-core adds the path, so a console registers only if it took the profile from the API's answer (`pbx`).
 */
export const API_SIP_WS_URL = `ws://127.0.0.1:${HTTP_PORT}`;

/** One API + one Asterisk for a test file. */
export class AsteriskStack {
  private api: ChildProcess | undefined;

  private constructor(
    readonly base: string,
    readonly asterisk: AsteriskProcess,
    private readonly apiEnv: NodeJS.ProcessEnv,
    private readonly artifacts: string,
    private readonly name: string,
  ) {}

  /** Starts Asterisk, then the API (which writes its extensions into Asterisk over ARI as it starts). */
  static async start(name: string): Promise<AsteriskStack> {
    const binary = findAsteriskBinary();
    if (!binary) throw new Error('no Asterisk binary (ASTERISK_BIN, /opt/asterisk/sbin/asterisk, PATH)');
    const url = await createStageDatabase(`ast_${name}`, 'sb_ast');
    const artifacts = join(root, 'test-results', 'asterisk');
    mkdirSync(artifacts, { recursive: true });
    // Screenshots and SIP logs of the consoles go beside the API's and Asterisk's logs.
    process.env['SB_E2E_ARTIFACTS'] = artifacts;
    const asteriskOut = createWriteStream(join(artifacts, `${name}-asterisk-stdout.log`));
    const asterisk = await AsteriskProcess.start({
      binary,
      confDir: join(root, 'asterisk'),
      workDir: mkdtempSync(join(tmpdir(), `sb-ast-${name}-`)),
      settings: {
        sipDomain: SIP_DOMAIN,
        ariUser: ARI.user,
        ariPassword: ARI.password,
        amiUser: AMI.user,
        amiPassword: AMI.password,
        amiPort: AMI.port,
        bindIp: '0.0.0.0',
        httpPort: HTTP_PORT,
      },
      onOutput: (line) => asteriskOut.write(`${line}\n`),
    });
    const port = 3100 + Math.floor(Math.random() * 800);
    const apiEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url.toString(),
      DATA_DIR: mkdtempSync(join(tmpdir(), `sb-ast-${name}-data-`)),
      ADMIN_EMAIL: STACK_ADMIN.email,
      ADMIN_PASSWORD: STACK_ADMIN.password,
      LOG_LEVEL: 'info',
      LOGIN_RATE_LIMIT: '1000',
      SIP_DOMAIN,
      SIP_WS_URL: API_SIP_WS_URL,
      PBX: 'asterisk',
      ASTERISK_ARI_URL: `http://${ARI.user}:${ARI.password}@127.0.0.1:${HTTP_PORT}`,
      ASTERISK_AMI_URL: `tcp://${AMI.user}:${AMI.password}@127.0.0.1:${AMI.port}`,
      EMBEDDED_FREESWITCH: 'false',
      DEMO: 'false',
    };
    const stack = new AsteriskStack(`http://127.0.0.1:${port}`, asterisk, apiEnv, artifacts, name);
    try {
      await stack.startApi();
    } catch (error) {
      await asterisk.stop();
      throw error;
    }
    return stack;
  }

  /** Runs a CLI command on Asterisk itself: what Asterisk says, not what the API believes. */
  cli(command: string): Promise<string> {
    return this.asterisk.cli(command);
  }

  /** Whether ARI finds the PJSIP object (what the API wrote into Asterisk's memory). */
  async hasPjsipObject(type: 'endpoint' | 'aor' | 'auth', id: string): Promise<boolean> {
    const response = await fetch(`http://127.0.0.1:${HTTP_PORT}/ari/asterisk/config/dynamic/res_pjsip/${type}/${id}`, {
      headers: { authorization: `Basic ${Buffer.from(`${ARI.user}:${ARI.password}`).toString('base64')}` },
    });
    return response.ok;
  }

  /** Sets fields of a PJSIP object over ARI, as an operator would for a test (Asterisk keeps the other fields). */
  async putPjsipFields(type: 'endpoint' | 'aor' | 'auth', id: string, fields: Record<string, string>): Promise<void> {
    const response = await fetch(`http://127.0.0.1:${HTTP_PORT}/ari/asterisk/config/dynamic/res_pjsip/${type}/${id}`, {
      method: 'PUT',
      headers: {
        authorization: `Basic ${Buffer.from(`${ARI.user}:${ARI.password}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ fields: Object.entries(fields).map(([attribute, value]) => ({ attribute, value })) }),
    });
    if (!response.ok) throw new Error(`ARI PUT ${type}/${id}: ${response.status} ${await response.text()}`);
  }

  async stop(): Promise<void> {
    await this.stopApi();
    await this.asterisk?.stop();
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
        throw new Error(`the API exited with code ${api.exitCode}; see test-results/asterisk/${this.name}-api.log`);
      const healthy = await fetch(`${this.base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
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
}
