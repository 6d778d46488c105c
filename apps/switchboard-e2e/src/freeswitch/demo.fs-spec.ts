// `DEMO=1 npm start` with the embedded FreeSWITCH, as a newcomer runs it: the API starts its own FreeSWITCH beside
// the demo's simulated traffic, and places real calls into the demo's live queue. A person signs in to the agent
// console with the live agent the start banner names, goes Available, and answers a real call with audio; the floor
// shows it live and the call records keep it, marked demo, until `npm run demo:remove` takes it away.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import type { CallDto, Page } from '@switchboard/shared/contracts';
import { screenshot } from '../browser';
import { AgentConsole } from '../sip/agent-console';
import { launchPhoneBrowser } from '../sip/phone-browser';
import { type TestAgent, request } from '../sip/provisioning';
import { supervisorSnapshot } from './floor';
import { createStageDatabase } from '../stage-database';
import { SIP_DOMAIN, STACK_ADMIN, readUntil } from './stack';

// FreeSWITCH starts inside the API (4-7 s), then a call is placed and answered.
jest.setTimeout(120_000);

const root = join(__dirname, '..', '..', '..', '..');
const LIVE_QUEUE = `demo-live@${SIP_DOMAIN}`;

/**
 * Runs the built API (dist/) as `npm start` does, with `args`; its output is collected in `output` and written to
 * test-results/freeswitch/demo-api.log.
 */
