// bench/phone: how fast the agent console gets going and dials. Runs inside a loopback-only network namespace
// (run.mjs), against the built product (dist/), a real Kamailio and headless Chromium. Prints a Markdown report.
import { createServer } from 'node:http';
import { createSocket } from 'node:dgram';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { Kamailio } from '@switchboard/tools/sip';
import e2eSetup from '../../tools/jest/e2e-setup';
import e2eTeardown from '../../tools/jest/e2e-teardown';
import { launchPhoneBrowser } from '../../apps/switchboard-e2e/src/sip/phone-browser';
import { provisionAgents, type TestAgent } from '../../apps/switchboard-e2e/src/sip/provisioning';

const root = process.env['BENCH_ROOT'] ?? process.cwd();
const RUNS = Number(process.env['BENCH_RUNS'] ?? 10);
const ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };
const AGENT: TestAgent = { email: 'bench.agent@example.com', password: 'Bench-agent-pass-1', displayName: 'Bench Agent', extension: '2801' };
/** A colleague who is never signed in: calls to them pass the dial check, reach Kamailio and end with 404. */
const ABSENT: TestAgent = { email: 'bench.absent@example.com', password: 'Bench-absent-pass-1', displayName: 'Absent Agent', extension: '2899' };

/** Median and 95th percentile (nearest rank) of samples, rounded to 1 ms. */
function summary(samples: number[]): { median: number; p95: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: Math.round(rank(0.5)), p95: Math.round(rank(0.95)), min: Math.round(sorted[0]), max: Math.round(sorted[sorted.length - 1]) };
}

/** The arrival time (ms since epoch) of the first INVITE Kamailio logged after `after`. */
async function inviteArrival(kamailio: Kamailio, after: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const times = [...kamailio.log().matchAll(/sb-invite-received (\d+)\.(\d{6})/g)].map((m) => Number(m[1]) * 1000 + Number(m[2]) / 1000);
    const found = times.find((t) => t >= after);
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no INVITE reached Kamailio within 10 s');
}

/** Records, in the page, when the phone status first reads "Ready for calls" (ms since navigation start). */
const READY_PROBE = `
new MutationObserver((_, observer) => {
  const status = document.querySelector('[data-testid="softphone-status"]');
  if (status && status.textContent.includes('Ready for calls')) { window.__sbReadyAt = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, childList: true, characterData: true });
window.addEventListener('click', () => { window.__sbClickedAt = Date.now(); }, true);
`;

