import { behavesAsLoginFailureStore } from './login-failure-store.contract';
import { MAX_KEYS, MemoryLoginFailureStore } from './memory-login-failure-store';

describe('MemoryLoginFailureStore', () => {
  const store = new MemoryLoginFailureStore();
  behavesAsLoginFailureStore(() => store);

  it('stays bounded under a flood of distinct keys, keeping the newest', async () => {
    let now = 0;
    const bounded = new MemoryLoginFailureStore(() => now);
    for (let i = 0; i <= MAX_KEYS; i++) {
      now = i;
      await bounded.record({ counters: [`k${i}`], windowMs: 10 * MAX_KEYS, sets: [], setWindowMs: 1, setCap: 1 });
    }
    const waits = await bounded.waits(
      [
        { key: 'k0', limit: 1 },
        { key: `k${MAX_KEYS}`, limit: 1 },
      ],
      'b',
    );
    expect(waits.counterMs[0]).toBe(0);
    expect(waits.counterMs[1]).toBeGreaterThan(0);
  });
});
