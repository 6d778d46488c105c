#!/usr/bin/env node
// Runs a command inside a fresh loopback-only network namespace, so servers and headless Chromium in it can reach
// nothing but each other (WebRTC host candidates are 127.0.0.1 only; see shared TESTING.md). Needs root and `ip`.
//
//   node tools/sip/netns.mjs <command> [args...]      e.g. node tools/sip/netns.mjs npx jest --selectProjects e2e
//
// Inside, SB_E2E_NETNS names the namespace and SIP_WS_URL points at the Kamailio WebSocket port the phone tests
// start on (SB_E2E_SIP_WS_PORT, UDP on SB_E2E_SIP_UDP_PORT): a fresh namespace has every port free, so they are fixed.
// Variables naming servers outside (TEST_DATABASE_URL, REDIS_URL) are dropped: those are unreachable from inside.
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';

export const SIP_WS_PORT = 15066;
export const SIP_UDP_PORT = 15060;

/** Why a loopback namespace cannot be made here, or undefined when it can. */
export function netnsUnavailable() {
  if (userInfo().uid !== 0) return 'creating a network namespace needs root';
  if (spawnSync('sh', ['-c', 'command -v ip'], { stdio: 'ignore' }).status !== 0) return 'the `ip` command (iproute2) is missing';
  return undefined;
}

/** Debian packages the phone tests run (tools/sip/src/packages.ts installs the same ones outside a namespace). */
export const SIP_PACKAGES = ['kamailio', 'kamailio-websocket-modules', 'rtpengine-daemon', 'sip-tester'];

/**
 * Installs missing SIP packages with apt-get. Must run before entering the namespace: nothing inside it reaches the
 * package mirrors. Returns a problem description, or undefined when everything is installed.
 */
export function installSipPackages() {
  const missing = SIP_PACKAGES.filter((name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return undefined;
  console.log(`\n=== installing ${missing.join(' ')} for the phone tests (apt-get) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const script = `apt-get update -qq && apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`;
  const { status } = spawnSync('sh', ['-c', script], { stdio: 'inherit', env });
  return status === 0 ? undefined : `apt-get install ${missing.join(' ')} failed`;
}

/** Runs `command args` in a new loopback-only namespace and returns its exit status; the namespace is deleted after. */
export function runInLoopbackNetns(command, args, env = process.env, cwd = process.cwd()) {
  const name = `sb-e2e-${process.pid}`;
  const ip = (...ipArgs) => spawnSync('ip', ipArgs, { stdio: 'inherit' }).status === 0;
  if (!ip('netns', 'add', name)) return 1;
  try {
    if (!ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up')) return 1;
    const inner = { ...env, SB_E2E_NETNS: name, SB_E2E_SIP_WS_PORT: String(SIP_WS_PORT), SB_E2E_SIP_UDP_PORT: String(SIP_UDP_PORT), SIP_WS_URL: `ws://127.0.0.1:${SIP_WS_PORT}` };
    delete inner.TEST_DATABASE_URL;
    delete inner.REDIS_URL;
    const { status } = spawnSync('ip', ['netns', 'exec', name, command, ...args], { stdio: 'inherit', env: inner, cwd });
    return status ?? 1;
  } finally {
    ip('netns', 'del', name);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problem = netnsUnavailable();
  if (problem) {
    console.error(`netns.mjs: ${problem}`);
    process.exit(1);
  }
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node tools/sip/netns.mjs <command> [args...]');
    process.exit(2);
  }
  const installProblem = installSipPackages();
  if (installProblem) {
    console.error(`netns.mjs: ${installProblem}`);
    process.exit(1);
  }
  process.exit(runInLoopbackNetns(command, args));
}
