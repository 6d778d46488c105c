import { AppliedEvents } from './applied-events';

const WINDOW = 1 << 18;

describe('AppliedEvents', () => {
  it('tells a replayed event from a new one, in any order within the window', () => {
    const applied = new AppliedEvents();
    for (const sequence of [5n, 3n, 4n, 9n, 1n]) expect(applied.firstTime('node-a', sequence)).toBe(true);
    for (const sequence of [1n, 3n, 4n, 5n, 9n]) expect(applied.firstTime('node-a', sequence)).toBe(false);
    // Skipped sequences are still new when they come late.
    expect(applied.firstTime('node-a', 2n)).toBe(true);
    expect(applied.firstTime('node-a', 7n)).toBe(true);
    expect(applied.firstTime('node-a', 7n)).toBe(false);
  });

  it('keeps each node apart (a restarted FreeSWITCH counts from 1 again under a new Core-UUID)', () => {
    const applied = new AppliedEvents();
    expect(applied.firstTime('node-a', 1n)).toBe(true);
    expect(applied.firstTime('node-b', 1n)).toBe(true);
    expect(applied.firstTime('node-b', 1n)).toBe(false);
    expect(applied.firstTime('node-a', 1n)).toBe(false);
  });

  it('forgets what left the window, and a slot reused by a newer sequence is not mistaken for an older one', () => {
    const applied = new AppliedEvents();
    expect(applied.firstTime('n', 10n)).toBe(true);
    // Same slot of the ring, one window later: new, and the old sequence is now out of reach (treated as new).
    expect(applied.firstTime('n', BigInt(10 + WINDOW))).toBe(true);
    expect(applied.firstTime('n', BigInt(10 + WINDOW))).toBe(false);
    expect(applied.firstTime('n', 10n)).toBe(true);
    // Moving up one at a time clears each slot it passes: sequence 11's slot held nothing from before.
    expect(applied.firstTime('n', BigInt(11 + WINDOW))).toBe(true);
    expect(applied.firstTime('n', BigInt(11 + WINDOW) - 1n)).toBe(false);
  });

  it('clears the whole ring when a node jumps further than the window', () => {
    const applied = new AppliedEvents();
    for (let s = 1n; s <= 100n; s++) applied.firstTime('n', s);
    const far = BigInt(100 + 3 * WINDOW);
    expect(applied.firstTime('n', far)).toBe(true);
    // Every slot below the new top within reach is empty now.
    for (let back = 1n; back <= 100n; back++) expect(applied.firstTime('n', far - back)).toBe(true);
  });

  it('remembers a bounded number of nodes, dropping the one heard of least recently', () => {
    const applied = new AppliedEvents();
    applied.firstTime('kept', 1n);
    for (let i = 0; i < 64; i++) {
      applied.firstTime(`node-${i}`, 1n);
      // Heard of again and again: never the least recent.
      applied.firstTime('kept', BigInt(i + 2));
    }
    expect(applied.firstTime('kept', 1n)).toBe(false);
    // node-0 was the least recent when the 65th node arrived.
    expect(applied.firstTime('node-0', 1n)).toBe(true);
  });
});
