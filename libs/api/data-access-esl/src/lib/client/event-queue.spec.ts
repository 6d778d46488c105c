import { EslEventQueue } from './event-queue';

describe('EslEventQueue', () => {
  it('never runs the handler inside push, and handles items in order one at a time', async () => {
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const queue = new EslEventQueue<[number]>(
      async (n) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        order.push(`start ${n}`);
        await new Promise((resolve) => setTimeout(resolve, 2));
        running--;
      },
      () => undefined,
    );
    queue.push(1);
    queue.push(2);
    order.push('pushed');
    await queue.idle();
    expect(order).toEqual(['pushed', 'start 1', 'start 2']);
    expect(maxRunning).toBe(1);
    expect(queue.processed).toBe(2);
  });

  it('drops the oldest (or the newest) item when full and counts it', async () => {
    const handled: number[] = [];
    const oldest = new EslEventQueue<[number]>(
      (n) => void handled.push(n),
      () => undefined,
      { maxDepth: 3 },
    );
    for (let i = 1; i <= 5; i++) oldest.push(i);
    await oldest.idle();
    expect([handled, oldest.dropped]).toEqual([[3, 4, 5], 2]);
    handled.length = 0;
    const newest = new EslEventQueue<[number]>(
      (n) => void handled.push(n),
      () => undefined,
      { maxDepth: 3, overflow: 'drop-newest' },
    );
    expect([1, 2, 3, 4].map((n) => newest.push(n))).toEqual([true, true, true, false]);
    await newest.idle();
    expect(handled).toEqual([1, 2, 3]);
  });

  it('goes on after a handler fails, reporting the failure', async () => {
    const failures: unknown[] = [];
    const handled: number[] = [];
    const queue = new EslEventQueue<[number]>(
      (n) => {
        if (n === 2) throw new Error('boom');
        handled.push(n);
      },
      (error) => failures.push(error),
    );
    [1, 2, 3].forEach((n) => queue.push(n));
    await queue.idle();
    expect(handled).toEqual([1, 3]);
    expect(String(failures[0])).toBe('Error: boom');
  });
});
