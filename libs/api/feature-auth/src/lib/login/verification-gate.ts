import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { ServerBusyError } from '@switchboard/api/util-http';

/** Waiting verifications always allowed per running one, however slow checks are measured to be. */
export const QUEUE_PER_SLOT = 16;
/** Waiting verifications never allowed beyond, per slot: each holds an open request (bounded memory and sockets). */
export const MAX_QUEUE_PER_SLOT = 1_000;
/** First guess of one verification's duration, until checks are measured (OWASP-parameter argon2id on one core). */
const FIRST_ESTIMATE_MS = 100;

interface Waiter {
  readonly start: () => void;
}

/**
 * A server-wide cap on concurrent password verifications. argon2 is CPU- and memory-hard by design: unbounded, a
 * burst of logins (or of guesses) queues on libuv's thread pool until every login times out, and starves the rest
 * of the API. Up to `loginConcurrentVerifications` run at once; a queue waits behind them, served in turn per
 * client address, so one address's burst cannot make another's login wait behind all of it, and one address holds
 * at most half the queue. The queue is bounded by time, not by count: it admits as many as the slots can check within
 * `loginQueueWaitSeconds` at the measured pace (at least {@link QUEUE_PER_SLOT} per slot). A count alone either
 * turns a floor's 9:00 burst into rounds of 429s that leave the cores idle between retries, or lets slow checks
 * wait past a browser's patience. Beyond: 429 `ServerBusy` with a Retry-After estimated from the same measurement
 * (the console retries then by itself).
 */
@Injectable()
export class VerificationGate {
  private running = 0;
  private waiting = 0;
  /** Waiters per address; Map order is the round-robin order. */
  private readonly queues = new Map<string, Waiter[]>();
  /** Moving average of one verification's duration: the queue's bound and Retry-After come from it. */
  private averageMs = FIRST_ESTIMATE_MS;
  readonly slots: number;
  private readonly maxWaitMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.slots = config.auth.loginConcurrentVerifications;
    this.maxWaitMs = config.auth.loginQueueWaitSeconds * 1000;
  }

  /** Verifications that may wait now: what the slots check within the allowed wait at the measured pace. */
  get queueLimit(): number {
    const perSlot = Math.floor(this.maxWaitMs / Math.max(1, this.averageMs));
    return this.slots * Math.min(MAX_QUEUE_PER_SLOT, Math.max(QUEUE_PER_SLOT, perSlot));
  }

  /** Runs `verify` when a slot is free; throws ServerBusyError (a 429) at once when the queue is full. */
  async run<T>(address: string, verify: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots) await this.enqueue(address);
    else this.running++;
    const started = performance.now();
    try {
      return await verify();
    } finally {
      this.averageMs = this.averageMs * 0.8 + (performance.now() - started) * 0.2;
      this.release();
    }
  }

  private enqueue(address: string): Promise<void> {
    const queue = this.queues.get(address) ?? [];
    // One address may hold at most half the queue, so a burst from it cannot shut every other address out.
    const limit = this.queueLimit;
    if (this.waiting >= limit || queue.length >= Math.ceil(limit / 2)) {
      const seconds = ((this.waiting / this.slots) * this.averageMs) / 1000;
      throw new ServerBusyError('The server is busy checking other sign-ins: try again shortly.', seconds);
    }
    this.waiting++;
    return new Promise<void>((resolve) => {
      queue.push({ start: resolve });
      this.queues.set(address, queue);
    });
  }

  /** Hands the slot to the next address in turn (the slot stays taken), or frees it. */
  private release(): void {
    const next = this.queues.entries().next();
    if (next.done) {
      this.running--;
      return;
    }
    const [address, queue] = next.value;
    const waiter = queue.shift();
    // Re-inserting moves the address to the back of the round.
    this.queues.delete(address);
    if (queue.length > 0) this.queues.set(address, queue);
    this.waiting--;
    waiter?.start();
  }
}
