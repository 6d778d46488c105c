/** Computes the current value for a key; undefined = nothing to send (the key vanished). */
export type CoalescerCompute<T> = (key: string) => T | undefined;

/** Options of a {@link Coalescer}. */
export interface CoalescerOptions<T> {
  /** Smallest time between two emits of one key. */
  intervalMs: number;
  compute: CoalescerCompute<T>;
  emit: (key: string, value: T) => void;
  /** Whether two values are the same (default: equal JSON), so an unchanged value is not sent again. */
  same?: (a: T, b: T) => boolean;
}

/**
 * Turns a storm of "key changed" marks into at most one emit per key per interval, and only when the computed value
 * differs from the last one sent. The first mark of a quiet key is sent on the next tick (within `intervalMs`), the
 * value is computed at send time, so the last value of a burst is always the one that goes out.
 */
export class Coalescer<T> {
  private readonly dirty = new Set<string>();
  private readonly sent = new Map<string, T>();
  private timer: NodeJS.Timeout | undefined;
  private readonly same: (a: T, b: T) => boolean;

  constructor(private readonly options: CoalescerOptions<T>) {
    this.same = options.same ?? ((a, b) => JSON.stringify(a) === JSON.stringify(b));
  }

  /** Notes that `key` may have changed. */
  mark(key: string): void {
    this.dirty.add(key);
    this.timer ??= setTimeout(() => this.flush(), this.options.intervalMs);
  }

  /** The last value sent for `key`, if any. */
  lastSent(key: string): T | undefined {
    return this.sent.get(key);
  }

  /** Sends every dirty key now (also what the timer does). */
  flush(): void {
    this.timer = undefined;
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const key of keys) {
      const value = this.options.compute(key);
      if (value === undefined) {
        this.sent.delete(key);
        continue;
      }
      const previous = this.sent.get(key);
      if (previous !== undefined && this.same(previous, value)) continue;
      this.sent.set(key, value);
      this.options.emit(key, value);
    }
  }

  /** Stops the timer; pending marks are dropped. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty.clear();
  }
}
