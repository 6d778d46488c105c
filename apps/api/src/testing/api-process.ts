// API replicas as real processes (the built dist/apps/api/main.js), so a test can kill one with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One API process. */
export interface ApiReplica {
  name: string;
  base: string;
  process: ChildProcess;
}

/** Starts an API replica on `env` (plus the test defaults) and waits until it is healthy. */
export async function startReplica(name: string, env: Record<string, string>): Promise<ApiReplica> {
  const port = await freePort();
  const artifacts = join(root, 'test-results', 'scale-out');
  mkdirSync(artifacts, { recursive: true });
  const log = createWriteStream(join(artifacts, `${name}.log`));
  // SB_API_MAIN: another build of the API (bench/scale-out's under tmp/) while dist/ is someone else's to rebuild.
  const main = process.env['SB_API_MAIN'] ?? join(root, 'dist', 'apps', 'api', 'main.js');
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), `sb-scale-${name}-`)),
      JWT_SECRET: 'scale-out-test-secret-scale-out-test-secret',
      LOG_LEVEL: 'info',
      EMBEDDED_FREESWITCH: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`replica ${name} exited with ${child.exitCode}; see test-results/scale-out/${name}.log`);
    const healthy = await fetch(`${base}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { name, base, process: child };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`replica ${name} was not healthy within 90 s`);
}

/** Stops a replica as an operator would (SIGTERM), or at once when it is already gone. */
export async function stopReplica(replica: ApiReplica): Promise<void> {
  if (replica.process.exitCode !== null || replica.process.signalCode !== null) return;
  const exited = new Promise((resolve) => replica.process.once('exit', resolve));
  replica.process.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
}