function runApi(env: NodeJS.ProcessEnv, args: string[] = []): { api: ChildProcess; output: string[] } {
  const output: string[] = [];
  const dir = join(root, 'test-results', 'freeswitch');
  mkdirSync(dir, { recursive: true });
  const log = createWriteStream(join(dir, 'demo-api.log'), { flags: 'a' });
  const api = spawn(process.execPath, [join(root, 'dist', 'apps', 'api', 'main.js'), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout?.pipe(log);
  api.stderr?.pipe(log);
  api.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  api.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { api, output };
}

describe('DEMO=1 with the embedded FreeSWITCH: real demo calls an agent answers', () => {
  let env: NodeJS.ProcessEnv;
  let base = '';
  let api: ChildProcess | undefined;
  let output: string[] = [];
  let browser: Browser | undefined;
  let token = '';

  beforeAll(async () => {
    const url = await createStageDatabase('demo');
    const port = 3100 + Math.floor(Math.random() * 800);
    base = `http://127.0.0.1:${port}`;
    env = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: url.toString(),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-fs-demo-data-')),
      ADMIN_EMAIL: STACK_ADMIN.email,
      ADMIN_PASSWORD: STACK_ADMIN.password,
      LOG_LEVEL: 'info',
      SIP_DOMAIN,
      SIP_WS_URL: 'ws://127.0.0.1:5066',
      FREESWITCH_ESL: '',
      EMBEDDED_FREESWITCH: 'true',
      DEMO: 'true',
    };
    ({ api, output } = runApi(env));
    // The banner comes once the embedded FreeSWITCH has started.
    await readUntil(
      () => Promise.resolve(output.join('')),
      (text) => text.includes('Switchboard is running') || api?.exitCode !== null,
      'the start banner',
      60_000,
    );
    token = (await request<{ accessToken: string }>(base, undefined, 'POST', '/api/auth/login', STACK_ADMIN))
      .accessToken;
    browser = await launchPhoneBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api?.once('exit', resolve));
      api.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    }
  });

  it('the live agent from the banner answers a real demo call with audio; the floor and the records show it', async () => {
    const banner = output.join('');
    expect(banner).toMatch(/FreeSWITCH\s+\S+ \(embedded\).*DEMO=1: simulated traffic beside real demo calls/);
    // The banner is how a person learns whom to sign in as.
    const email = /sign in to the agent console as (\S+?@demo\.example\.com)/.exec(banner)?.[1];
    const password = /\(password (\S+)\)/.exec(banner)?.[1];
    expect(email).toBe('live.agent@demo.example.com');
    if (!email || !password || !browser) throw new Error(`no live agent in the banner:\n${banner}`);
    const agent: TestAgent = { email, password, displayName: 'Live Agent', extension: '3013' };

    const phone = await AgentConsole.open(browser, base, agent);
    await phone.waitRegistered(20_000);
    await phone.page.getByTestId('status-choice').selectOption('AVAILABLE');
    await phone.click('status-apply');
    // A demo caller waits in the live queue already (placed when FreeSWITCH came up), or comes within 5 s.
    // (On a loaded machine FreeSWITCH may still be loading the live queue and the agent's tier: allow for that.)
    await phone.page.getByTestId('incoming-caller').waitFor({ timeout: 45_000 });
    expect(await phone.waitRinging()).toMatch(/Demo caller|15550199/);
    await phone.click('answer');
    await phone.waitCallState(/Connected/);
    expect(await phone.audioFlows()).toBeGreaterThan(0);
    await readUntil(
      () => phone.audioLevel(),
      (level) => level > 0.001,
      'the demo caller heard by the agent',
    );

    // The floor: the agent on a call of the live queue, beside the simulated traffic (both nodes connected).
    const floor = await readUntil(
      () => supervisorSnapshot(base, token),
      (s) => s.agents.some((a) => a.name === `3013@${SIP_DOMAIN}` && a.state === 'In a queue call'),
      'the live agent in a queue call on the floor',
    );
    expect(floor.nodes.map((n) => n.node).sort()).toEqual(['127.0.0.1:8021', 'demo-simulator']);
    expect(floor.channels.some((c) => c.queue === LIVE_QUEUE)).toBe(true);
    expect(floor.queueStats.find((s) => s.queue === LIVE_QUEUE)?.agents.onCall).toBe(1);
    await phone.shot('fs-demo-live-call');

    // What a supervisor sees: the real call unmarked, the generated ones marked simulated.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/supervisor/`);
      await page.getByTestId('login-email').fill(STACK_ADMIN.email);
      await page.getByTestId('login-password').fill(STACK_ADMIN.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('simulated-badge').getByText('Simulated traffic beside real calls').waitFor();
      const realRow = page.locator('[data-testid="call-row"]', { hasText: '15550199' });
      await realRow.first().waitFor();
      // One row: the loopback legs of `originate loopback/…` are one call, not the caller's row and a ghost.
      await readUntil(
        () => realRow.count(),
        (rows) => rows === 1,
        'the real demo call as one row',
        5_000,
      );
      expect(await realRow.first().getByTestId('simulated-call').count()).toBe(0);
      await page.getByTestId('simulated-call').first().waitFor();
      await screenshot(page, 'fs-demo-supervisor-floor');
    } finally {
      await context.close();
    }

    await phone.click('call-hangup');
    await phone.waitCallState(null);
    // The record: answered by the live agent, in the live queue, from the demo caller.
    const records = await readUntil(
      () => request<Page<CallDto>>(base, token, 'GET', '/api/calls?pageSize=50'),
      (page) => page.items.some((c) => c.queue?.startsWith('demo-live') && c.agent?.startsWith('3013') && !!c.endedAt),
      'the demo call record',
      20_000,
    );
    const record = records.items.find((c) => c.queue?.startsWith('demo-live'));
    expect(record).toMatchObject({ fromName: 'Demo caller', fromNumber: '+15550199' });
    // ...and only that record: the loopback leg that played the caller is part of it, not a call of its own.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = await request<Page<CallDto>>(base, token, 'GET', '/api/calls?pageSize=50');
    expect(after.items.filter((c) => c.fromNumber === '+15550199' && !c.queue).map((c) => c.uuid)).toEqual([]);
  });

  it('npm run demo:remove takes the real demo calls away with the rest of the demo', async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api?.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    const removal = runApi(env, ['--remove-demo']);
    await new Promise((resolve) => removal.api.once('exit', resolve));
    expect(removal.api.exitCode).toBe(0);
    const db = new Client({ connectionString: env['DATABASE_URL'] });
    await db.connect();
    try {
      const left = await db.query<{ calls: string; queues: string }>(
        `SELECT (SELECT count(*) FROM "Call" WHERE "queueName" LIKE 'demo-%') AS calls,
                (SELECT count(*) FROM "Queue" WHERE demo) AS queues`,
      );
      expect(left.rows[0]).toEqual({ calls: '0', queues: '0' });
    } finally {
      await db.end();
    }
  });
});
