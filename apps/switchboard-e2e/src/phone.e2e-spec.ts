// Agent consoles calling each other through a real Kamailio (SIP over WebSocket) in real Chromium with fake media,
// and a SIPp phone calling an agent over UDP through Kamailio + rtpengine. Everything (API, Kamailio, rtpengine,
// SIPp, Chromium) runs in one loopback-only network namespace: tools/sip/netns.mjs, used by `npm test`.
import type { Browser } from 'playwright-core';
import { Kamailio, RtpEngine, runSippCall } from '@switchboard/tools/sip';
import { baseUrl, screenshot } from './browser';
import { AgentConsole } from './sip/agent-console';
import { attendedTransfer, blindTransfer } from './sip/transfers';
import { launchPhoneBrowser } from './sip/phone-browser';
import { type TestAgent, provisionAgents } from './sip/provisioning';

const ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };
const agent = (extension: string, name: string): TestAgent => ({
  email: `${name.toLowerCase()}.phone@example.com`,
  password: `${name}-phone-pass-1`,
  displayName: `${name} Phone`,
  extension,
});
const ANA = agent('2001', 'Ana');
const BEN = agent('2002', 'Ben');
const CAROL = agent('2003', 'Carol');

const wsPort = Number(process.env['SB_E2E_SIP_WS_PORT']);
const udpPort = Number(process.env['SB_E2E_SIP_UDP_PORT']);

jest.setTimeout(60_000);

