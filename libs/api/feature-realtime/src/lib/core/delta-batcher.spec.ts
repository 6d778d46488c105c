import { DeltaBatcher } from './delta-batcher';

describe('DeltaBatcher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends each room’s items in order, once per interval', () => {
    const sent: [string, number[]][] = [];
    const batcher = new DeltaBatcher<number>(20, (room, items) => sent.push([room, items]));
    for (let i = 1; i <= 100; i++) batcher.push(i % 2 ? 'odd' : 'even', i);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(20);
    expect(sent).toHaveLength(2);
    expect(sent.find(([room]) => room === 'odd')?.[1]).toEqual(Array.from({ length: 50 }, (_, i) => 2 * i + 1));
    batcher.push('odd', 101);
    jest.advanceTimersByTime(19);
    expect(sent).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(sent.at(-1)).toEqual(['odd', [101]]);
  });

  it('flushes on demand and then has nothing left to send', () => {
    const sent: number[][] = [];
    const batcher = new DeltaBatcher<number>(20, (_room, items) => sent.push(items));
    batcher.push('floor', 1);
    batcher.push('floor', 2);
    batcher.flush();
    jest.advanceTimersByTime(100);
    expect(sent).toEqual([[1, 2]]);
  });
});
