import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { type SipProgram, ensureSipPrograms } from '@switchboard/tools/sip';

/** Debian's Redis server. */
export const REDIS_SERVER: SipProgram = { path: '/usr/bin/redis-server', packages: ['redis-server'] };

/**
 * A `redis-server` of a test's own on a free loopback port, without persistence (a restart forgets everything, as
 * a Redis without AOF would). Installs Debian's package when missing and allowed (see ensureSipPrograms).
 */
export class TestRedisServer {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedisServer> {
    ensureSipPrograms(REDIS_SERVER);
    const server = new TestRedisServer(await freePort());
    await server.startProcess();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Kills the server (SIGKILL: nothing saved) and starts an empty one on the same port after `downMs`. */
  async restart(downMs = 0): Promise<void> {
    await this.stop('SIGKILL');
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.startProcess();
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  private async startProcess(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const child = spawn(REDIS_SERVER.path, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) =>
        reject(new Error(`redis-server exited with ${String(code)}: ${output.slice(-500)}`)),
      );
    });
    child.stdout?.resume();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