describe('phone: agent consoles on a real SIP proxy', () => {
  let kamailio: Kamailio;
  let rtpengine: RtpEngine;
  let browser: Browser;
  let ana: AgentConsole;
  let ben: AgentConsole;
  let carol: AgentConsole;

  beforeAll(async () => {
    if (!process.env['SB_E2E_NETNS'] || !wsPort || !udpPort) {
      throw new Error(
        'phone tests run inside a loopback network namespace: node tools/sip/netns.mjs npx jest --selectProjects e2e (as root), or npm test',
      );
    }
    rtpengine = await RtpEngine.start();
    kamailio = await Kamailio.start({ wsPort, udpPort, rtpengineNgPort: rtpengine.ngPort });
    await provisionAgents(baseUrl(), ADMIN, [ANA, BEN, CAROL]);
    browser = await launchPhoneBrowser();
  }, 90_000);

  /** `caller` dials `callee`, who answers; resolves once both talk. */
  async function connect(caller: AgentConsole, callee: AgentConsole): Promise<void> {
    await caller.dial(callee.agent.extension);
    await callee.waitRinging();
    await callee.click('answer');
    await Promise.all([caller.waitCallState(/Connected/), callee.waitCallState(/Connected/)]);
  }

  // Each flow starts from idle consoles, so one failing flow does not fail the next ones.
  afterEach(async () => {
    for (const phone of [ana, ben, carol]) {
      if (!phone) continue;
      for (let i = 0; i < 3 && (await phone.page.getByTestId('call-panel').count()) > 0; i++) {
        await phone.click('call-hangup').catch(() => undefined);
        await phone.page.waitForTimeout(300);
      }
      if ((await phone.page.getByTestId('reject').count()) > 0) await phone.click('reject').catch(() => undefined);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await kamailio?.stop();
    await rtpengine?.stop();
  });

  it('three agents sign in and their consoles register by themselves', async () => {
    [ana, ben, carol] = await Promise.all([ANA, BEN, CAROL].map((a) => AgentConsole.open(browser, baseUrl(), a)));
    await Promise.all([ana, ben, carol].map((c) => c.waitRegistered()));
    await ana.shot('registered');
  });

  it("a number beyond the agent's outbound class is refused with the reason, and nothing is dialled", async () => {
    await ana.dial('0044207946000');
    await ana.waitForText('dial-refusal', /international/i);
    expect(await ana.page.getByTestId('call-panel').count()).toBe(0);
    await ana.shot('dial-refused');
    await ana.page.getByTestId('dial-number').fill('');
    await ana.page.getByTestId('dial-refusal').waitFor({ state: 'detached' });
  });

  it('a second tab of the same agent shows the phone as active in the other tab', async () => {
    const second = await ana.context.newPage();
    await second.goto(`${baseUrl()}/agent/`);
    await second.getByTestId('softphone-status').filter({ hasText: 'Active in another tab' }).waitFor();
    expect(await second.getByTestId('dial-call').isDisabled()).toBe(true);
    await second.locator('[data-testid="phone-notice"][data-kind="other-tab"]').waitFor();
    await screenshot(second, 'phone-second-tab');
    await second.close();
    await ana.waitRegistered();
  });

  it('audio settings: the microphone level meter moves with the fake microphone; shortcuts are listed', async () => {
    await ana.page.getByTestId('tab-audio').click();
    await ana.click('audio-meter-toggle');
    const deadline = Date.now() + 5000;
    let level = 0;
    while (level === 0 && Date.now() < deadline) {
      level = Number(await ana.page.getByTestId('audio-level').evaluate((meter) => (meter as HTMLMeterElement).value));
      await ana.page.waitForTimeout(100);
    }
    expect(level).toBeGreaterThan(0);
    await ana.shot('audio-settings');
    await ana.click('audio-meter-toggle');
    await ana.page.getByTestId('tab-shortcuts').click();
    await ana.waitForText('shortcut-list', /Answer the ringing call.*Hang up.*Hold.*Mute/s);
    await ana.shot('shortcuts');
    await ana.page.getByTestId('tab-history').click();
  });

  it('Ana calls Ben: Ben sees who calls, answers, and audio flows both ways', async () => {
    await ana.dial(BEN.extension);
    expect(await ben.waitRinging()).toMatch(/2001|Ana/);
    await ben.shot('incoming');
    await ben.click('answer');
    await Promise.all([ana.waitCallState(/Connected/), ben.waitCallState(/Connected/)]);
    expect(await ben.audioFlows()).toBeGreaterThan(0);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    await ana.shot('in-call');
  });

  it('hold stops the call being live and audio flows again after resume', async () => {
    await connect(ana, ben);
    await ana.click('call-hold');
    await ana.waitCallState(/On hold/);
    await ben.waitCallState(/Held by the other side/);
    await ana.shot('on-hold');
    await ana.click('call-hold');
    await ana.waitCallState(/Connected/);
    expect(await ana.audioFlows()).toBeGreaterThan(0);
    expect(await ben.audioFlows()).toBeGreaterThan(0);
  });

  it('DTMF from the keypad leaves the browser as RTP telephone-events', async () => {
    await connect(ana, ben);
    await ana.click('call-keypad');
    for (const key of ['1', '2', '#']) await ana.click(`dtmf-${key}`);
    await ana.waitForText('dtmf-sent', /Sent: 12#/);
    const deadline = Date.now() + 5000;
    while ((await ana.tonesSent()).length < 3 && Date.now() < deadline) await ana.page.waitForTimeout(100);
    expect(await ana.tonesSent()).toEqual(['1', '2', '#']);
    await ana.shot('dtmf');
  });

  it('Ben transfers Ana blind to Carol: Carol rings, answers, and talks with Ana', async () => {
    await connect(ana, ben);
    await blindTransfer(
      { caller: ana, transferor: ben, target: carol, targetExtension: CAROL.extension, shownToTarget: /2001|Ana/ },
      () => ben.shot('blind-transfer'),
    );
  });

  it('Carol consults Ben with Ana on hold, then completes the attended transfer: Ana talks with Ben', async () => {
    await connect(ana, carol);
    // Kamailio passes the hold re-INVITE through, so Ana's console says she is held.
    await attendedTransfer(
      { caller: ana, transferor: carol, target: ben, targetExtension: BEN.extension, shownToTarget: /2003|Carol/ },
      async () => {
        await ana.waitCallState(/Held by the other side/);
        await carol.shot('consulting');
      },
    );
    await ana.shot('after-attended-transfer');
  });

  it("Ben hangs up and Ana's call ends too; then Ana hangs up a call to Carol with Esc", async () => {
    await connect(ana, ben);
    await ben.click('call-hangup');
    await Promise.all([ben.waitCallState(null), ana.waitCallState(null)]);
    await ana.dial(CAROL.extension);
    await carol.waitRinging();
    await carol.page.keyboard.press('a');
    await ana.waitCallState(/Connected/);
    await ana.page.keyboard.press('Escape');
    await Promise.all([ana.waitCallState(null), carol.waitCallState(null)]);
    await ana.page.getByTestId('tab-trace').click();
    await ana.waitForText('sip-trace', /BYE/);
    await ana.shot('sip-trace');
  });

  it('a SIPp phone calls Ana over UDP through Kamailio and rtpengine; Ana answers and hears it', async () => {
    const sipp = runSippCall({ proxyUdpPort: udpPort, callee: ANA.extension, talkMs: 6000, timeoutMs: 30_000 });
    await ana.waitRinging();
    await ana.click('answer');
    await ana.waitCallState(/Connected/);
    expect(await ana.audioFlows(20)).toBeGreaterThan(0);
    await ana.shot('sipp-call');
    const result = await sipp;
    expect({ succeeded: result.succeeded, output: result.succeeded ? '' : result.output }).toEqual({
      succeeded: true,
      output: '',
    });
    await ana.waitCallState(null);
  });

  it('when Kamailio restarts, every console re-registers by itself and calls work again', async () => {
    await kamailio.stop();
    await ana.waitForText('softphone-status', /Reconnecting|Connecting|Not connected|failed|unreachable/i);
    await ana.shot('registrar-down');
    await kamailio.resume();
    await Promise.all([ana, ben].map((c) => c.waitRegistered(40_000)));
    // Registrations lived in Kamailio's memory: a call reaching Ben proves his console registered again.
    await ana.dial(BEN.extension);
    await ben.waitRinging();
    await ben.click('answer');
    await ana.waitCallState(/Connected/);
    await ana.click('call-hangup');
    await ben.waitCallState(null);
  }, 90_000);
});
