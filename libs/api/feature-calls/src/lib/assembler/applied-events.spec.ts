import { AppliedEvents } from './applied-events';

const WINDOW = 1 << 18;

/** What `firstTime` answers for each sequence of `node`, in turn: a failure shows the whole run at once. */
function answers(applied: AppliedEvents, node: string, sequences: readonly (bigint | number)[]): boolean[] {
  return sequences.map((sequence) => applied.firstTime(node, BigInt(sequence)));
}

describe('AppliedEvents', () => {
  it('tells a replayed event from a new one, in any order within the window', () => {
    const applied = new AppliedEvents();
    expect(answers(applied, 'node-a', [5, 3, 4, 9, 1])).toEqual([true, true, true, true, true]);
    expect(answers(applied, 'node-a', [1, 3, 4, 5, 9])).toEqual([false, false, false, false, false]);
    // Skipped sequences are still new when they come late, once.
    expect(answers(applied, 'node-a', [2, 7, 7])).toEqual([true, true, false]);
  });

  it('keeps each node apart (a restarted FreeSWITCH counts from 1 again under a new Core-UUID)', () => {
    const applied = new AppliedEvents();
    expect(answers(applied, 'node-a', [1])).toEqual([true]);
    expect(answers(applied, 'node-b', [1, 1])).toEqual([true, false]);
    expect(answers(applied, 'node-a', [1])).toEqual([false]);
  });

  it('forgets what left the window, and a slot reused by a newer sequence is not mistaken for an older one', () => {
    const applied = new AppliedEvents();
    // Same slot of the ring, one window later: new, and the old sequence is now out of reach (treated as new).
    expect(answers(applied, 'n', [10, 10 + WINDOW, 10 + WINDOW, 10])).toEqual([true, true, false, true]);
    // Moving up one at a time clears each slot it passes: sequence 11's slot held nothing from before.
    expect(answers(applied, 'n', [11 + WINDOW, 10 + WINDOW])).toEqual([true, false]);
  });

  it('clears the whole ring when a node jumps further than the window', () => {
    const applied = new AppliedEvents();
    const below = Array.from({ length: 100 }, (_, i) => i + 1);
    answers(applied, 'n', below);
    const far = 100 + 3 * WINDOW;
    expect(answers(applied, 'n', [far])).toEqual([true]);
    // Every slot below the new top within reach is empty now.
    expect(answers(applied, 'n', below.map((back) => far - back))).toEqual(below.map(() => true));
  });

  it('remembers a bounded number of nodes, dropping the one heard of least recently', () => {
    const applied = new AppliedEvents();
    answers(applied, 'kept', [1]);
    for (let i = 0; i < 64; i++) {
      answers(applied, `node-${i}`, [1]);
      // Heard of again and again: never the least recent.
      answers(applied, 'kept', [i + 2]);
    }
    expect(answers(applied, 'kept', [1])).toEqual([false]);
    // node-0 was the least recent when the 65th node arrived.
    expect(answers(applied, 'node-0', [1])).toEqual([true]);
  });
});
