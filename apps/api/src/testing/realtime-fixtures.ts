// Shared set-up of the realtime integration tests: a listening API on the ESL simulator, users and one provisioned agent.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { createClient } from 'redis';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from '@switchboard/shared/contracts';
import { EslService } from '@switchboard/api/data-access-esl';
import { EslSimulator, eventually } from '@switchboard/api/data-access-esl/testing';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from './test-app';

/** A listening API connected to its own simulated FreeSWITCH node. */
export interface RealtimeFixture {
  t: TestApp;
  simulator: EslSimulator;
  baseUrl: string;
  adminToken: string;
  close(): Promise<void>;
}

/** Starts a simulator and an API on it (optionally on another app's database, with extra env) and listens. */
export async function startRealtimeApi(
  node: string,
  env: Record<string, string> = {},
  databaseUrl?: string,
): Promise<RealtimeFixture> {
  const simulator = new EslSimulator({
    password: 'sim-secret',
    heartbeatIntervalMs: 0,
    seed: node.length,
    hostname: node,
  });
  const port = await simulator.start();
  const t = await startTestApp(env, {
    eslNodes: [{ id: node, host: '127.0.0.1', port, password: 'sim-secret' }],
    databaseUrl,
  });
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as AddressInfo;
  await eventually(() => t.app.get(EslService).isConnected(node), 10_000, 'the ESL connection');
  const adminToken = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
  return {
    t,
    simulator,
    baseUrl: `http://127.0.0.1:${address.port}`,
    adminToken,
    close: async () => {
      await t.close();
      await simulator.stop();
    },
  };
}

/** Creates a user with `role`, signs it in and returns its id and access token. */
export async function userWithToken(
  f: RealtimeFixture,
  email: string,
  role: 'SUPERVISOR' | 'AGENT',
): Promise<{ id: string; token: string }> {
  const password = 'Realtime-pass-123!';
  const id = await createUser(f.t, f.adminToken, { email, role, password });
  return { id, token: (await signIn(f.t, email, password)).token };
}

/** Provisions a mod_callcenter agent for a user on extension `number`, with tiers in `queues` (names without @domain). */
export async function provisionAgent(
  f: RealtimeFixture,
  userId: string,
  number: string,
  queues: string[],
): Promise<string> {
  const extension = await f.t.prisma.extension.create({
    data: { number, domain: 'default', displayName: `Ext ${number}` },
  });
  const name = `agent${number}@default`;
  const agent = await f.t.prisma.agent.create({ data: { userId, name, extensionId: extension.id } });
  for (const queue of queues) {
    const row = await f.t.prisma.queue.upsert({
      where: { name: queue },
      update: {},
      create: { name: queue, displayName: queue },
    });
    await f.t.prisma.tier.create({ data: { agentId: agent.id, queueId: row.id } });
  }
  return name;
}

/** An access token of the same user and session as `token`, expiring `secondsFromNow` from now (negative: already). */
export function tokenExpiringIn(f: RealtimeFixture, token: string, secondsFromNow: number): string {
  const jwt = f.t.app.get(JwtService, { strict: false });
  const claims = jwt.decode<AccessTokenClaims & { exp: number; iat: number }>(token);
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign(
    { sub: claims.sub, sid: claims.sid, role: claims.role, iat: now - 60, exp: now + secondsFromNow },
    { algorithm: 'HS256' },
  );
}

/**
 * A Redis for replica tests: TEST_REDIS_URL, else a `redis-server` of our own on a free port when the binary is
 * installed (so tests do not share pub/sub channels with anything else), else the default local one.
 */
export async function testRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env['TEST_REDIS_URL']) return { url: process.env['TEST_REDIS_URL'], stop: () => Promise.resolve() };
  const binary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
  if (!binary) return { url: 'redis://127.0.0.1:6379', stop: () => Promise.resolve() };
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => (retries > 50 ? false : 100) } });
  client.on('error', () => undefined);
  await client.connect();
  await client.ping();
  await client.quit();
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
