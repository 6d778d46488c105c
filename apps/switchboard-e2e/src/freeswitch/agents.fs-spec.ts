// Agent consoles (JsSIP in Chromium) on a real FreeSWITCH 1.11 with the repository's own configuration: registration
// with the per-login credential, status in mod_callcenter, calls between agents with audio checked on the wire
// (inbound RTP counted by the browser), hold, mute, DTMF seen by FreeSWITCH, transfers, and sign-out.
import type { Browser } from 'playwright-core';
import type { CallDetailDto, CallDto, Page } from '@switchboard/shared/contracts';
import { AgentConsole } from '../sip/agent-console';
import { attendedTransfer, blindTransfer } from '../sip/transfers';
import { launchPhoneBrowser } from '../sip/phone-browser';
import { type TestAgent, provisionAgents, request } from '../sip/provisioning';
import { FreeswitchStack, SIP_DOMAIN, STACK_ADMIN, readUntil } from './stack';

const agent = (extension: string, name: string): TestAgent => ({
  email: `${name.toLowerCase()}.fs@example.com`,
  password: `${name}-fs-pass-12`,
  displayName: `${name} Agent`,
  extension,
});
const ANA = agent('2001', 'Ana');
const BEN = agent('2002', 'Ben');
const CAROL = agent('2003', 'Carol');

// Calls through a real PBX take seconds each (set per file: Jest reads testTimeout only from the global config).
jest.setTimeout(90_000);

