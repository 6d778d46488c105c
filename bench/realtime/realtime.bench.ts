// Realtime latency: simulated FreeSWITCH events → the built API (ESL ingestion, live state, socket.io gateway)
// → supervisor sockets. Measures, per delta a probe socket receives, receive time − the event's timestamp set by the
// simulator when it sent the event. Scenarios: one replica; two replicas behind Redis (each with its own node).
// Run: node bench/realtime/run.mjs [--rate=2000] [--seconds=15] [--sockets=200] [--probes=20] [--per-event]
//   [--only=one|two] [--no-write]
import { type ChildProcess, execSync, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, startTestPostgres, stopTestPostgres } from '@switchboard/api/data-access-db/testing';
import { EslSimulator, generateTraffic, type SimEvent } from '@switchboard/api/data-access-esl/testing';
import type { ClientsRequest, ClientsResult } from './clients';

const root = process.env['BENCH_ROOT'] ?? process.cwd();
const arg = (name: string, fallback: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const RATE = arg('rate', 2_000);
const SECONDS = arg('seconds', 15);
const SOCKETS = arg('sockets', 200);
const PROBES = arg('probes', 20);
const WARMUP_SECONDS = 3;
const QUEUES = ['support@default', 'sales@default'];
const ADMIN = { email: 'bench@example.com', password: 'Bench-pass-123!' };
const API = join(root, 'tmp', 'bench-realtime', 'api', 'main.js');

interface Replica {
  url: string;
  process: ChildProcess;
  simulator: EslSimulator;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startReplica(node: string, databaseUrl: string, redisUrl: string | undefined): Promise<Replica> {
  const simulator = new EslSimulator({
    password: 'bench-secret',
    hostname: node,
    seed: node.length,
    heartbeatIntervalMs: 0,
  });
  const eslPort = await simulator.start();
  const port = await freePort();
  const env: Record<string, string> = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-bench-rt-')),
    JWT_SECRET: 'realtime-benchmark-secret-realtime-benchmark-secret',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    FREESWITCH_ESL: `esl://:bench-secret@127.0.0.1:${eslPort}`,
    FREESWITCH_HTTP_USER: 'freeswitch',
    FREESWITCH_HTTP_PASSWORD: 'bench-http-password',
    LOG_LEVEL: 'warn',
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API processes.
  const nodeArgs = process.env['BENCH_API_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, API], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && simulator.connectionCount > 0) break;
    if (i > 300 || child.exitCode !== null) throw new Error(`API for ${node} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, process: child, simulator };
}

async function stopReplica(replica: Replica): Promise<void> {
  replica.process.kill('SIGTERM');
  if (replica.process.exitCode === null) await once(replica.process, 'exit');
  await replica.simulator.stop();
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid || !existsSync(`/proc/${pid}/stat`)) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Sends `events` through the simulators, each at its share of RATE, paced in 5 ms steps. */
async function drive(replicas: Replica[], streams: SimEvent[][], seconds: number): Promise<number> {
  const perReplica = RATE / replicas.length;
  const started = Date.now();
  const sent = replicas.map(() => 0);
  for (;;) {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed >= seconds) break;
    replicas.forEach((replica, i) => {
      const due = Math.floor(elapsed * perReplica);
      const stream = streams[i] ?? [];
      for (; sent[i] < due; sent[i]++) {
        const event = stream[sent[i] % stream.length];
        replica.simulator.emit({ ...event, timestampUs: BigInt(Date.now()) * 1000n });
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return sent.reduce((a, b) => a + b, 0);
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function scenario(name: string, replicas: Replica[], token: string, batch: boolean): Promise<string> {
  const clients = fork(join(__dirname, 'clients.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const reply = (type: string): Promise<{ result?: ClientsResult }> =>
    new Promise((resolve, reject) => {
      clients.on('message', (m: { type: string }) => m.type === type && resolve(m as { result?: ClientsResult }));
      clients.once('exit', (code) => code !== 0 && reject(new Error(`clients exited with ${code}`)));
    });
  const request: ClientsRequest = {
    urls: replicas.map((r) => r.url),
    token,
    sockets: SOCKETS,
    probes: PROBES,
    queues: QUEUES,
    batch,
  };
  clients.send({ type: 'connect', request });
  await reply('ready');
  const streams = replicas.map((_, i) => [
    ...generateTraffic({ seed: 11 + i, rate: 40, agents: 200, queues: QUEUES }, RATE * 8),
  ]);
  await drive(replicas, streams, WARMUP_SECONDS);
  const cpuBefore = replicas.map((r) => cpuSeconds(r.process.pid));
  const clientCpuBefore = cpuSeconds(clients.pid);
  clients.send({ type: 'start' });
  const startedAt = Date.now();
  const sent = await drive(replicas, streams, SECONDS);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const wall = (Date.now() - startedAt) / 1000;
  const apiCpu = replicas.map((r, i) => (cpuSeconds(r.process.pid) - (cpuBefore[i] ?? 0)) / wall);
  const clientCpu = (cpuSeconds(clients.pid) - clientCpuBefore) / wall;
  clients.send({ type: 'stop' });
  const { result } = await reply('result');
  if (!result) throw new Error('no result from the clients');
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const deltasPerProbe = result.probeDeltas.reduce((a, b) => a + b, 0) / Math.max(1, result.probeDeltas.length);
  const framesPerLoad = result.loadFrames.reduce((a, b) => a + b, 0) / Math.max(1, result.loadFrames.length);
  const p99 = percentile(sorted, 99);
  return [
    `| ${name} | ${Math.round(sent / SECONDS)} | ${SOCKETS} (${PROBES} probes) | ${Math.round(deltasPerProbe / SECONDS)} | ` +
      `${Math.round((framesPerLoad / SECONDS) * SOCKETS)} | ${percentile(sorted, 50)} | ${percentile(sorted, 90)} | ${p99} | ` +
      `${sorted.at(-1) ?? NaN} | ${result.probeGaps} | ${result.disconnected} | ${apiCpu.map((c) => `${Math.round(c * 100)}%`).join(' + ')} | ` +
      `${Math.round(clientCpu * 100)}% | ` +
      `${p99 <= 50 ? 'met' : 'NOT met'} |`,
  ].join('\n');
}

async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => void (child.kill('SIGTERM'), await once(child, 'exit')),
  };
}

async function main(): Promise<void> {
  if (!existsSync(API)) throw new Error(`${API} missing: run through bench/realtime/run.mjs (it builds the API)`);
  const loadBefore = loadavg()[0]?.toFixed(2);
  const pg = await startTestPostgres();
  const rows: string[] = [];
  try {
    const only = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];
    if (only !== 'two') await oneReplica(pg.adminUrl, `${pg.prefix}_one`, rows);
    if (only !== 'one') await twoReplicas(pg.adminUrl, `${pg.prefix}_two`, rows);
  } finally {
    await stopTestPostgres(pg);
  }
  report(rows, loadBefore);
}

async function oneReplica(adminUrl: string, name: string, rows: string[]): Promise<void> {
  const single = await createDatabase(adminUrl, name);
  const a = await startReplica('fs-a', single, undefined);
  try {
    const token = await signIn(a.url);
    rows.push(await scenario('1 replica, batched', [a], token, true));
    if (process.argv.includes('--per-event'))
      rows.push(await scenario('1 replica, one message per delta', [a], token, false));
  } finally {
    await stopReplica(a);
  }
}

async function twoReplicas(adminUrl: string, name: string, rows: string[]): Promise<void> {
  const shared = await createDatabase(adminUrl, name);
  const redis = await startRedis();
  const first = await startReplica('fs-a', shared, redis.url);
  const second = await startReplica('fs-b', shared, redis.url);
  try {
    rows.push(await scenario('2 replicas + Redis, batched', [first, second], await signIn(first.url), true));
  } finally {
    await stopReplica(second);
    await stopReplica(first);
    await redis.stop();
  }
}

function report(rows: string[], loadBefore: string | undefined): void {
  const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  const report = [
    `\n## ${new Date().toISOString()} — commit ${commit}`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average before ${loadBefore}; ` +
      `${SECONDS} s measured after ${WARMUP_SECONDS} s warm-up per scenario`,
    '',
    '| scenario | ESL events/s sent | sockets | deltas/s per socket | frames/s all sockets | p50 ms | p90 ms | p99 ms | max ms | seq gaps | dropped sockets | API CPU | clients CPU | p99 ≤ 50 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
  console.log(report);
  if (!process.argv.includes('--no-write'))
    appendFileSync(join(root, 'bench', 'realtime', 'results.md'), `${report}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
