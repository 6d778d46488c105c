/** Event names mapped to their listener arguments, e.g. `{ event: [event: EslEvent] }`. */
export type EventMap<T> = { [K in keyof T]: unknown[] };

type Listener<A extends unknown[]> = (...args: A) => void;

/**
 * A small typed emitter. A listener that throws (or returns a rejected promise) is reported to `onListenerError`
 * and never reaches the code that emitted: the socket reader keeps reading whatever listeners do.
 */
export class TypedEmitter<E extends EventMap<E>> {
  private listeners: { [K in keyof E]?: ReadonlyArray<Listener<E[K]>> } = {};

  constructor(private readonly onListenerError: (error: unknown, event: keyof E) => void) {}

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    // Copy on write: emit() iterates the array it started with even if a listener unsubscribes meanwhile.
    this.listeners[event] = [...(this.listeners[event] ?? []), listener];
    return () => this.off(event, listener);
  }

  /** Adds a listener removed after its first call. */
  once<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    const off = this.on(event, (...args: E[K]) => {
      off();
      listener(...args);
    });
    return off;
  }

  off<K extends keyof E>(event: K, listener: Listener<E[K]>): void {
    const current = this.listeners[event];
    if (current) this.listeners[event] = current.filter((candidate) => candidate !== listener);
  }

  listenerCount(event: keyof E): number {
    return this.listeners[event]?.length ?? 0;
  }

  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    const current = this.listeners[event];
    if (current === undefined) return;
    for (const listener of current) {
      try {
        const result: unknown = listener(...args);
        if (result instanceof Promise) result.catch((error: unknown) => this.onListenerError(error, event));
      } catch (error) {
        // Expected only from faulty listeners: report it and go on with the next listener.
        this.onListenerError(error, event);
      }
    }
  }
}
