import type { FailureRecord, LimitedCounter, LoginFailureStore } from './login-failure-store';

/** Keys remembered at most per kind; past it, expired entries go first (memory stays bounded whatever the traffic). */
export const MAX_KEYS = 100_000;

/** A Map whose entries end at `resetAt`, bounded to {@link MAX_KEYS}. */
class ExpiringMap<V extends { resetAt: number }> {
  private readonly entries = new Map<string, V>();

  /** The live entry of `key`, if any. */
  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    return entry && entry.resetAt > now ? entry : undefined;
  }

  set(key: string, value: V, now: number): void {
    if (!this.entries.has(key) && this.entries.size >= MAX_KEYS) this.prune(now);
    this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) if (entry.resetAt <= now) this.entries.delete(key);
    // Still full of live entries (a flood of distinct keys): the oldest go, as the Map keeps insertion order.
    for (const key of this.entries.keys()) {
      if (this.entries.size < MAX_KEYS) break;
      this.entries.delete(key);
    }
  }
}

/**
 * Login failures remembered in this process: for one API process, or as each replica's own fallback while Redis is
 * unreachable. A restart forgets them, which only ever favours the user.
 */
export class MemoryLoginFailureStore implements LoginFailureStore {
  private readonly counters = new ExpiringMap<{ count: number; resetAt: number }>();
  private readonly sets = new ExpiringMap<{ members: Set<string>; resetAt: number }>();
  private readonly blocks = new ExpiringMap<{ resetAt: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  waits(counters: readonly LimitedCounter[], block: string): Promise<{ blockMs: number; counterMs: number[] }> {
    const now = this.clock();
    const blocked = this.blocks.get(block, now);
    const counterMs = counters.map(({ key, limit }) => {
      const window = this.counters.get(key, now);
      return window && window.count >= limit ? window.resetAt - now : 0;
    });
    return Promise.resolve({ blockMs: blocked ? blocked.resetAt - now : 0, counterMs });
  }

  record(failure: FailureRecord): Promise<number[]> {
    const now = this.clock();
    for (const key of failure.counters) {
      const window = this.counters.get(key, now);
      if (window) window.count++;
      else this.counters.set(key, { count: 1, resetAt: now + failure.windowMs }, now);
    }
    const sizes = failure.sets.map(({ key, member }) => {
      let set = this.sets.get(key, now);
      if (!set) {
        set = { members: new Set(), resetAt: now + failure.setWindowMs };
        this.sets.set(key, set, now);
      }
      if (set.members.size < failure.setCap) set.members.add(member);
      return set.members.size;
    });
    return Promise.resolve(sizes);
  }

  block(key: string, ms: number, sets: readonly string[]): Promise<boolean> {
    const now = this.clock();
    if (this.blocks.get(key, now)) return Promise.resolve(false);
    this.blocks.set(key, { resetAt: now + ms }, now);
    for (const set of sets) {
      const entry = this.sets.get(set, now);
      if (entry) entry.resetAt = now + ms;
    }
    return Promise.resolve(true);
  }

  clear(key: string): Promise<void> {
    this.counters.delete(key);
    return Promise.resolve();
  }
}
