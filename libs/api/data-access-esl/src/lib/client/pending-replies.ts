import { type EslError, EslProtocolError, EslTimeoutError } from '../errors';
import type { EslMessage } from '../protocol/esl-message';

/** The reply frames a command can get: `api` → api/response, everything else → command/reply. */
export type ReplyMessage = Extract<EslMessage, { type: 'command-reply' | 'api-response' }>;

/** Settles one outstanding command. */
export type ReplyCallback = (outcome: { ok: true; reply: ReplyMessage } | { ok: false; error: EslError }) => void;

interface Pending {
  readonly expects: ReplyMessage['type'];
  readonly description: string;
  callback: ReplyCallback | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Commands written to one socket and not answered yet, oldest first. FreeSWITCH answers each command in the order
 * it read them, so the next reply always belongs to the oldest entry. A timed-out command stays in line (its
 * caller is told at once) so that its late reply is consumed by it and not taken by the next command.
 */
export class PendingReplies {
  private queue: Pending[] = [];
  private head = 0;

  constructor(private readonly nodeId: string) {}

  /** Commands still waiting for a reply, timed-out ones included. */
  get size(): number {
    return this.queue.length - this.head;
  }

  /** Registers a command just written; `callback` gets its reply, a timeout, or the connection's end. */
  add(expects: ReplyMessage['type'], description: string, timeoutMs: number, callback: ReplyCallback): void {
    const pending: Pending = { expects, description, callback, timer: undefined };
    if (timeoutMs > 0) {
      pending.timer = setTimeout(() => {
        pending.timer = undefined;
        const settle = pending.callback;
        pending.callback = undefined;
        settle?.({
          ok: false,
          error: new EslTimeoutError(`no reply to "${description}" within ${timeoutMs} ms`, { nodeId: this.nodeId }),
        });
      }, timeoutMs);
    }
    this.queue.push(pending);
  }

  /**
   * Hands a reply to the oldest command. Returns an error when the reply cannot be matched (nothing outstanding,
   * or a command/reply where an api/response was due): the stream is out of step and the connection should reset.
   */
  resolve(reply: ReplyMessage): EslProtocolError | undefined {
    const pending = this.queue[this.head];
    if (pending === undefined) {
      return new EslProtocolError(`unexpected ${reply.type} with no command outstanding`, { nodeId: this.nodeId });
    }
    this.shift();
    if (pending.timer) clearTimeout(pending.timer);
    const settle = pending.callback;
    pending.callback = undefined;
    if (pending.expects !== reply.type) {
      const error = new EslProtocolError(`"${pending.description}" expected ${pending.expects} but got ${reply.type}`, {
        nodeId: this.nodeId,
      });
      settle?.({ ok: false, error });
      return error;
    }
    settle?.({ ok: true, reply });
    return undefined;
  }

  /** The socket is gone: every outstanding command fails with `error`. */
  rejectAll(error: EslError): void {
    const all = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    for (const pending of all) {
      if (pending.timer) clearTimeout(pending.timer);
      const settle = pending.callback;
      pending.callback = undefined;
      settle?.({ ok: false, error });
    }
  }

  private shift(): void {
    this.head++;
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 256) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
