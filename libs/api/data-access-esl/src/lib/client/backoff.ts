/** Reconnect delays: capped exponential growth with jitter. */
export interface BackoffOptions {
  /** First delay. Default 500 ms. */
  readonly initialMs?: number;
  /**
   * Largest delay. Default 5 s: FreeSWITCH is a peer on the same network, and every second the API is not connected
   * after it comes back is a second of calls nobody sees on the floor; a few replicas knocking every 5 s cost nothing.
   */
  readonly maxMs?: number;
  /** Growth per failed attempt. Default 2. */
  readonly factor?: number;
  /** Share of each delay that is random (0-1). Default 0.5: delay in [base/2, base]. */
  readonly jitter?: number;
}

/**
 * Delay before reconnect attempt n: `min(max, initial * factor^n)`, of which `jitter` is random so that several
 * API instances do not reconnect to a restarted FreeSWITCH in lockstep.
 */
export class Backoff {
  private attempt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;

  constructor(
    options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = Math.max(options.maxMs ?? 5_000, this.initialMs);
    this.factor = options.factor ?? 2;
    this.jitter = Math.min(Math.max(options.jitter ?? 0.5, 0), 1);
  }

  /** Failed attempts since the last {@link reset}. */
  get attempts(): number {
    return this.attempt;
  }

  /** The next delay in milliseconds; each call counts one more failed attempt. */
  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * this.factor ** this.attempt);
    this.attempt++;
    return Math.round(base * (1 - this.jitter) + base * this.jitter * this.random());
  }

  /** A connection succeeded: start again from the initial delay. */
  reset(): void {
    this.attempt = 0;
  }
}
