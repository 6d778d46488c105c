#!/usr/bin/env node
// Real-browser check of sip-core: two SoftphoneClients in headless Chromium register to a real Kamailio, call each
// other, and report what a unit test cannot see (audio packets, codec, hold, recovery after a registrar restart).
// Runs inside a loopback-only network namespace (shared TESTING.md), as root, from the repository root:
//
//   node tools/sip/netns.mjs node libs/telephony/sip-core/browser-check/run.mjs
//
// It prints one line per check and exits 1 when a check fails. Bounded: every wait has a timeout.
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { browserChecks, recoveryChecks } from './page-checks.mjs';

const require = createRequire(import.meta.url);
const out = mkdtempSync(join(tmpdir(), 'sip-core-check-'));
await build({
  stdin: { contents: "import * as sb from './libs/telephony/sip-core/src/index.ts'; globalThis.sb = sb;", resolveDir: process.cwd(), loader: 'ts' },
  bundle: true, format: 'iife', platform: 'browser', outfile: join(out, 'page.js'), logLevel: 'warning',
});
await build({
  entryPoints: ['tools/sip/src/index.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: join(out, 'sip.cjs'),
  external: ['playwright-core'], logLevel: 'warning',
});
const { Kamailio } = require(join(out, 'sip.cjs'));

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-proxy-server',
  '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1', '--autoplay-policy=no-user-gesture-required'];

const kamailio = await Kamailio.start({});
const http = createServer((req, res) => {
  if (req.url === '/page.js') return res.end(require('node:fs').readFileSync(join(out, 'page.js')));
  res.setHeader('content-type', 'text/html');
  res.end('<!doctype html><script src="/page.js"></script>');
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS });
let failed = false;
const report = (lines) => {
  for (const [ok, text] of lines) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
    failed ||= !ok;
  }
};
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${http.address().port}/`);
  report(await page.evaluate(browserChecks, kamailio.wsUrl));
  await kamailio.stop();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await kamailio.resume();
  report(await page.evaluate(recoveryChecks));
} catch (error) {
  console.error('FAIL', error);
  failed = true;
} finally {
  await browser.close();
  http.close();
  await kamailio.stop();
}
process.exit(failed ? 1 : 0);