async function pageLoadToRegistered(page: Page, base: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${base}/agent/`);
    await page.waitForFunction(() => (window as unknown as { __sbReadyAt?: number }).__sbReadyAt !== undefined, null, { timeout: 15_000 });
    samples.push(await page.evaluate(() => (window as unknown as { __sbReadyAt: number }).__sbReadyAt));
  }
  return samples;
}

async function consoleClickToInvite(page: Page, kamailio: Kamailio): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.getByTestId('dial-number').fill(ABSENT.extension);
    const before = Date.now();
    await page.getByTestId('dial-call').click();
    const arrived = await inviteArrival(kamailio, before);
    samples.push(arrived - (await page.evaluate(() => (window as unknown as { __sbClickedAt: number }).__sbClickedAt)));
    // Nobody is registered as 2899: Kamailio answers 404 and the call ends by itself.
    await page.getByTestId('call-panel').waitFor({ state: 'detached', timeout: 10_000 });
  }
  return samples;
}

async function libraryClickToInviteWithDeadStun(page: Page, kamailio: Kamailio): Promise<number[]> {
  // A STUN "server" that swallows every request: ICE gathering for srflx candidates never completes.
  const blackhole = createSocket('udp4');
  await new Promise<void>((resolve) => blackhole.bind(0, '127.0.0.1', resolve));
  const stunPort = blackhole.address().port;
  await page.evaluate(
    ({ wsUrl, stunPort }) =>
      (window as unknown as { sbBench: { start(a: object): Promise<void> } }).sbBench.start({
        extension: '2802',
        domain: 'switchboard.local',
        wsUrl,
        authorizationUser: '2802',
        password: 'no-auth-on-the-test-proxy',
        iceServers: [{ urls: `stun:127.0.0.1:${stunPort}` }],
      }),
    { wsUrl: kamailio.wsUrl, stunPort },
  );
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.fill('#target', '2999');
    const before = Date.now();
    await page.click('#call');
    const arrived = await inviteArrival(kamailio, before);
    samples.push(arrived - (await page.evaluate(() => (window as unknown as { sbBench: { clickedAt: number } }).sbBench.clickedAt)));
    await page.waitForTimeout(300);
    await page.evaluate(() => (window as unknown as { sbBench: { hangupAll(): void } }).sbBench.hangupAll());
  }
  blackhole.close();
  return samples;
}

/** Gzipped size (level 9) of the JavaScript index.html loads up front, and of all JavaScript of the build. */
function bundleSizes(): { initial: number; initialRaw: number; all: number; files: string[] } {
  const dir = join(root, 'dist', 'apps', 'agent-console', 'browser');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]);
  const size = (file: string, gzip: boolean) => {
    const bytes = readFileSync(join(dir, file));
    return gzip ? gzipSync(bytes, { level: 9 }).length : bytes.length;
  };
  const allJs = readdirSync(dir).filter((file) => file.endsWith('.js'));
  return {
    initial: files.reduce((sum, file) => sum + size(file, true), 0),
    initialRaw: files.reduce((sum, file) => sum + size(file, false), 0),
    all: allJs.reduce((sum, file) => sum + size(file, true), 0),
    files,
  };
}

async function main(): Promise<void> {
  await e2eSetup();
  const base = process.env['SB_E2E_BASE_URL'] ?? '';
  const kamailio = await Kamailio.start({ wsPort: Number(process.env['SB_E2E_SIP_WS_PORT']), udpPort: Number(process.env['SB_E2E_SIP_UDP_PORT']) });
  const pageServer = createServer((request, response) => {
    if (request.url === '/softphone-page.js') {
      response.setHeader('content-type', 'text/javascript');
      response.end(readFileSync(join(root, 'tmp', 'bench-phone', 'softphone-page.js')));
      return;
    }
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><html><body><script src="/softphone-page.js"></script></body></html>');
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  const pagePort = (pageServer.address() as { port: number }).port;
  const browser = await launchPhoneBrowser();
  try {
    await provisionAgents(base, ADMIN, [AGENT, ABSENT]);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, permissions: ['microphone'] });
    await context.addInitScript(READY_PROBE);
    const page = await context.newPage();
    await page.goto(`${base}/agent/`);
    await page.getByTestId('login-email').fill(AGENT.email);
    await page.getByTestId('login-password').fill(AGENT.password);
    await page.getByTestId('login-submit').click();
    await page.waitForFunction(() => (window as unknown as { __sbReadyAt?: number }).__sbReadyAt !== undefined, null, { timeout: 15_000 });

    const load = summary(await pageLoadToRegistered(page, base));
    const consoleDial = summary(await consoleClickToInvite(page, kamailio));
    const libraryPage = await (await browser.newContext({ permissions: ['microphone'] })).newPage();
    await libraryPage.goto(`http://127.0.0.1:${pagePort}/`);
    const deadStun = summary(await libraryClickToInviteWithDeadStun(libraryPage, kamailio));
    const sizes = bundleSizes();
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    const row = (name: string, s: ReturnType<typeof summary>, target: string) =>
      `| ${name} | ${s.median} ms | ${s.p95} ms | ${s.min}–${s.max} ms | ${target} |`;
    console.log(
      [
        `Runs per figure: ${RUNS}.`,
        '',
        '| Figure | Median | p95 | Range | Target |',
        '| --- | --- | --- | --- | --- |',
        row('Page load → "Ready for calls" (console, signed in, localhost)', load, '≤ 1 s'),
        row('Click "Call" → INVITE at Kamailio (console, incl. dial check, no STUN)', consoleDial, '≤ 300 ms'),
        row('Click → INVITE at Kamailio (sip-core page, STUN server that never answers)', deadStun, '≤ 300 ms'),
        '',
        `Initial JavaScript of the console (${sizes.files.join(', ')}): ${kb(sizes.initial)} KB gzipped (level 9), ${kb(sizes.initialRaw)} KB raw; target ≤ 350 KB gzipped. All JavaScript of the build: ${kb(sizes.all)} KB gzipped.`,
      ].join('\n'),
    );
  } finally {
    await browser.close();
    pageServer.close();
    await kamailio.stop();
    await e2eTeardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
