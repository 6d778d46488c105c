import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles from 0.5 s to a 5 s cap by default, and starts over after reset', () => {
    const backoff = new Backoff({}, () => 1);
    expect(Array.from({ length: 7 }, () => backoff.next())).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });

  it('spreads each delay over [base/2, base] so many clients do not reconnect in lockstep', () => {
    expect(new Backoff({}, () => 0).next()).toBe(250);
    const seen = new Set(Array.from({ length: 50 }, () => new Backoff().next()));
    expect(seen.size).toBeGreaterThan(10);
    for (const delay of seen) expect(delay).toBeGreaterThanOrEqual(250);
  });
});
