import type { AppConfig } from '@switchboard/api/util-config';
import { ServerBusyError } from '@switchboard/api/util-http';
import { MAX_QUEUE_PER_SLOT, QUEUE_PER_SLOT, VerificationGate } from './verification-gate';

const gateWith = (slots: number, waitSeconds = 1): VerificationGate =>
  new VerificationGate({
    auth: { loginConcurrentVerifications: slots, loginQueueWaitSeconds: waitSeconds },
  } as unknown as AppConfig);

/** A verification that ends when the test says so. */
function pending(): { run: () => Promise<boolean>; finish: () => void; started: () => boolean } {
  let finish = (): void => undefined;
  let started = false;
  return {
    run: () =>
      new Promise<boolean>((resolve) => {
        started = true;
        finish = () => resolve(true);
      }),
    finish: () => finish(),
    started: () => started,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('VerificationGate', () => {
  it('runs at most `slots` checks at once and starts the next when one ends', async () => {
    const gate = gateWith(2);
    const checks = [pending(), pending(), pending()];
    const results = checks.map((check) => gate.run('10.0.0.1', check.run));
    await tick();
    expect(checks.map((check) => check.started())).toEqual([true, true, false]);
    checks[0]?.finish();
    await tick();
    expect(checks[2]?.started()).toBe(true);
    checks[1]?.finish();
    checks[2]?.finish();
    await expect(Promise.all(results)).resolves.toEqual([true, true, true]);
  });

  it('refuses with a ServerBusyError (429) and a Retry-After of at least a second once the queue is full', async () => {
    const gate = gateWith(1);
    const checks = Array.from({ length: 1 + QUEUE_PER_SLOT }, () => pending());
    // Two addresses, each within its half of the queue.
    const admitted = checks.map((check, i) => gate.run(i % 2 === 0 ? '10.0.0.1' : '10.0.0.3', check.run));
    const refused = await gate.run('10.0.0.2', () => Promise.resolve(true)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServerBusyError);
    expect((refused as ServerBusyError).retryAfterSeconds).toBeGreaterThan(0);
    for (const check of checks) {
      await tick();
      check.finish();
    }
    await expect(Promise.all(admitted)).resolves.toHaveLength(1 + QUEUE_PER_SLOT);
  });

  it('serves waiting addresses in turn, so a burst from one does not delay another behind all of it', async () => {
    const gate = gateWith(1);
    const order: string[] = [];
    const running: ReturnType<typeof pending>[] = [];
    const enqueue = (address: string) => {
      const check = pending();
      return gate.run(address, () => (order.push(address), running.push(check), check.run()));
    };
    const all = [...Array.from({ length: 5 }, () => enqueue('burst')), enqueue('agent')];
    // One check at a time: finish whichever is running, in the order the gate started them.
    for (let finished = 0; finished < 6; finished++) {
      await tick();
      running[finished]?.finish();
    }
    await Promise.all(all);
    expect(order.indexOf('agent')).toBe(2);
  });

  it('keeps half the queue for other addresses when one address bursts', async () => {
    const gate = gateWith(1);
    const checks = Array.from({ length: 1 + QUEUE_PER_SLOT / 2 }, () => pending());
    const admitted = checks.map((check) => gate.run('10.0.0.1', check.run));
    const refused = await gate.run('10.0.0.1', () => Promise.resolve(true)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServerBusyError);
    const other = gate.run('10.0.0.2', () => Promise.resolve(true));
    for (const check of checks) {
      await tick();
      check.finish();
    }
    await expect(other).resolves.toBe(true);
    await Promise.all(admitted);
  });

  it('bounds the queue by time: as many as the slots check within the allowed wait, one address up to half', async () => {
    // 20 s at the first estimate of 100 ms per check: 200 may wait on one slot, 100 of them from one address.
    const gate = gateWith(1, 20);
    expect(gate.queueLimit).toBe(200);
    const checks = Array.from({ length: 101 }, () => pending());
    const admitted = checks.map((check) => gate.run('10.0.0.1', check.run));
    const refused = await gate.run('10.0.0.1', () => Promise.resolve(true)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServerBusyError);
    // About the allowed wait: the queue ahead of it at the measured pace.
    expect((refused as ServerBusyError).retryAfterSeconds).toBeCloseTo(10, 0);
    for (const check of checks) {
      await tick();
      check.finish();
    }
    await Promise.all(admitted);
    // Those checks ended within a tick: measured fast, the same wait now admits many more, up to a hard ceiling.
    expect(gate.queueLimit).toBeGreaterThan(200);
    expect(gate.queueLimit).toBeLessThanOrEqual(MAX_QUEUE_PER_SLOT);
  });
});
