/// <reference types="jest" />
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@switchboard/api/util-config';
import type { FailureRecord, LoginFailureStore } from './login-failure-store';

/** Login limits for the specs: 3 failures per address + email, 6 per address, in a minute. */
export const LIMITS_CONFIG = {
  auth: { jwtSecret: 's'.repeat(40), loginRateLimit: 3, loginRateWindow: 60, loginAddressFailureLimit: 6 },
} as unknown as AppConfig;

/** What `promise` rejected with (undefined when it resolved). */
export const refusal = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What every LoginFailureStore does, run against each adapter (memory in a unit spec, Redis in an integration spec)
 * so the two cannot drift apart. Real time, short windows: Redis keeps its own clock.
 */
export function behavesAsLoginFailureStore(store: () => LoginFailureStore): void {
  // Fresh keys per test: the Redis adapter's tests share one server.
  const fresh = (name: string) => `${name}:${randomUUID()}`;
  const failure = (counters: string[], sets: FailureRecord['sets'] = [], windowMs = 400): FailureRecord => ({
    counters,
    windowMs,
    sets,
    setWindowMs: 400,
    setCap: 3,
  });

  it('holds a counter back once it reaches its limit, until its window (started by its first failure) ends', async () => {
    const key = fresh('counter');
    const other = fresh('other');
    for (let i = 0; i < 3; i++) await store().record(failure([key, other]));
    const at3 = await store().waits(
      [
        { key, limit: 3 },
        { key: other, limit: 4 },
      ],
      fresh('block'),
    );
    expect(at3.blockMs).toBe(0);
    expect(at3.counterMs[0]).toBeGreaterThan(0);
    expect(at3.counterMs[0]).toBeLessThanOrEqual(400);
    expect(at3.counterMs[1]).toBe(0);
    await sleep(450);
    expect((await store().waits([{ key, limit: 3 }], fresh('block'))).counterMs).toEqual([0]);
    await store().record(failure([key]));
    expect((await store().waits([{ key, limit: 2 }], fresh('block'))).counterMs).toEqual([0]);
  });

  it('forgets a cleared counter', async () => {
    const key = fresh('cleared');
    await store().record(failure([key], [], 60_000));
    await store().clear(key);
    expect((await store().waits([{ key, limit: 1 }], fresh('block'))).counterMs).toEqual([0]);
  });

  it('collects distinct members per set up to the cap and reports the sizes in order', async () => {
    const a = fresh('set-a');
    const b = fresh('set-b');
    const sizes: number[][] = [];
    for (const member of ['x', 'y', 'x', 'z', 'w'])
      sizes.push(
        await store().record(
          failure(
            [],
            [
              { key: a, member },
              { key: b, member: 'same' },
            ],
          ),
        ),
      );
    expect(sizes).toEqual([
      [1, 1],
      [2, 1],
      [2, 1],
      [3, 1],
      [3, 1],
    ]);
    await sleep(450);
    expect(await store().record(failure([], [{ key: a, member: 'x' }]))).toEqual([1]);
  });

  it('blocks once: only the first call reports it, and the sets end with the block', async () => {
    const block = fresh('block');
    const set = fresh('set');
    await store().record(failure([], [{ key: set, member: 'x' }]));
    expect(await store().block(block, 800, [set])).toBe(true);
    expect(await store().block(block, 800, [set])).toBe(false);
    const waits = await store().waits([], block);
    expect(waits.blockMs).toBeGreaterThan(400);
    expect(waits.blockMs).toBeLessThanOrEqual(800);
    // Past the set's own window but within the block: the set was extended to end with the block.
    await sleep(500);
    expect(await store().record(failure([], [{ key: set, member: 'y' }]))).toEqual([2]);
    await sleep(400);
    expect((await store().waits([], block)).blockMs).toBe(0);
    expect(await store().block(block, 800, [])).toBe(true);
  });
}
