import { RedisService } from '@switchboard/api/data-access-redis';
import { TestRedisServer } from '@switchboard/api/data-access-redis/testing';
import type { AppConfig } from '@switchboard/api/util-config';
import { TooManyRequestsError } from '@switchboard/api/util-http';
import type { FallbackLoginFailureStore } from './fallback-login-failure-store';
import { LIMITS_CONFIG, behavesAsLoginFailureStore, refusal } from './login-failure-store.contract';
import { loginFailureStore } from './login-failure-store.provider';
import { LoginLimiter } from './login-limiter';
import { RedisLoginFailureStore } from './redis-login-failure-store';

const config = LIMITS_CONFIG;

/** Two API replicas' worth of login limits: each with its own Redis connections and its own memory fallback. */
describe('login limits shared through a real redis-server', () => {
  let server: TestRedisServer;
  const replicas: { redis: RedisService; store: FallbackLoginFailureStore; limiter: LoginLimiter }[] = [];

  beforeAll(async () => {
    server = await TestRedisServer.start();
    for (let i = 0; i < 2; i++) {
      const redis = new RedisService(server.url);
      const store = loginFailureStore(redis) as FallbackLoginFailureStore;
      await redis.connect();
      replicas.push({ redis, store, limiter: new LoginLimiter(config, store) });
    }
  });
  afterAll(async () => {
    for (const { redis } of replicas) await redis.onApplicationShutdown();
    await server.stop();
  });

  const [a, b] = [() => replicas[0], () => replicas[1]];

  describe('RedisLoginFailureStore', () => {
    let commands: Awaited<ReturnType<RedisService['connect']>>['commands'] | undefined;
    beforeAll(async () => (commands = (await a().redis.connect()).commands));
    behavesAsLoginFailureStore(() => new RedisLoginFailureStore(() => commands));
  });

  it('counts failures made on replica A when replica B decides (per address, across emails)', async () => {
    for (let i = 0; i < 6; i++) await a().limiter.recordFailure('10.9.0.1', `guess${i}@x`, `pass${i}`);
    const refused = await refusal(b().limiter.assertAllowed('10.9.0.1', 'someone@x'));
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(String(refused)).toMatch(/your address/);
    await expect(b().limiter.assertAllowed('10.9.0.2', 'someone@x')).resolves.toBeUndefined();
  });

  it('counts an account guessed alternately on both replicas, and a success on B clears it for A', async () => {
    for (let i = 0; i < 3; i++)
      await (i % 2 === 0 ? a() : b()).limiter.recordFailure('10.9.1.1', 'agent@x', `typo${i}`);
    expect(String(await refusal(a().limiter.assertAllowed('10.9.1.1', 'agent@x')))).toMatch(/this account/);
    await b().limiter.recordSuccess('10.9.1.1', 'agent@x');
    await expect(a().limiter.assertAllowed('10.9.1.1', 'agent@x')).resolves.toBeUndefined();
  });

  it('sees one spray spread over both replicas, reports it once, and blocks it on both', async () => {
    const limiter = (i: number) =>
      new LoginLimiter(
        { auth: { ...config.auth, loginAddressFailureLimit: 1000 } } as AppConfig,
        replicas[i % 2].store,
      );
    const reports = [];
    for (let i = 0; i < 12; i++) reports.push(await limiter(i).recordFailure('10.9.2.1', `staff${i}@x`, 'Winter2026!'));
    expect(reports.filter(Boolean)).toEqual([{ ip: '10.9.2.1', accounts: 10, passwords: 1 }]);
    for (const { limiter: each } of replicas)
      expect(String(await refusal(each.assertAllowed('10.9.2.1', 'real@x')))).toMatch(/Too many accounts/);
  });

  it('falls back to per-replica counts while Redis is down (no lock-out, no error), and shares again when back', async () => {
    await server.stop();
    for (let i = 0; a().redis.isUp || b().redis.isUp; i++) {
      if (i > 50) throw new Error('the replicas did not notice Redis going away');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await expect(b().limiter.assertAllowed('10.9.3.1', 'x@x')).resolves.toBeUndefined();
    for (let i = 0; i < 6; i++) await a().limiter.recordFailure('10.9.3.1', `guess${i}@x`, `pass${i}`);
    // A's own counts still hold A back; B, not having seen them, lets the address try (documented degradation).
    expect(await refusal(a().limiter.assertAllowed('10.9.3.1', 'x@x'))).toBeInstanceOf(TooManyRequestsError);
    await expect(b().limiter.assertAllowed('10.9.3.1', 'x@x')).resolves.toBeUndefined();
    expect(a().store.degraded).toBe(true);

    await server.restart();
    for (let i = 0; !a().redis.isUp || !b().redis.isUp; i++) {
      if (i > 50) throw new Error('the replicas did not reconnect');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (let i = 0; i < 6; i++) await b().limiter.recordFailure('10.9.3.5', `guess${i}@x`, `pass${i}`);
    expect(await refusal(a().limiter.assertAllowed('10.9.3.5', 'x@x'))).toBeInstanceOf(TooManyRequestsError);
    expect(a().store.degraded).toBe(false);
  });
});
