/** How an {@link EslEventQueue} behaves when it is full. */
export interface EslEventQueueOptions {
  /** Most items waiting for the handler. Default 10,000. */
  readonly maxDepth?: number;
  /** Full queue: drop the oldest waiting item (default, keeps the freshest state) or the new one. */
  readonly overflow?: 'drop-oldest' | 'drop-newest';
}

/**
 * A bounded queue between the socket reader and an async handler. `push` never waits and never throws, so a slow
 * handler (a database write, an HTTP call) cannot stall parsing; it only grows this queue, up to `maxDepth`, then
 * items are dropped and counted. Keep the reader fast for a second reason: FreeSWITCH itself queues at most
 * 100,000 events per ESL listener and disconnects a listener that keeps losing events once that queue is full.
 */
export class EslEventQueue<T extends unknown[]> {
  private items: T[] = [];
  private head = 0;
  private draining = false;
  private stopped = false;
  private droppedCount = 0;
  private processedCount = 0;
  private peak = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly maxDepth: number;
  private readonly overflow: 'drop-oldest' | 'drop-newest';

  constructor(
    private readonly handler: (...item: T) => Promise<void> | void,
    private readonly onError: (error: unknown) => void,
    options: EslEventQueueOptions = {},
    private readonly onStop: () => void = () => undefined,
  ) {
    this.maxDepth = Math.max(1, options.maxDepth ?? 10_000);
    this.overflow = options.overflow ?? 'drop-oldest';
  }

  /** Items waiting (not counting the one being handled). */
  get depth(): number {
    return this.items.length - this.head;
  }

  /** Largest depth seen. */
  get peakDepth(): number {
    return this.peak;
  }

  /** Items dropped because the queue was full. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Items the handler finished (successfully or not). */
  get processed(): number {
    return this.processedCount;
  }

  /** Enqueues without waiting; returns false when an item had to be dropped. */
  push(...item: T): boolean {
    if (this.stopped) return false;
    let kept = true;
    if (this.depth >= this.maxDepth) {
      this.droppedCount++;
      kept = false;
      if (this.overflow === 'drop-newest') return false;
      this.head++;
    }
    this.items.push(item);
    this.peak = Math.max(this.peak, this.depth);
    if (!this.draining) {
      this.draining = true;
      // Start on the next turn of the event loop: the handler never runs inside the socket's data callback.
      setImmediate(() => void this.drain());
    }
    return kept;
  }

  /** Resolves once every queued item has been handled. */
  idle(): Promise<void> {
    if (!this.draining && this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops accepting items and forgets those waiting (the one being handled finishes). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.items = [];
    this.head = 0;
    this.onStop();
  }

  private async drain(): Promise<void> {
    let sinceYield = 0;
    while (this.head < this.items.length) {
      if (++sinceYield > 64) {
        // Handlers that resolve at once would otherwise keep the loop in microtasks and starve socket reads.
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      const item = this.items[this.head];
      this.head++;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      try {
        await this.handler(...item);
      } catch (error) {
        // A failing handler must not stop the queue: report and go on with the next item.
        this.onError(error);
      }
      this.processedCount++;
    }
    this.items = [];
    this.head = 0;
    this.draining = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
