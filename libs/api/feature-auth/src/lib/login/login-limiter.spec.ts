import type { AppConfig } from '@switchboard/api/util-config';
import { TooManyRequestsError } from '@switchboard/api/util-http';
import { FallbackLoginFailureStore } from './fallback-login-failure-store';
import type { LoginFailureStore } from './login-failure-store';
import { LoginLimiter, SPRAY_MIN_ACCOUNTS, SPRAY_WINDOW_SECONDS } from './login-limiter';
import { MemoryLoginFailureStore } from './memory-login-failure-store';
import { LoginStoreUnavailableError } from './redis-login-failure-store';
import { LIMITS_CONFIG, refusal } from './login-failure-store.contract';

const config = LIMITS_CONFIG;

/** A shared store that is down: every operation fails as the Redis adapter does when Redis does not answer. */
const down: LoginFailureStore = {
  waits: () => Promise.reject(new LoginStoreUnavailableError('down')),
  record: () => Promise.reject(new LoginStoreUnavailableError('down')),
  block: () => Promise.reject(new LoginStoreUnavailableError('down')),
  clear: () => Promise.reject(new LoginStoreUnavailableError('down')),
};

describe('LoginLimiter', () => {
  it('counts failures per address + email, and a success clears them', async () => {
    const limiter = new LoginLimiter(config, new MemoryLoginFailureStore());
    for (let i = 0; i < 2; i++) await limiter.recordFailure('10.0.0.1', 'a@x', `typo${i}`);
    await limiter.recordSuccess('10.0.0.1', 'a@x');
    for (let i = 0; i < 3; i++) await limiter.recordFailure('10.0.0.1', 'a@x', `typo${i}`);
    const refused = await refusal(limiter.assertAllowed('10.0.0.1', 'a@x'));
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as Error).message).toMatch(/this account/);
    await expect(limiter.assertAllowed('10.0.0.1', 'b@x')).resolves.toBeUndefined();
    await expect(limiter.assertAllowed('10.0.0.2', 'a@x')).resolves.toBeUndefined();
  });

  it('counts failures per address across emails', async () => {
    const limiter = new LoginLimiter(config, new MemoryLoginFailureStore());
    for (let i = 0; i < 6; i++) await limiter.recordFailure('10.0.0.1', `u${i}@x`, `pass${i}`);
    expect(String(await refusal(limiter.assertAllowed('10.0.0.1', 'new@x')))).toMatch(/your address/);
  });

  it('reports a spray once and blocks the address for the spray window', async () => {
    const limiter = new LoginLimiter(
      { auth: { ...config.auth, loginAddressFailureLimit: 1000 } } as AppConfig,
      new MemoryLoginFailureStore(),
    );
    const reports = [];
    for (let i = 0; i < SPRAY_MIN_ACCOUNTS + 2; i++)
      reports.push(await limiter.recordFailure('10.0.0.9', `staff${i}@x`, 'Winter2026!'));
    expect(reports.filter(Boolean)).toEqual([{ ip: '10.0.0.9', accounts: SPRAY_MIN_ACCOUNTS, passwords: 1 }]);
    const refused = (await refusal(limiter.assertAllowed('10.0.0.9', 'anyone@x'))) as TooManyRequestsError;
    expect(refused.retryAfterSeconds).toBeGreaterThan(SPRAY_WINDOW_SECONDS - 5);
  });

  it('does not call many accounts with many passwords a spray (a floor mistyping)', async () => {
    const limiter = new LoginLimiter(
      { auth: { ...config.auth, loginAddressFailureLimit: 1000 } } as AppConfig,
      new MemoryLoginFailureStore(),
    );
    for (let i = 0; i < 30; i++)
      expect(await limiter.recordFailure('10.0.0.8', `a${i}@x`, `own-typo-${i}`)).toBe(undefined);
  });

  it('falls back to its own counts when the shared store is down: limits still hold, nothing throws', async () => {
    const changes: boolean[] = [];
    const store = new FallbackLoginFailureStore(down, new MemoryLoginFailureStore(), (up) => changes.push(up));
    const limiter = new LoginLimiter(config, store);
    await expect(limiter.assertAllowed('10.0.0.1', 'a@x')).resolves.toBeUndefined();
    for (let i = 0; i < 6; i++) await limiter.recordFailure('10.0.0.1', `u${i}@x`, `pass${i}`);
    expect(await refusal(limiter.assertAllowed('10.0.0.1', 'a@x'))).toBeInstanceOf(TooManyRequestsError);
    await expect(limiter.recordSuccess('10.0.0.1', 'a@x')).resolves.toBeUndefined();
    expect(store.degraded).toBe(true);
    expect(changes).toEqual([false]);
  });
});
