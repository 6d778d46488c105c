import type { FailureRecord, LimitedCounter, LoginFailureStore } from './login-failure-store';

/**
 * The shared store (Redis) while it answers, this process's own otherwise. Fails safe: when Redis is unreachable,
 * the limits go on per replica (an attacker spreading tries over N replicas gets up to N times the tries until Redis
 * is back), never "everyone locked out" and never a 500. Every failure is also written to the local store, so the
 * fallback starts from what this replica saw rather than from nothing; what it counts during an outage is not copied
 * to Redis afterwards (the windows are short).
 */
export class FallbackLoginFailureStore implements LoginFailureStore {
  private sharedDown = false;

  constructor(
    private readonly shared: LoginFailureStore,
    private readonly local: LoginFailureStore,
    /** Told when the shared store stops or starts answering (for the log). */
    private readonly onChange: (sharedUp: boolean, error?: unknown) => void = () => undefined,
  ) {}

  /** Whether the last operation had to use the local store. */
  get degraded(): boolean {
    return this.sharedDown;
  }

  waits(counters: readonly LimitedCounter[], block: string): Promise<{ blockMs: number; counterMs: number[] }> {
    return this.either((store) => store.waits(counters, block), false);
  }

  record(failure: FailureRecord): Promise<number[]> {
    return this.either((store) => store.record(failure), true);
  }

  block(key: string, ms: number, sets: readonly string[]): Promise<boolean> {
    return this.either((store) => store.block(key, ms, sets), true);
  }

  clear(key: string): Promise<void> {
    return this.either((store) => store.clear(key), true);
  }

  /** The shared store's answer, or the local one's when it fails; `mirror`: the local store is written either way. */
  private async either<T>(operation: (store: LoginFailureStore) => Promise<T>, mirror: boolean): Promise<T> {
    const local = mirror ? operation(this.local) : undefined;
    try {
      const answer = await operation(this.shared);
      await local;
      this.note(true);
      return answer;
    } catch (error) {
      // Expected: LoginStoreUnavailableError (Redis down or slow). Anything else is a bug, but a login must still
      // be answered, so it is treated the same way and logged.
      this.note(false, error);
      return local ?? operation(this.local);
    }
  }

  private note(sharedUp: boolean, error?: unknown): void {
    if (this.sharedDown !== sharedUp) return;
    this.sharedDown = !sharedUp;
    this.onChange(sharedUp, error);
  }
}
