#!/usr/bin/env node
// `npm test`: lint, type-check, build, unit + Angular + integration tests (real PostgreSQL), then browser tests
// (real Chromium against the built product). Every stage runs even when an earlier one failed, so one run shows
// everything that is wrong. Ends with one line: "N passed, N failed" (tests, plus one per static check).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, root } from './lib/bin.mjs';
import { ensureChromium } from './lib/chromium.mjs';
import { installSipPackages, netnsUnavailable, runInLoopbackNetns } from '../sip/netns.mjs';

const results = join(root, 'test-results');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;
const lines = [];

function run(label, args, { netns = false } = {}) {
  console.log(`\n=== ${label}`);
  const started = Date.now();
  const { status } = netns
    ? { status: runInLoopbackNetns(process.execPath, args, { ...env, LOGIN_RATE_LIMIT: '100' }, root) }
    : spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  console.log(`=== ${label}: ${status === 0 ? 'ok' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
  return status === 0;
}

function check(label, ok) {
  ok ? passed++ : failed++;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${label}`);
}

function jest(label, projects, extra = [], options = {}) {
  const output = join(results, `jest-${label}.json`);
  rmSync(output, { force: true });
  const ok = run(`tests: ${label}`, [binPath('jest'), '--selectProjects', ...projects, '--json', `--outputFile=${output}`, '--ci', ...extra], options);
  if (!existsSync(output)) {
    check(`${label}: jest did not report (crashed before running tests)`, false);
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numRuntimeErrorTestSuites} suites failed to run`);
}

mkdirSync(results, { recursive: true });
// @nx/enforce-module-boundaries reads Nx's cached project graph and silently skips itself without one (a fresh
// clone has none), so build the graph first and count the lint as failed when that fails.
const graphed = run('project graph (for module boundaries)', [binPath('nx'), 'show', 'projects', '--json']);
check('lint (type-aware, module boundaries)', graphed && run('lint', [binPath('eslint'), '--max-warnings=0', '.']));
check('type-check', run('type-check', [join(root, 'tools', 'scripts', 'typecheck.mjs')]));
const built = run('build', [binPath('nx'), 'run-many', '-t', 'build', '--projects=api,agent-console,supervisor-dashboard', '--outputStyle=static']);
check('build (api, agent-console, supervisor-dashboard)', built);
jest('unit-and-integration', ['unit', 'angular', 'integration'], ['--maxWorkers=2']);

const chromium = ensureChromium();
if (!built) {
  check('browser tests skipped: the build failed', false);
} else if (!chromium.path) {
  check(`browser tests skipped: ${chromium.problem}`, false);
} else {
  env.CHROMIUM_PATH = chromium.path;
  // Phone tests need WebRTC on loopback only: the whole browser stage runs in a loopback-only network namespace.
  const netnsProblem = netnsUnavailable() ?? installSipPackages();
  if (netnsProblem) {
    check(`phone browser tests skipped: ${netnsProblem}`, false);
    jest('browser', ['e2e'], ['--runInBand', '--testPathIgnorePatterns', '/phone[^/]*\\.e2e-spec\\.ts$']);
  } else {
    jest('browser', ['e2e'], ['--runInBand'], { netns: true });
  }
}

// The real-FreeSWITCH stage: the product on FreeSWITCH itself (shared/freeswitch builds it; .ci/run installs it).
// The same lookup as libs/shared/util-freeswitch's findFreeswitchBinary, which the stage itself uses.
const freeswitch = process.env.FREESWITCH_BIN || ['/opt/freeswitch/bin/freeswitch'].find((path) => existsSync(path)) ||
  spawnSync('sh', ['-c', 'command -v freeswitch'], { encoding: 'utf8' }).stdout.trim();
if (!built) {
  check('real-FreeSWITCH tests skipped: the build failed', false);
} else if (!freeswitch || !existsSync(freeswitch)) {
  console.log('\n=== real-FreeSWITCH stage skipped: no FreeSWITCH binary (FREESWITCH_BIN, /opt/freeswitch/bin/freeswitch, PATH); install one with bash ../shared/freeswitch/install.sh');
} else if (!env.CHROMIUM_PATH || netnsUnavailable() || installSipPackages()) {
  check(`real-FreeSWITCH tests skipped: ${netnsUnavailable() ?? (env.CHROMIUM_PATH ? 'the SIP packages could not be installed' : 'no Chromium')}`, false);
} else {
  jest('real-freeswitch', ['freeswitch'], ['--runInBand'], { netns: true });
}

// The real-Asterisk stage: the product with PBX=asterisk on Asterisk itself (shared/asterisk builds it; .ci/run
// installs it). The same lookup as libs/shared/util-asterisk's findAsteriskBinary, which the stage itself uses.
const asterisk = process.env.ASTERISK_BIN || ['/opt/asterisk/sbin/asterisk'].find((path) => existsSync(path)) ||
  spawnSync('sh', ['-c', 'command -v asterisk'], { encoding: 'utf8' }).stdout.trim();
if (!built) {
  check('real-Asterisk tests skipped: the build failed', false);
} else if (!asterisk || !existsSync(asterisk)) {
  console.log('\n=== real-Asterisk stage skipped: no Asterisk binary (ASTERISK_BIN, /opt/asterisk/sbin/asterisk, PATH); install one with bash ../shared/asterisk/install.sh');
} else if (!env.CHROMIUM_PATH || netnsUnavailable()) {
  check(`real-Asterisk tests skipped: ${netnsUnavailable() ?? 'no Chromium'}`, false);
} else {
  jest('real-asterisk', ['asterisk'], ['--runInBand'], { netns: true });
}

console.log('\n=== summary');
for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
