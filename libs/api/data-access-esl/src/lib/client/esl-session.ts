import { connect, type Socket } from 'node:net';
import { EslAuthError, EslConnectionClosedError, type EslError, EslProtocolError } from '../errors';
import type { EslNode } from '../esl-node';
import { EslParser, type EslParseResult } from '../protocol/esl-parser';
import { PendingReplies, type ReplyCallback, type ReplyMessage } from './pending-replies';

/** What a session tells its connection. */
export interface EslSessionHandlers {
  /** TCP connected (auth/request is next). */
  onConnect(): void;
  /** One parsed frame or parse error; not called any more once the session is closing. */
  onResult(result: EslParseResult): void;
  onClose(): void;
}

/**
 * One TCP socket to FreeSWITCH and what belongs to it alone: its parser, its outstanding commands, the reason it
 * is closing. A reconnect makes a new session, so nothing from an old socket can answer a new command.
 */
export class EslSession {
  readonly socket: Socket;
  readonly parser: EslParser;
  readonly replies: PendingReplies;
  /** Resolves once the socket has closed. */
  readonly closed: Promise<void>;
  /** Why the session is ending (set before the socket closes when we close it). */
  closeReason: Error | undefined;
  /** Whether the handshake completed (events were flowing). */
  wasConnected = false;
  private readonly handshakeTimer: NodeJS.Timeout;

  constructor(
    private readonly node: EslNode,
    private readonly where: string,
    options: {
      readonly maxFrameBytes: number | undefined;
      readonly handshakeTimeoutMs: number;
      readonly handshakeTimeout: () => Error;
    },
    handlers: EslSessionHandlers,
  ) {
    this.socket = connect({ host: node.host, port: node.port });
    this.socket.setNoDelay(true);
    this.socket.setKeepAlive(true, 15_000);
    this.parser = new EslParser({ maxFrameBytes: options.maxFrameBytes });
    this.replies = new PendingReplies(node.id);
    this.closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.handshakeTimer = setTimeout(() => this.reset(options.handshakeTimeout()), options.handshakeTimeoutMs);
    this.socket.on('connect', () => handlers.onConnect());
    this.socket.on('data', (chunk: Buffer) => {
      for (const result of this.parser.push(chunk)) {
        if (this.closeReason !== undefined) return;
        handlers.onResult(result);
      }
    });
    this.socket.on('error', (error) => {
      this.closeReason ??= new EslConnectionClosedError(`${where}: ${error.message}`, {
        cause: error,
        nodeId: node.id,
      });
    });
    this.socket.on('close', () => {
      clearTimeout(this.handshakeTimer);
      handlers.onClose();
    });
  }

  /** Writes a command and registers who gets its reply. */
  write(
    text: string,
    expects: ReplyMessage['type'],
    description: string,
    timeoutMs: number,
    callback: ReplyCallback,
  ): void {
    this.replies.add(expects, description, timeoutMs, callback);
    this.socket.write(`${text}\n\n`);
  }

  /** Closes the socket now; `reason` is what the connection reports. */
  reset(reason: Error): void {
    this.closeReason ??= reason;
    this.socket.destroy();
  }

  /**
   * Answers auth/request with `auth`, then subscribes. `done` gets undefined once subscribed, or the error:
   * {@link EslAuthError} for a refused password, {@link EslProtocolError} for a refused subscription.
   */
  authenticate(
    subscription: string,
    timeoutMs: number,
    onAuthenticated: () => void,
    done: (error: EslError | undefined) => void,
  ): void {
    this.write(`auth ${this.node.password}`, 'command-reply', 'auth', timeoutMs, (outcome) => {
      if (!outcome.ok) return done(outcome.error);
      if (outcome.reply.type !== 'command-reply' || !outcome.reply.ok) {
        const replyText = outcome.reply.type === 'command-reply' ? outcome.reply.replyText : outcome.reply.body;
        return done(new EslAuthError(`${this.where} refused the password (${replyText})`, { nodeId: this.node.id }));
      }
      onAuthenticated();
      this.write(subscription, 'command-reply', 'event subscription', timeoutMs, (subscribed) => {
        if (!subscribed.ok) return done(subscribed.error);
        if (subscribed.reply.type !== 'command-reply' || !subscribed.reply.ok) {
          const replyText =
            subscribed.reply.type === 'command-reply' ? subscribed.reply.replyText : subscribed.reply.body;
          return done(
            new EslProtocolError(`${this.where} refused the event subscription (${replyText})`, {
              nodeId: this.node.id,
            }),
          );
        }
        clearTimeout(this.handshakeTimer);
        this.wasConnected = true;
        done(undefined);
      });
    });
  }
}
