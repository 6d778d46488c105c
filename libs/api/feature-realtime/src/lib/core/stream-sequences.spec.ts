import { StreamSequences, streams } from './stream-sequences';

describe('StreamSequences', () => {
  it('numbers each stream 1, 2, 3… on its own, and current() is the last number handed out', () => {
    const sequences = new StreamSequences();
    expect(sequences.current(streams.floor)).toBe(0);
    expect([1, 2, 3].map(() => sequences.next(streams.floor))).toEqual([1, 2, 3]);
    expect(sequences.next(streams.queue('support@default'))).toBe(1);
    expect(sequences.next(streams.agent('1000@default'))).toBe(1);
    expect(sequences.next(streams.floor)).toBe(4);
    expect(sequences.current(streams.floor)).toBe(4);
    expect(sequences.current(streams.queue('support@default'))).toBe(1);
  });

  it('names rooms so queues and agents cannot collide', () => {
    expect(streams.queue('x')).not.toBe(streams.agent('x'));
    expect(streams.queue('floor')).not.toBe(streams.floor);
  });
});
