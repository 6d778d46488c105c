import type { RealtimeBatch, RealtimeDelta, RealtimeQueueDelta } from '@switchboard/shared/contracts';

/**
 * Batched delivery (`auth.batch: true`): collects floor and queue deltas for `intervalMs`, then sends each group of
 * sockets with the same queue subscriptions one message holding the floor deltas and the deltas of its queues. A
 * dashboard gets one socket write per interval instead of one per change, which is what keeps 200 dashboards at
 * thousands of changes a second affordable.
 */
export class BatchRouter {
  private floor: RealtimeDelta[] = [];
  private queues = new Map<string, RealtimeQueueDelta[]>();
  /** Room of each subscription set → its queues. */
  private readonly rooms = new Map<string, readonly string[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (room: string, batch: RealtimeBatch) => void,
    private readonly hasSockets: (room: string) => boolean,
  ) {}

  /** The room of batch sockets subscribed to exactly `queues` (registered for delivery). */
  roomFor(queues: Iterable<string>): string {
    const sorted = [...new Set(queues)].sort();
    const room = `batch:${JSON.stringify(sorted)}`;
    this.rooms.set(room, sorted);
    return room;
  }

  pushFloor(delta: RealtimeDelta): void {
    this.floor.push(delta);
    this.schedule();
  }

  pushQueue(delta: RealtimeQueueDelta): void {
    const pending = this.queues.get(delta.queue);
    if (pending) pending.push(delta);
    else this.queues.set(delta.queue, [delta]);
    this.schedule();
  }

  /** Sends everything pending now (before a snapshot or a subscription answer, so those are never older). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const floor = this.floor;
    const queues = this.queues;
    this.floor = [];
    this.queues = new Map();
    if (floor.length === 0 && queues.size === 0) return;
    for (const [room, subscribed] of this.rooms) {
      if (!this.hasSockets(room)) {
        this.rooms.delete(room);
        continue;
      }
      const queueDeltas = subscribed.flatMap((queue) => queues.get(queue) ?? []);
      if (floor.length > 0 || queueDeltas.length > 0) this.send(room, { deltas: floor, queueDeltas });
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }
}
