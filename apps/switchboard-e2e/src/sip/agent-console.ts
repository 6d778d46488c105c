// Drives one agent console in its own browser context, through what the agent sees and clicks.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { screenshot } from '../browser';
import { PAGE_PROBES } from './phone-browser';
import type { TestAgent } from './provisioning';

interface Probes {
  tones: string[];
  packetsReceived(): Promise<number>;
  audioLevel(): Promise<number>;
  peerStates(): Promise<string[]>;
}
declare const window: { __sbProbes: Probes };

/**
 * Writes every SIP message the page sends and receives over its WebSockets to test-results/e2e/sip-<extension>.log,
 * and the page's console to console-<extension>.log: what a person reads first when a call test fails.
 */
function recordSip(page: Page, extension: string): void {
  const dir = process.env['SB_E2E_ARTIFACTS'] ?? join(process.cwd(), 'test-results', 'e2e');
  mkdirSync(dir, { recursive: true });
  const log = createWriteStream(join(dir, `sip-${extension}.log`), { flags: 'a' });
  const consoleLog = createWriteStream(join(dir, `console-${extension}.log`), { flags: 'a' });
  page.on('console', (message) => consoleLog.write(`${message.type()} ${message.text()}\n`));
  page.on('websocket', (socket) => {
    const write = (direction: string) => (frame: { payload: string | Buffer }) => {
      const text = frame.payload.toString();
      // socket.io frames of the API are not SIP; keep the log to SIP messages.
      if (/^(SIP\/2\.0 \d{3}|[A-Z]+ sip:)/.test(text))
        log.write(`--- ${new Date().toISOString()} ${direction}\n${text}\n`);
    };
    socket.on('framesent', write('>>'));
    socket.on('framereceived', write('<<'));
  });
}

/** One agent's console page. */
export class AgentConsole {
  private constructor(
    readonly agent: TestAgent,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** Opens a fresh browser context at 1366×768 and signs the agent in; `permissions` are granted to the site. */
  static async open(
    browser: Browser,
    base: string,
    agent: TestAgent,
    permissions: readonly string[] = ['microphone', 'notifications'],
  ): Promise<AgentConsole> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, permissions: [...permissions] });
    await context.addInitScript(PAGE_PROBES);
    // SB_JSSIP_DEBUG=1 turns on JsSIP's own log (the `debug` package reads localStorage.debug at load).
    if (process.env['SB_JSSIP_DEBUG']) await context.addInitScript("localStorage.setItem('debug', 'JsSIP:*')");
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    recordSip(page, agent.extension);
    const opened = new AgentConsole(agent, context, page);
    await page.goto(`${base}/agent/`);
    await page.getByTestId('login-email').fill(agent.email);
    await page.getByTestId('login-password').fill(agent.password);
    await page.getByTestId('login-submit').click();
    return opened;
  }

  /** Waits until the element's text matches (default 15 s), then returns it. */
  async waitForText(testId: string, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const locator = this.page.getByTestId(testId).first();
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = ((await locator.count()) > 0 ? await locator.textContent() : '') ?? '';
      if (pattern.test(text)) return text;
      await this.page.waitForTimeout(100);
    }
    throw new Error(
      `${this.agent.extension}: [data-testid=${testId}] did not show ${pattern} within ${timeoutMs} ms (last: "${text.trim()}")`,
    );
  }

  /** Waits until the console says the phone is registered. */
  waitRegistered(timeoutMs = 15_000): Promise<string> {
    return this.waitForText('softphone-status', /Ready for calls/, timeoutMs);
  }

  async dial(number: string): Promise<void> {
    await this.page.getByTestId('dial-number').fill(number);
    await this.page.getByTestId('dial-call').click();
  }

  /** Waits for a ringing call and returns the caller shown. */
  async waitRinging(): Promise<string> {
    return (await this.page.getByTestId('incoming-caller').textContent({ timeout: 15_000 })) ?? '';
  }

  async click(testId: string): Promise<void> {
    await this.page.getByTestId(testId).click();
  }

  /** Waits until the call panel shows `state` (e.g. "Connected"), or until there is no call panel when null. */
  async waitCallState(state: RegExp | null, timeoutMs = 15_000): Promise<void> {
    if (state === null) {
      await this.page.getByTestId('call-panel').waitFor({ state: 'detached', timeout: timeoutMs });
      return;
    }
    await this.waitForText('call-state', state, timeoutMs);
  }

  /** Inbound audio RTP packets received so far on the page's open peer connections. */
  packetsReceived(): Promise<number> {
    return this.page.evaluate(() => window.__sbProbes.packetsReceived());
  }

  /** Waits until inbound packets rise by at least `minimum` over `windowMs`; returns the rise. */
  async audioFlows(minimum = 20, windowMs = 1500): Promise<number> {
    const before = await this.packetsReceived();
    await this.page.waitForTimeout(windowMs);
    const rise = (await this.packetsReceived()) - before;
    if (rise < minimum) {
      const peers = await this.page.evaluate(() => window.__sbProbes.peerStates());
      throw new Error(
        `${this.agent.extension}: only ${rise} RTP packets in ${windowMs} ms (wanted ≥ ${minimum}); peer connections: ${peers.join(', ')}`,
      );
    }
    return rise;
  }

  /** How loud the audio this console receives is now (0..1, Chromium's inbound-rtp audioLevel). */
  audioLevel(): Promise<number> {
    return this.page.evaluate(() => window.__sbProbes.audioLevel());
  }

  /** DTMF tones the browser played out as RTP telephone-events. */
  tonesSent(): Promise<string[]> {
    return this.page.evaluate(() => [...window.__sbProbes.tones]);
  }

  /** Saves a screenshot to test-results/e2e/phone-<name>.png. */
  shot(name: string): Promise<string> {
    return screenshot(this.page, `phone-${name}`);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
