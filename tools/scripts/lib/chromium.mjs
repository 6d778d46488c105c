// Finds Chromium for the browser tests; installs Debian's package when missing and we may (root with apt-get),
// because a fresh machine must be able to run `npm test` with nothing installed by hand.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {{ path?: string, problem?: string }} */
export function ensureChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? { path: configured } : { problem: `CHROMIUM_PATH=${configured} does not exist` };
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return { path: found };
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (userInfo().uid !== 0 || !hasApt) {
    return { problem: 'Chromium is not installed: run `sudo apt-get install -y chromium` or set CHROMIUM_PATH' };
  }
  console.log('\n=== installing Debian chromium for the browser tests (apt-get) ...');
  const install = spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
  if (install.status === 0 && existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium' };
  return { problem: 'apt-get install chromium failed' };
}
