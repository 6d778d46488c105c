/**
 * Collects items per room and sends each room's items as one message at most `intervalMs` after the first one, in
 * the order they came. Turns thousands of small socket writes a second into a few dozen per socket.
 */
export class DeltaBatcher<T> {
  private readonly pending = new Map<string, T[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly send: (room: string, items: T[]) => void,
  ) {}

  push(room: string, item: T): void {
    const items = this.pending.get(room);
    if (items) items.push(item);
    else this.pending.set(room, [item]);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends everything pending now (before a snapshot, so the snapshot's seq is the last one a client saw). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rooms = [...this.pending];
    this.pending.clear();
    for (const [room, items] of rooms) this.send(room, items);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
