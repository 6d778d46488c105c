// Headless Chromium for browser tests: Debian's chromium driven by playwright-core (no browser download).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

/** Flags verified on this kind of machine (see shared/TESTING.md): no background traffic, fake media. */
export const BROWSER_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-proxy-server',
  '--no-pings',
  '--disable-domain-reliability',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** Launches Chromium with the base flags, minus `withoutFlags` (e.g. the fake microphone), plus `extraFlags`. */
export function launchBrowser(
  extraFlags: readonly string[] = [],
  withoutFlags: readonly string[] = [],
): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  const flags = BROWSER_FLAGS.filter((flag) => !withoutFlags.includes(flag));
  return chromium.launch({ executablePath, headless: true, args: [...flags, ...extraFlags] });
}

export const baseUrl = (): string => {
  const url = process.env['SB_E2E_BASE_URL'];
  if (!url) throw new Error('SB_E2E_BASE_URL is not set: run browser tests through the e2e Jest project');
  return url;
};

/** Saves a full-page screenshot as a test artifact (test-results/e2e/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = process.env['SB_E2E_ARTIFACTS'] ?? join(process.cwd(), 'test-results', 'e2e');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
