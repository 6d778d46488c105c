// A customer's website for the click-to-call tests: a tiny HTTP server on an address of its own (127.0.0.2, ...),
// so the page's origin differs from the API's (127.0.0.1) exactly as a real site's would, plus a page driver that
// reads the widget as a visitor sees it.
import { type Server, createServer } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { BROWSER_FLAGS, screenshot } from '../browser';
import { PAGE_PROBES } from '../sip/phone-browser';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * The base flags resolve no host name at all; Chromium applies the rule to IP literals too, so the sites' own
 * loopback addresses are excluded as well (127.0.0.1 is the API's).
 */
export const SITE_HOSTS_FLAG =
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE 127.0.0.2 , EXCLUDE 127.0.0.3';

/**
 * Chromium as a visitor's browser with or without a microphone (the fake one) and with or without the automatic
 * "allow" of permission prompts: without it, a page the visitor did not allow gets the browser's own refusal.
 */
export function launchVisitorBrowser(options: { fakeMicrophone: boolean; autoAllow: boolean }): Promise<Browser> {
  const flags = BROWSER_FLAGS.filter(
    (flag) =>
      !flag.startsWith('--host-resolver-rules=') &&
      (options.fakeMicrophone || flag !== '--use-fake-device-for-media-stream') &&
      (options.autoAllow || flag !== '--use-fake-ui-for-media-stream'),
  );
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [...flags, SITE_HOSTS_FLAG, '--allow-loopback-in-peer-connection'],
  });
}

/** One site: an origin and the pages it serves (path → HTML). */
export class WebSite {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly pages: Map<string, string>,
  ) {}

  /** Listens on `host` (a loopback address of the test's network namespace) on a free port. */
  static async start(host: string): Promise<WebSite> {
    const pages = new Map<string, string>();
    const server = createServer((request, response) => {
      const html = pages.get((request.url ?? '/').split('?')[0] ?? '/');
      response.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new WebSite(server, `http://${host}:${port}`, pages);
  }

  /** A page that embeds the widget exactly as README's snippet says, with some styling of the site's own. */
  addWidgetPage(path: string, apiBase: string, buttonId: string): string {
    this.pages.set(
      path,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example shop — contact</title>
<style>body { font-family: Georgia, serif; margin: 32px; background: #f4f1ea; }
switchboard-call { --switchboard-call-accent: #0f766e; }</style></head>
<body><h1>Contact us</h1><p>Questions about your order? Call us from your browser.</p>
<script src="${apiBase}/widget/switchboard-call.js" async></script>
<switchboard-call button="${buttonId}"></switchboard-call></body></html>`,
    );
    return `${this.origin}${path}`;
  }

  /** A page with sip-core's GuestCall and nothing else, to dial with a credential the way an attacker could. */
  async addHarnessPage(path: string): Promise<string> {
    // Built from the library's source at test time: the e2e project itself never imports browser code.
    const bundle = await build({
      stdin: {
        contents: "import { GuestCall } from '@switchboard/telephony/sip-core'; window.GuestCall = GuestCall;",
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      write: false,
      tsconfig: join(root, 'tsconfig.base.json'),
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]?.text ?? '';
    this.pages.set(path, `<!doctype html><html><head><meta charset="utf-8"><script>${script}</script></head></html>`);
    return `${this.origin}${path}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Probes {
  tones: string[];
  packetsReceived(): Promise<number>;
}
declare const window: { __sbProbes: Probes };

/** A visitor's tab with the widget: what it says, its buttons, the WebSockets it opened and the credentials it got. */
export class VisitorPage {
  /** WebSocket URLs the page opened (the widget opens one only to place a call). */
  readonly webSockets: string[] = [];
  /** Every credential the API handed this page (read off the network, as an attacker in the browser could). */
  readonly credentials: Record<string, string>[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(browser: Browser, url: string, permissions: string[] = ['microphone']): Promise<VisitorPage> {
    const context = await browser.newContext({ viewport: { width: 480, height: 420 }, permissions });
    await context.addInitScript(PAGE_PROBES);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const visitor = new VisitorPage(context, page);
    page.on('websocket', (socket) => visitor.webSockets.push(socket.url()));
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && /\/calls$/.test(response.url()) && response.status() === 201)
        void response.json().then((body: Record<string, string>) => visitor.credentials.push(body));
    });
    await page.goto(url);
    return visitor;
  }

  /** The widget's status line. */
  status(): Promise<string> {
    return this.text('switchboard-call-status');
  }

  async text(testId: string): Promise<string> {
    return ((await this.page.getByTestId(testId).textContent()) ?? '').trim();
  }

  /** Waits until the status line matches. */
  async waitForStatus(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.status().catch(() => '');
      if (pattern.test(last)) return last;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`the widget did not say ${pattern} within ${timeoutMs} ms (last: "${last}")`);
  }

  click(testId: string): Promise<void> {
    return this.page.getByTestId(testId).click();
  }

  isVisible(testId: string): Promise<boolean> {
    return this.page.getByTestId(testId).isVisible();
  }

  /** Inbound audio RTP packets so far (the queue's music, then the agent). */
  packetsReceived(): Promise<number> {
    return this.page.evaluate(() => window.__sbProbes.packetsReceived());
  }

  /** Waits until inbound packets rise by at least `minimum` within 1.5 s (tried for up to 10 s); returns the rise. */
  async audioFlows(minimum = 20): Promise<number> {
    const deadline = Date.now() + 10_000;
    let rise = 0;
    while (Date.now() < deadline) {
      const before = await this.packetsReceived();
      await this.page.waitForTimeout(1500);
      rise = (await this.packetsReceived()) - before;
      if (rise >= minimum) return rise;
    }
    throw new Error(`the visitor received only ${rise} RTP packets in 1.5 s (wanted ≥ ${minimum})`);
  }

  /** DTMF tones the browser played out as RTP telephone-events. */
  tonesSent(): Promise<string[]> {
    return this.page.evaluate(() => [...window.__sbProbes.tones]);
  }

  /** Saves a screenshot of the widget's page to test-results/freeswitch/widget-<name>.png. */
  shot(name: string): Promise<string> {
    return screenshot(this.page, `widget-${name}`);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
