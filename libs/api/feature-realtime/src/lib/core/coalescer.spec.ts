import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  let values: Map<string, number>;
  let sent: [string, number][];
  let coalescer: Coalescer<number>;

  beforeEach(() => {
    jest.useFakeTimers();
    values = new Map();
    sent = [];
    coalescer = new Coalescer<number>({
      intervalMs: 250,
      compute: (key) => values.get(key),
      emit: (key, value) => sent.push([key, value]),
    });
  });
  afterEach(() => {
    coalescer.stop();
    jest.useRealTimers();
  });

  it('sends one value per key per interval however many marks, and the last value wins', () => {
    for (let i = 1; i <= 500; i++) {
      values.set('support', i);
      coalescer.mark('support');
    }
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(250);
    expect(sent).toEqual([['support', 500]]);
  });

  it('spreads a long storm at most one emit per interval', () => {
    for (let ms = 0; ms < 2_000; ms += 10) {
      values.set('sales', ms);
      coalescer.mark('sales');
      jest.advanceTimersByTime(10);
    }
    jest.advanceTimersByTime(250);
    expect(sent.length).toBeLessThanOrEqual(2_000 / 250 + 1);
    expect(sent.at(-1)).toEqual(['sales', 1_990]);
  });

  it('sends nothing when the value did not change, and forgets vanished keys', () => {
    values.set('support', 3);
    coalescer.mark('support');
    jest.advanceTimersByTime(250);
    coalescer.mark('support');
    jest.advanceTimersByTime(250);
    expect(sent).toEqual([['support', 3]]);
    values.delete('support');
    coalescer.mark('support');
    jest.advanceTimersByTime(250);
    expect(coalescer.lastSent('support')).toBeUndefined();
    values.set('support', 3);
    coalescer.mark('support');
    jest.advanceTimersByTime(250);
    expect(sent).toEqual([
      ['support', 3],
      ['support', 3],
    ]);
  });

  it('keeps keys apart', () => {
    values.set('a', 1).set('b', 2);
    coalescer.mark('a');
    coalescer.mark('b');
    coalescer.mark('a');
    jest.advanceTimersByTime(250);
    expect(sent).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});
