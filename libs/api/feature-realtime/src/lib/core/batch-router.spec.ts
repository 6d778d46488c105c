import type { LiveEvent, RealtimeBatch } from '@switchboard/shared/contracts';
import { BatchRouter } from './batch-router';

const event: LiveEvent = { type: 'node.connection', at: '2026-11-30T10:00:00.000Z', node: 'fs', connected: true };
const member = {
  memberUuid: 'm',
  sessionUuid: 's',
  callerNumber: null,
  callerName: null,
  joinedAt: event.at,
  state: 'waiting' as const,
  agent: null,
};
const joined = (queue: string, seq: number) => ({
  queue,
  seq,
  event: { type: 'queue.joined' as const, at: event.at, queue, member },
});

describe('BatchRouter', () => {
  let sent: [string, RealtimeBatch][];
  let occupied: Set<string>;
  let router: BatchRouter;

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    occupied = new Set();
    router = new BatchRouter(
      20,
      (room, batch) => sent.push([room, batch]),
      (room) => occupied.has(room),
    );
  });
  afterEach(() => {
    router.stop();
    jest.useRealTimers();
  });

  it('sends each subscription set one message per interval with the floor and only its queues, in order', () => {
    const none = router.roomFor([]);
    const support = router.roomFor(['support', 'support']);
    occupied.add(none).add(support);
    for (let seq = 1; seq <= 30; seq++) router.pushFloor({ seq, event });
    router.pushQueue(joined('support', 1));
    router.pushQueue(joined('sales', 1));
    router.pushQueue(joined('support', 2));
    jest.advanceTimersByTime(19);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    const toNone = sent.find(([room]) => room === none)?.[1];
    const toSupport = sent.find(([room]) => room === support)?.[1];
    expect(toNone?.deltas.map((d) => d.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(toNone?.queueDeltas).toEqual([]);
    expect(toSupport?.queueDeltas.map((d) => [d.queue, d.seq])).toEqual([
      ['support', 1],
      ['support', 2],
    ]);
  });

  it('names one room per set of queues, whatever their order', () => {
    expect(router.roomFor(['b', 'a'])).toBe(router.roomFor(['a', 'b', 'a']));
    expect(router.roomFor(['a'])).not.toBe(router.roomFor(['a', 'b']));
  });

  it('sends nothing to rooms without sockets, nor empty batches, and flushes on demand', () => {
    const empty = router.roomFor(['sales']);
    const used = router.roomFor(['support']);
    occupied.add(used);
    router.pushQueue(joined('sales', 1));
    router.flush();
    expect(sent).toEqual([]);
    router.pushFloor({ seq: 1, event });
    router.flush();
    jest.advanceTimersByTime(100);
    expect(sent.map(([room]) => room)).toEqual([used]);
    expect(empty).not.toBe(used);
  });
});
