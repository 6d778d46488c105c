// Pieces shared by the benchmarks that drive the built API with simulated FreeSWITCH nodes and supervisor sockets
// (bench/realtime, bench/scale-out): API processes, traffic pacing, the client process, CPU and percentiles.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EslSimulator, type SimEvent } from '@switchboard/api/data-access-esl/testing';
import type { ClientsRequest, ClientsResult } from './clients';

/** A numeric command-line option `--name=value`, or `fallback`. */
export const arg = (name: string, fallback: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

export const BENCH_ADMIN = { email: 'bench@example.com', password: 'Bench-pass-123!' };
export const BENCH_ESL_PASSWORD = 'bench-secret';

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A simulated FreeSWITCH node as the benchmarks use it (no heartbeats: they would only add noise). */
export function benchSimulator(hostname: string, seed: number): EslSimulator {
  return new EslSimulator({ password: BENCH_ESL_PASSWORD, hostname, seed, heartbeatIntervalMs: 0 });
}

/** The ESL URL of simulated nodes, as FREESWITCH_ESL takes it (comma-separated). */
export const eslUrls = (simulators: EslSimulator[]): string =>
  simulators.map((simulator) => `esl://:${BENCH_ESL_PASSWORD}@127.0.0.1:${simulator.port}`).join(',');

/** One built API process. */
export interface ApiProcess {
  url: string;
  process: ChildProcess;
}

/**
 * Starts the built API (`main`) in production mode on a free port with `env` on top of the benchmark defaults, and
 * waits until its health endpoint answers and `ready()` (for example: a simulator sees its ESL connection).
 */
export async function startApi(
  main: string,
  env: Record<string, string>,
  ready: () => boolean = () => true,
): Promise<ApiProcess> {
  const port = await freePort();
  const fullEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-bench-rt-')),
    JWT_SECRET: 'realtime-benchmark-secret-realtime-benchmark-secret',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    FREESWITCH_HTTP_USER: 'freeswitch',
    FREESWITCH_HTTP_PASSWORD: 'bench-http-password',
    LOG_LEVEL: 'warn',
    ...env,
  };
  // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API processes; BENCH_API_LOG_DIR=dir
  // keeps their logs (one file per port, at BENCH_API_LOG_LEVEL or info) to see what they did.
  const nodeArgs = process.env['BENCH_API_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  const logDir = process.env['BENCH_API_LOG_DIR'];
  if (logDir) fullEnv['LOG_LEVEL'] = process.env['BENCH_API_LOG_LEVEL'] ?? 'info';
  const log = logDir ? openSync(join(logDir, `api-${port}.log`), 'a') : undefined;
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: process.cwd(),
    env: fullEnv,
    stdio: ['ignore', log ?? 'ignore', log ?? 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && ready()) break;
    if (i > 300 || child.exitCode !== null) throw new Error(`API ${url} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, process: child };
}

/** SIGTERM, as an operator would; returns at once for a process that is already gone. */
export async function stopApi(api: ApiProcess): Promise<void> {
  if (api.process.exitCode !== null || api.process.signalCode !== null) return;
  const exited = once(api.process, 'exit');
  api.process.kill('SIGTERM');
  await exited;
}

export async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** CPU seconds a process has used (user + system), from /proc. */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid || !existsSync(`/proc/${pid}/stat`)) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Sends `streams[i]` (cycled) through `simulators[i]`, `rate` events/s in all, paced in 5 ms steps; each event is
 *  stamped with its send time. `onSent` sees each event and the headers the simulator stamped it with. */
export async function drive(
  simulators: EslSimulator[],
  streams: SimEvent[][],
  rate: number,
  seconds: number,
  onSent?: (node: number, event: SimEvent, headers: ReturnType<EslSimulator['emit']>) => void,
): Promise<number> {
  const perNode = rate / simulators.length;
  const started = Date.now();
  const sent = simulators.map(() => 0);
  for (;;) {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed >= seconds) break;
    simulators.forEach((simulator, i) => {
      const due = Math.floor(elapsed * perNode);
      const stream = streams[i] ?? [];
      for (; (sent[i] ?? 0) < due; sent[i] = (sent[i] ?? 0) + 1) {
        const event = stream[(sent[i] ?? 0) % stream.length];
        if (!event) continue;
        const stamped = { ...event, timestampUs: BigInt(Date.now()) * 1000n };
        const headers = simulator.emit(stamped);
        onSent?.(i, stamped, headers);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return sent.reduce((a, b) => a + b, 0);
}

/** The client process (clients.ts, bundled beside the benchmark): connect, then start and stop measuring. */
export class ClientsProcess {
  readonly child: ChildProcess;

  private constructor(dir: string) {
    this.child = fork(join(dir, 'clients.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }

  /** Forks the client process and connects its sockets. */
  static async connect(dir: string, request: ClientsRequest): Promise<ClientsProcess> {
    const clients = new ClientsProcess(dir);
    clients.child.send({ type: 'connect', request });
    await clients.reply('ready');
    return clients;
  }

  start(): void {
    this.child.send({ type: 'start' });
  }

  /** Stops measuring, closes the sockets and returns what they measured. */
  async stop(): Promise<ClientsResult> {
    this.child.send({ type: 'stop' });
    const { result } = await this.reply('result');
    if (!result) throw new Error('no result from the clients');
    return result;
  }

  private reply(type: string): Promise<{ result?: ClientsResult }> {
    return new Promise((resolve, reject) => {
      this.child.on('message', (m: { type: string }) => m.type === type && resolve(m as { result?: ClientsResult }));
      this.child.once('exit', (code) => code !== 0 && reject(new Error(`clients exited with ${code}`)));
    });
  }
}