describe('agent consoles on a real FreeSWITCH', () => {
  let stack: FreeswitchStack;
  let browser: Browser;
  let ana: AgentConsole;
  let ben: AgentConsole;
  let carol: AgentConsole;

  beforeAll(async () => {
    stack = await FreeswitchStack.start('agents');
    await provisionAgents(stack.base, STACK_ADMIN, [ANA, BEN, CAROL]);
    browser = await launchPhoneBrowser();
    [ana, ben, carol] = await Promise.all([ANA, BEN, CAROL].map((a) => AgentConsole.open(browser, stack.base, a)));
    await Promise.all([ana, ben, carol].map((c) => c.waitRegistered(20_000)));
  }, 180_000);

  afterEach(async () => {
    for (const phone of [ana, ben, carol]) {
      if (!phone) continue;
      for (let i = 0; i < 3 && (await phone.page.getByTestId('call-panel').count()) > 0; i++) {
        await phone.click('call-hangup').catch(() => undefined);
        await phone.page.waitForTimeout(300);
      }
    }
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** `caller` dials `callee`, who answers; resolves once both consoles say Connected. */
  async function connect(caller: AgentConsole, callee: AgentConsole): Promise<void> {
    await caller.dial(callee.agent.extension);
    await callee.waitRinging();
    await callee.click('answer');
    await Promise.all([caller.waitCallState(/Connected/), callee.waitCallState(/Connected/)]);
  }

  /** Ana picks a status (and a break reason) in her console and applies it. */
  async function setStatus(status: string, reason?: string): Promise<void> {
    await ana.page.getByTestId('status-choice').selectOption(status);
    if (reason) await ana.page.getByTestId('break-reason').selectOption(reason);
    await ana.click('status-apply');
  }

  /** mod_callcenter's own answer for the agent's status. */
  const ccStatus = (who: TestAgent) => stack.fsApi(`callcenter_config agent get status ${who.extension}@${SIP_DOMAIN}`);

  it('each console registers with its per-login credential, and FreeSWITCH lists the registration', async () => {
    // FreeSWITCH writes registrations to its own database a moment after the 200 OK.
    const registrations = await readUntil(
      () => stack.fsApi('show registrations'),
      (list) => [ANA, BEN, CAROL].every((who) => list.includes(`${who.extension},${SIP_DOMAIN}`)),
      'the three registrations in FreeSWITCH',
    );
    expect(registrations).toMatch(/3 total/);
    await ana.shot('fs-registered');
  });

  it('Available, On Break with a reason and Logged Out each reach mod_callcenter', async () => {
    await setStatus('AVAILABLE');
    await readUntil(
      () => ccStatus(ANA),
      (v) => v === 'Available',
      'mod_callcenter: Ana Available',
    );
    await setStatus('ON_BREAK', 'LUNCH');
    await ana.waitForText('agent-status', /break/i);
    await readUntil(
      () => ccStatus(ANA),
      (v) => v === 'On Break',
      'mod_callcenter: Ana On Break',
    );
    await setStatus('LOGGED_OUT');
    await readUntil(
      () => ccStatus(ANA),
      (v) => v === 'Logged Out',
      'mod_callcenter: Ana Logged Out',
    );
  });

  it('a status set on the switch itself reaches the status history and Ana’s console', async () => {
    await setStatus('AVAILABLE');
    await ana.waitForText('agent-status', /^\s*Available\s*$/);
    // What mod_callcenter does by itself after max-no-answer missed calls (cc_agent_update "status"), and what an
    // operator does in fs_cli: the same agent-status-change event.
    const seen = Date.now();
    expect(await stack.fsApi(`callcenter_config agent set status ${ANA.extension}@${SIP_DOMAIN} 'On Break'`)).toMatch(
      /^\+OK/,
    );
    await ana.waitForText('agent-status', /break/i, 15_000);
    await ana.waitForText('status-set-by', /phone system/, 5_000);
    const history = await stack.sql<{ status: string; source: string; at: Date }>(
      `SELECT c.status, c.source, c.at FROM "AgentStatusChange" c JOIN "Agent" a ON a.id = c."agentId"
        WHERE a.name = $1 ORDER BY c.at DESC LIMIT 2`,
      [`${ANA.extension}@${SIP_DOMAIN}`],
    );
    expect(history.map(({ status, source }) => [status, source])).toEqual([
      ['ON_BREAK', 'FREESWITCH'],
      ['AVAILABLE', 'AGENT'],
    ]);
    expect(Math.abs((history[0]?.at.getTime() ?? 0) - seen)).toBeLessThan(2_000);
    await ana.shot('fs-status-set-on-switch');
  });

  it('Ana calls Ben through FreeSWITCH: audio both ways, the call stays up', async () => {
    await connect(ana, ben);
    expect(await ben.audioFlows()).toBeGreaterThan(0);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    // FreeSWITCH bridged the two legs (show calls lists one call between them).
    expect(await stack.fsApi('show calls count')).toMatch(/^1 total/);
    await ana.page.waitForTimeout(3000);
    await ana.waitCallState(/Connected/);
    await ana.shot('fs-in-call');
  });

  it('hold, then audio again after unhold; mute stops what Ben receives from Ana', async () => {
    await connect(ana, ben);
    await ana.click('call-hold');
    await ana.waitCallState(/On hold/);
    await ana.shot('fs-on-hold');
    await ana.click('call-hold');
    await ana.waitCallState(/Connected/);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    expect(await ben.audioFlows()).toBeGreaterThan(0);
    // Chromium's fake microphone plays a beep: Ben hears it, then silence while Ana is muted, then the beep again.
    const loud = (level: number) => level > 0.01;
    await readUntil(() => ben.audioLevel(), loud, 'Ben hearing Ana');
    await ana.click('call-mute');
    await ana.waitForText('call-mute', /^\s*Unmute/);
    await readUntil(
      () => ben.audioLevel(),
      (level) => level < 0.001,
      'silence at Ben while Ana is muted',
    );
    await ana.click('call-mute');
    await ana.waitForText('call-mute', /^\s*Mute/);
    await readUntil(() => ben.audioLevel(), loud, 'Ben hearing Ana again after unmute');
  });

  it('RFC 2833 DTMF from the keypad reaches FreeSWITCH as DTMF events on the call', async () => {
    await connect(ana, ben);
    await ana.click('call-keypad');
    for (const key of ['4', '2', '#']) await ana.click(`dtmf-${key}`);
    await ana.waitForText('dtmf-sent', /Sent: 42#/);
    const token = (
      await request<{ accessToken: string }>(stack.base, undefined, 'POST', '/api/auth/login', STACK_ADMIN)
    ).accessToken;
    const digits = async (): Promise<string> => {
      const page = await request<Page<CallDto>>(stack.base, token, 'GET', '/api/calls?pageSize=1');
      const uuid = page.items[0]?.uuid;
      if (!uuid) return '';
      const detail = await request<CallDetailDto>(stack.base, token, 'GET', `/api/calls/${uuid}`);
      return detail.timeline
        .filter((e) => e.name === 'DTMF')
        .map((e) => e.summary['DTMF-Digit'] ?? '')
        .join('');
    };
    await readUntil(digits, (v) => v.includes('42#'), 'DTMF 4 2 # in the call timeline');
  });

  it('Ben transfers Ana blind to Carol: Carol rings, answers and talks with Ana', async () => {
    await connect(ana, ben);
    await blindTransfer({
      caller: ana,
      transferor: ben,
      target: carol,
      targetExtension: CAROL.extension,
      shownToTarget: /2001|Ana/,
    });
  });

  it('Carol consults Ben with Ana on hold, then completes the attended transfer: Ana talks with Ben', async () => {
    await connect(ana, carol);
    await attendedTransfer(
      { caller: ana, transferor: carol, target: ben, targetExtension: BEN.extension, shownToTarget: /2003|Carol/ },
      async () => {
        await carol.waitCallState(/Connected/);
        await carol.shot('fs-consulting');
      },
    );
    await ana.shot('fs-after-attended-transfer');
  });

  it('signing out: the registration goes, the directory refuses the old credential, mod_callcenter says Logged Out', async () => {
    await ben.page.getByTestId('status-choice').selectOption('AVAILABLE');
    await ben.click('status-apply');
    await readUntil(
      () => ccStatus(BEN),
      (v) => v === 'Available',
      'mod_callcenter: Ben Available',
    );
    await ben.click('shell-logout');
    await ben.page.getByTestId('login-email').waitFor();
    await readUntil(
      () => stack.fsApi('show registrations'),
      (v) => !v.includes(`${BEN.extension},${SIP_DOMAIN}`),
      'Ben unregistered',
    );
    await readUntil(
      () => ccStatus(BEN),
      (v) => v === 'Logged Out',
      'mod_callcenter: Ben Logged Out',
    );
    // FreeSWITCH asks the API for Ben's user: no live credential and no static password, so nobody can register.
    const user = await stack.fsApi(`user_exists id ${BEN.extension} ${SIP_DOMAIN}`);
    expect(user).toBe('false');
  });
});
