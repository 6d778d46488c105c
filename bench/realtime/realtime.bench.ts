// Realtime latency: simulated FreeSWITCH events → the built API (ESL ingestion, live state, socket.io gateway)
// → supervisor sockets. Measures, per delta a probe socket receives, receive time − the event's timestamp set by the
// simulator when it sent the event. Scenarios: one replica; two replicas behind Redis (each with its own node).
// Run: node bench/realtime/run.mjs [--rate=2000] [--seconds=15] [--sockets=200] [--probes=20] [--per-event]
//   [--only=one|two] [--no-write]
import { execSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createDatabase, startTestPostgres, stopTestPostgres } from '@switchboard/api/data-access-db/testing';
import { type EslSimulator, generateTraffic } from '@switchboard/api/data-access-esl/testing';
import { TestRedisServer } from '@switchboard/api/data-access-redis/testing';
import {
  type ApiProcess,
  ClientsProcess,
  arg,
  benchSimulator,
  cpuSeconds,
  drive,
  eslUrls,
  percentile,
  signIn,
  startApi,
  stopApi,
} from './harness';

const root = process.env['BENCH_ROOT'] ?? process.cwd();
const RATE = arg('rate', 2_000);
const SECONDS = arg('seconds', 15);
const SOCKETS = arg('sockets', 200);
const PROBES = arg('probes', 20);
const WARMUP_SECONDS = 3;
const QUEUES = ['support@default', 'sales@default'];
const API = join(root, 'tmp', 'bench-realtime', 'api', 'main.js');

/** An API replica with the simulated node it alone ingests. */
interface Replica extends ApiProcess {
  simulator: EslSimulator;
}

async function startReplica(node: string, databaseUrl: string, redisUrl: string | undefined): Promise<Replica> {
  const simulator = benchSimulator(node, node.length);
  await simulator.start();
  const api = await startApi(
    API,
    { DATABASE_URL: databaseUrl, FREESWITCH_ESL: eslUrls([simulator]), ...(redisUrl ? { REDIS_URL: redisUrl } : {}) },
    () => simulator.connectionCount > 0,
  );
  return { ...api, simulator };
}

async function stopReplica(replica: Replica): Promise<void> {
  await stopApi(replica);
  await replica.simulator.stop();
}

async function scenario(name: string, replicas: Replica[], token: string, batch: boolean): Promise<string> {
  const clients = await ClientsProcess.connect(__dirname, {
    urls: replicas.map((r) => r.url),
    token,
    sockets: SOCKETS,
    probes: PROBES,
    queues: QUEUES,
    batch,
  });
  const simulators = replicas.map((r) => r.simulator);
  const streams = replicas.map((_, i) => [
    ...generateTraffic({ seed: 11 + i, rate: 40, agents: 200, queues: QUEUES }, RATE * 8),
  ]);
  await drive(simulators, streams, RATE, WARMUP_SECONDS);
  const cpuBefore = replicas.map((r) => cpuSeconds(r.process.pid));
  const clientCpuBefore = cpuSeconds(clients.child.pid);
  clients.start();
  const startedAt = Date.now();
  const sent = await drive(simulators, streams, RATE, SECONDS);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const wall = (Date.now() - startedAt) / 1000;
  const apiCpu = replicas.map((r, i) => (cpuSeconds(r.process.pid) - (cpuBefore[i] ?? 0)) / wall);
  const clientCpu = (cpuSeconds(clients.child.pid) - clientCpuBefore) / wall;
  const result = await clients.stop();
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
  const redis = await TestRedisServer.start();
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
