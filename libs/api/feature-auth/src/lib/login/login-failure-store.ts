/** A failure counter to read: its key and the count at which it holds its key back. */
export interface LimitedCounter {
  readonly key: string;
  readonly limit: number;
}

/** One failed login to remember. */
export interface FailureRecord {
  /** Counters to add one to; a counter's window of `windowMs` starts with its first failure (fixed windows). */
  readonly counters: readonly string[];
  readonly windowMs: number;
  /** Sets to add a member to; a set's window of `setWindowMs` starts with its first member. */
  readonly sets: readonly { readonly key: string; readonly member: string }[];
  readonly setWindowMs: number;
  /** Members a set holds at most: beyond it, it stops growing (memory stays bounded whatever the traffic). */
  readonly setCap: number;
}

/**
 * Where login failures are remembered: in this process ({@link MemoryLoginFailureStore}), or in Redis so that every
 * API replica sees every replica's failures ({@link RedisLoginFailureStore}). The policy (what counts, limits,
 * spraying) lives in LoginLimiter; a store only counts, collects and blocks, each operation atomic.
 */
export interface LoginFailureStore {
  /**
   * Milliseconds each counter's key must wait (until its window ends, once its count reached its limit; else 0),
   * and milliseconds left on the block `block` (0 when none).
   */
  waits(counters: readonly LimitedCounter[], block: string): Promise<{ blockMs: number; counterMs: number[] }>;
  /** Remembers one failure; resolves with the size of each set afterwards, in the order given. */
  record(failure: FailureRecord): Promise<number[]>;
  /**
   * Blocks `key` for `ms` unless it is blocked already, and makes `sets` end with the block (a blocked spray starts
   * afresh after it). Resolves with whether this call set the block, so a spray is reported once.
   */
  block(key: string, ms: number, sets: readonly string[]): Promise<boolean>;
  /** Forgets a counter (a success clears the account's failures). */
  clear(key: string): Promise<void>;
}

/** Injection token of the LoginFailureStore in use. */
export const LOGIN_FAILURE_STORE = Symbol('LOGIN_FAILURE_STORE');
