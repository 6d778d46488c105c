// What the agent console says when its phone cannot work, in real Chromium against the built product, with a
// screenshot of each state (test-results/e2e/console-*.png): the SIP WebSocket the API hands out (SIP_WS_URL) is
// closed; a registrar refuses the credentials; the microphone is missing or blocked; another tab holds the phone.
// Runs in the loopback network namespace like phone.e2e-spec.ts (tools/sip/netns.mjs sets SIP_WS_URL to
// ws://127.0.0.1:SB_E2E_SIP_WS_PORT; nothing listens there until a test starts a registrar).
import { connect } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Kamailio } from '@switchboard/tools/sip';
import { baseUrl, screenshot } from './browser';
import { AgentConsole } from './sip/agent-console';
import { launchPhoneBrowser } from './sip/phone-browser';
import { type TestAgent, provisionAgents } from './sip/provisioning';

const ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };
const agent = (extension: string, name: string): TestAgent => ({
  email: `${name.toLowerCase()}.problems@example.com`,
  password: `${name}-problems-pass-1`,
  displayName: `${name} Problems`,
  extension,
});
const DORA = agent('2101', 'Dora');
const EMIL = agent('2102', 'Emil');
const FRIDA = agent('2103', 'Frida');
const GUS = agent('2104', 'Gus');
const HANNA = agent('2105', 'Hanna');

const wsPort = Number(process.env['SB_E2E_SIP_WS_PORT']);
const wsUrl = `ws://127.0.0.1:${wsPort}`;

jest.setTimeout(60_000);

/** The notice of one kind on the page. */
const notice = (page: Page, kind: string) => page.locator(`[data-testid="phone-notice"][data-kind="${kind}"]`);

/** Whether something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('console: what the phone says when it cannot work', () => {
  let browser: Browser;
  const opened: AgentConsole[] = [];
  const open = async (
    who: TestAgent,
    on: Browser = browser,
    permissions?: readonly string[],
  ): Promise<AgentConsole> => {
    const console = await AgentConsole.open(on, baseUrl(), who, permissions);
    opened.push(console);
    return console;
  };

  beforeAll(async () => {
    if (!process.env['SB_E2E_NETNS'] || !wsPort) {
      throw new Error(
        'run inside the loopback network namespace: node tools/sip/netns.mjs npx jest --selectProjects e2e',
      );
    }
    await provisionAgents(baseUrl(), ADMIN, [DORA, EMIL, FRIDA, GUS, HANNA]);
    browser = await launchPhoneBrowser();
  }, 90_000);

  afterEach(async () => {
    for (const console of opened.splice(0)) await console.context.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('names the unreachable SIP WebSocket URL and the setting that changes it', async () => {
    expect(await listening(wsPort)).toBe(false);
    const dora = await open(DORA);
    await dora.waitForText('softphone-status', /SIP server unreachable/);
    const unreachable = notice(dora.page, 'unreachable');
    expect(await unreachable.getByTestId('phone-notice-code').textContent()).toBe(wsUrl);
    expect(await unreachable.textContent()).toMatch(/SIP_WS_URL/);
    expect(await dora.page.getByTestId('dial-call').isDisabled()).toBe(true);
    await screenshot(dora.page, 'console-sip-unreachable');
  });

  describe('with a registrar that refuses the credentials (Kamailio answering 403)', () => {
    let registrar: Kamailio;

    beforeAll(async () => {
      registrar = await Kamailio.start({ wsPort, refuseRegistrations: true });
    });

    afterAll(() => registrar?.stop());

    it('says registration was refused, and "Sign in again" goes to the login page', async () => {
      const emil = await open(EMIL);
      await emil.waitForText('softphone-status', /Registration refused/);
      const refused = notice(emil.page, 'registration-refused');
      expect(await refused.textContent()).toMatch(/answered 403/);
      expect(await emil.page.getByTestId('dial-call').isDisabled()).toBe(true);
      await screenshot(emil.page, 'console-registration-refused');

      await refused.getByTestId('phone-action-sign-in-again').click();
      await emil.page.getByTestId('login-email').waitFor();
      expect(new URL(emil.page.url()).pathname).toBe('/agent/login');
    });
  });

  describe('with a registrar that takes every registration (Kamailio)', () => {
    let kamailio: Kamailio;

    beforeAll(async () => {
      kamailio = await Kamailio.start({ wsPort });
    });

    afterAll(() => kamailio?.stop());

    it('says no microphone was found on a computer without one, and the phone still registers', async () => {
      // Prompts are answered "allow", but there is no capture device: getUserMedia fails with NotFoundError.
      const frida = await open(FRIDA, await extraBrowser(['--use-fake-device-for-media-stream']));
      await frida.waitRegistered();
      const missing = notice(frida.page, 'microphone-missing');
      await missing.waitFor();
      expect(await missing.textContent()).toMatch(/Plug in a headset/);
      await screenshot(frida.page, 'console-microphone-missing');
    });

    it('says the microphone is blocked and how to allow it; once allowed, "Check again" clears it', async () => {
      // A microphone, but no automatic "allow" and no permission for the site: the browser refuses (NotAllowedError).
      const gus = await open(GUS, await extraBrowser(['--use-fake-ui-for-media-stream']), ['notifications']);
      await gus.waitRegistered();
      const blocked = notice(gus.page, 'microphone-blocked');
      await blocked.waitFor();
      expect(await blocked.textContent()).toMatch(/address bar.*Microphone to Allow/);
      await screenshot(gus.page, 'console-microphone-blocked');

      await gus.context.grantPermissions(['microphone']);
      await blocked.getByTestId('phone-action-check-microphone').click();
      await blocked.waitFor({ state: 'detached' });
      expect(await gus.page.getByTestId('phone-notice').count()).toBe(0);
    });

    it('tells a second tab that the phone is in the other one, which it takes over once that tab closes', async () => {
      const hanna = await open(HANNA);
      await hanna.waitRegistered();
      const second = await hanna.context.newPage();
      await second.goto(`${baseUrl()}/agent/`);
      await second.getByTestId('softphone-status').filter({ hasText: 'Active in another tab' }).waitFor();
      const otherTab = notice(second, 'other-tab');
      expect(await otherTab.textContent()).toMatch(/close it: this tab then takes the phone over/);
      expect(await second.getByTestId('dial-call').isDisabled()).toBe(true);
      await screenshot(second, 'console-second-tab');

      await hanna.page.close();
      await second.getByTestId('softphone-status').filter({ hasText: 'Ready for calls' }).waitFor({ timeout: 15_000 });
      expect(await otherTab.count()).toBe(0);
    });
  });

  const extraBrowsers: Browser[] = [];
  /** A phone browser without some of the base flags, closed after the tests. */
  async function extraBrowser(withoutFlags: readonly string[]): Promise<Browser> {
    const launched = await launchPhoneBrowser([], withoutFlags);
    extraBrowsers.push(launched);
    return launched;
  }
  afterAll(async () => {
    for (const extra of extraBrowsers) await extra.close();
  });
});
