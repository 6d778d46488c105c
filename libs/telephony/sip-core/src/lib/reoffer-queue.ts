import { RenegotiationError } from './errors';
import type { JsSipResponse, JsSipSession } from './jssip-adapter';

/** Timing and randomness of the queue (test seams). */
export interface ReofferQueueOptions {
  /** Whether we sent the dialog's initial INVITE (RFC 3261 §14.1 picks the 491 backoff range by it). */
  readonly ownsCallId: boolean;
  /** Send UPDATE instead of re-INVITE. */
  readonly useUpdate?: boolean;
  /** Attempts in total before giving up on 491/422 (default 4). */
  readonly maxAttempts?: number;
  /** Longest wait for a pending incoming re-INVITE to finish (default 5000 ms). */
  readonly readyTimeoutMs?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** One re-offer: what to change on the session before sending, and how to undo it if the offer fails. */
export interface ReofferTask {
  readonly label: string;
  /** Whether the change is still needed when the task's turn comes (e.g. already on hold → no re-INVITE). */
  readonly isNeeded: () => boolean;
  readonly apply: () => void;
  readonly revert: () => void;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * RFC 3261 §14.1 backoff after a 491: the Call-ID owner waits 2.1–4 s, the other side 0–2 s (10 ms steps),
 * so two glaring UAs retry at different moments.
 */
export function glareBackoffMs(ownsCallId: boolean, random: () => number): number {
  const steps = Math.floor(random() * (ownsCallId ? 190 : 200));
  return ownsCallId ? 2100 + steps * 10 : steps * 10;
}

/** The Min-SE of a 422 response, if present and sane. */
export function minSessionExpires(response: JsSipResponse): number | undefined {
  const value = Number.parseInt(response.getHeader('Min-SE') ?? '', 10);
  return Number.isFinite(value) && value >= 90 ? value : undefined;
}

/**
 * Serialises the re-INVITEs (or UPDATEs) of one call: hold, unhold, target refresh. Only one offer is in
 * flight at a time, so JsSIP never reports "another INVITE transaction in progress". JsSIP's dialog layer
 * re-sends a re-INVITE once, 1 s after a first 491; a further 491 reaches this queue, which retries after the
 * RFC 3261 §14.1 backoff. A 422 is retried with the server's Min-SE. A final failure reverts the change and rejects with
 * `RenegotiationError`; unlike JsSIP's own hold(), the call stays up.
 */
export class ReofferQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly session: () => JsSipSession,
    private readonly options: ReofferQueueOptions,
  ) {
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Queues a task; resolves when its offer was answered with 2xx (or it was not needed). */
  enqueue(task: ReofferTask): Promise<void> {
    const run = this.tail.then(() => this.run(task));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Stops queued tasks from sending (the call ended). */
  close(): void {
    this.closed = true;
  }

  private async run(task: ReofferTask): Promise<void> {
    if (this.closed || !task.isNeeded()) return;
    const maxAttempts = this.options.maxAttempts ?? 4;
    task.apply();
    for (let attempt = 1; ; attempt += 1) {
      await this.waitUntilReady(task);
      const response = await this.sendOnce();
      if (response === 'ok') return;
      const status = response?.status_code;
      const retryable =
        status === 491 || (status === 422 && response !== undefined && this.raiseSessionExpires(response));
      if (!retryable || attempt >= maxAttempts || this.closed) {
        task.revert();
        throw new RenegotiationError(`${task.label} failed${status ? ` with ${status}` : ''}`, status);
      }
      if (status === 491) await this.sleep(glareBackoffMs(this.options.ownsCallId, this.random));
    }
  }

  private sendOnce(): Promise<'ok' | JsSipResponse | undefined> {
    return new Promise((resolve) => {
      const eventHandlers = {
        succeeded: () => resolve('ok' as const),
        failed: (response?: JsSipResponse) => resolve(response),
      };
      const session = this.session();
      if (this.options.useUpdate) session._sendUpdate({ sdpOffer: true, eventHandlers });
      else session._sendReinvite({ eventHandlers });
    });
  }

  private async waitUntilReady(task: ReofferTask): Promise<void> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 5000);
    while (!this.session().isReadyToReOffer()) {
      if (this.closed || Date.now() > deadline) {
        task.revert();
        throw new RenegotiationError(`${task.label} failed: the call is not ready for a new offer`);
      }
      await this.sleep(50);
    }
  }

  private raiseSessionExpires(response: JsSipResponse): boolean {
    const minSe = minSessionExpires(response);
    if (minSe === undefined) return false;
    const timers = this.session()._sessionTimers;
    timers.defaultExpires = minSe;
    timers.currentExpires = minSe;
    // JsSIP adds Session-Expires to re-INVITEs only while timers run; the retry must carry the new value.
    timers.running = true;
    return true;
  }
}
