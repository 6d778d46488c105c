#!/usr/bin/env node
// How soon `DEMO=1 npm start` shows a living floor: node bench/demo/alive.mjs [--runs=3] [--no-write]
// Run it inside the stage's network namespace, so the embedded FreeSWITCH has its ports to itself:
//   node tools/sip/netns.mjs node bench/demo/alive.mjs
// Needs a build (`npm start` builds; or nx build api,agent-console,supervisor-dashboard). Each run starts the built API
// (dist/apps/api/main.js, what `npm start` runs after its cached build) with DEMO=1 on a fresh DATA_DIR (embedded
// PostgreSQL created from scratch, embedded FreeSWITCH when installed), then restarts it on the same DATA_DIR. Per
// start it records: process start → listening (GET /api/health answers), the admin's sign-in (argon2; on a restart
// the token of the previous start is kept, as an open dashboard would), listening → the first supervisor snapshot with
// demo calls in progress (the server's own `at`), and listening → the first real demo call (live queue) on the floor
// when FreeSWITCH is embedded. Results go to bench/demo/results.md.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const runs = Number(/^--runs=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--runs=')) ?? '')?.[1] ?? 3);
const write = !process.argv.includes('--no-write');
const ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };
/** Whether the API will start its own FreeSWITCH (installed, not turned off): then the first real call is awaited. */
const embeddedFreeswitch = process.env.EMBEDDED_FREESWITCH !== 'false' && existsSync('/opt/freeswitch/bin/freeswitch');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One supervisor snapshot (socket.io /supervisor), as the dashboard gets it on connect. */
function snapshot(base, token) {
  const socket = io(`${base}/supervisor`, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no snapshot within 10 s')), 10_000);
    socket.once('snapshot', (s) => resolve(s));
    socket.once('connect_error', reject);
  }).finally(() => socket.disconnect());
}

async function signIn(base) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  return (await response.json()).accessToken;
}

/**
 * One start. `token` is the admin's token of the previous start on this DATA_DIR (a supervisor whose dashboard stays
 * open across the restart): it is tried first, so the restart's figure does not include an argon2 sign-in.
 */
async function startOnce(dataDir, port, token) {
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    FREESWITCH_ESL: '',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    DEMO: 'true',
    LOG_LEVEL: 'info',
  };
  const started = Date.now();
  // The API's output, for when a figure is missing: DATA_DIR/api-<n>.log.
  const log = openSync(join(dataDir, `api-${Date.now()}.log`), 'a');
  const api = spawn(process.execPath, [join(root, 'dist', 'apps', 'api', 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
  });
  const exited = new Promise((resolve) => api.once('exit', resolve));
  try {
    let listening = 0;
    while (!listening) {
      if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}`);
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        listening = Date.now();
      else await sleep(20);
    }
    const reused =
      token !== undefined &&
      (await snapshot(base, token).then(
        () => true,
        () => false,
      ));
    if (!reused) token = await signIn(base);
    const signedInMs = reused ? 0 : Date.now() - listening;
    let alive;
    let live;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const s = await snapshot(base, token);
      const at = Date.parse(s.at);
      if (!alive && s.channels.length > 0) alive = at;
      if (s.channels.some((c) => c.queue?.startsWith('demo-live@'))) live = at;
      if (alive && (live !== undefined || !embeddedFreeswitch)) break;
      await sleep(200);
    }
    return {
      token,
      signedInMs,
      listenMs: listening - started,
      aliveMs: alive === undefined ? undefined : Math.max(0, alive - listening),
      liveCallMs: live === undefined ? undefined : live - listening,
    };
  } finally {
    api.kill('SIGTERM');
    await exited;
  }
}

const rows = [];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-demo-'));
  const port = 3900 + i;
  let token;
  for (const kind of ['fresh', 'restart']) {
    const load = loadavg()[0].toFixed(2);
    const { token: kept, ...r } = await startOnce(dataDir, port, token);
    token = kept;
    rows.push({ kind, ...r, load });
    console.log(JSON.stringify({ kind, ...r, load1: load }));
  }
  if (!process.argv.includes('--keep')) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`kept ${dataDir}`);
}

const fmt = (ms) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
const table = [
  `\n## ${new Date().toISOString().slice(0, 16)}Z, ${runs} runs\n`,
  `FreeSWITCH embedded: ${embeddedFreeswitch ? 'yes' : 'no'}\n`,
  '| start | process start → listening | admin signed in (after listening) | listening → demo calls on the floor | listening → first real demo call | load (1 min) |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.kind} | ${fmt(r.listenMs)} | ${r.signedInMs ? fmt(r.signedInMs) : 'token kept'} | ${fmt(r.aliveMs)} | ${fmt(r.liveCallMs)} | ${r.load} |`,
  ),
  '',
].join('\n');
console.log(table);
if (write) appendFileSync(join(root, 'bench', 'demo', 'results.md'), table);
process.exit(0);
