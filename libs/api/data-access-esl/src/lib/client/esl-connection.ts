import { randomUUID } from 'node:crypto';
import { EslAuthError, EslCommandError, EslConnectionClosedError, type EslError, EslTimeoutError } from '../errors';
import { commandText, type EslCommandInput } from '../esl-command';
import type { EslNode } from '../esl-node';
import type { EslEvent } from '../protocol/esl-event';
import type { EslMessage } from '../protocol/esl-message';
import type { EslParseResult } from '../protocol/esl-parser';
import { Backoff } from './backoff';
import { BackgroundJobs } from './background-jobs';
import {
  consoleEslLogger,
  type EslApiClient,
  type EslConnectionEvents,
  type EslConnectionOptions,
  type EslConnectionState,
  type EslConnectionStats,
  type EslLogger,
  subscriptionCommand,
} from './connection-options';
import { EslEventQueue, type EslEventQueueOptions } from './event-queue';
import { EslSession } from './esl-session';
import { TypedEmitter } from './typed-emitter';

/**
 * One inbound Event Socket connection to one FreeSWITCH node, kept alive for as long as it is started:
 *
 * ```
 * idle ─start()→ connecting → authenticating (auth/request, `auth`) → subscribing (`event plain ...`) → connected
 *                    ↑                                                                                  │
 *          waiting-to-reconnect ←─ socket closed, auth refused, handshake timeout, missed heartbeats ←──┘
 * any ─stop()→ stopped
 * ```
 * Commands are written in order and FreeSWITCH answers in order, so replies are matched first in, first out.
 * Events are delivered synchronously to `on('event')` listeners (which must not block) and, through
 * {@link consume}, to bounded async queues that never hold up the socket reader.
 */
export class EslConnection implements EslApiClient {
  /** Counters for metrics. */
  readonly stats: EslConnectionStats = {
    framesReceived: 0,
    eventsReceived: 0,
    protocolErrors: 0,
    unknownFrames: 0,
    connects: 0,
    listenerErrors: 0,
  };
  private readonly emitter: TypedEmitter<EslConnectionEvents>;
  private readonly logger: EslLogger;
  private readonly backoff: Backoff;
  private readonly jobs: BackgroundJobs;
  private readonly consumers = new Set<EslEventQueue<[EslEvent]>>();
  private readonly where: string;
  private currentState: EslConnectionState = 'idle';
  private session: EslSession | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private everConnected = false;

  constructor(
    readonly node: EslNode,
    private readonly options: EslConnectionOptions = {},
  ) {
    this.logger = options.logger ?? consoleEslLogger;
    this.backoff = new Backoff(options.backoff, options.random);
    this.where = `FreeSWITCH ${node.id}`;
    this.jobs = new BackgroundJobs(this.where, node.id);
    this.emitter = new TypedEmitter((error, event) => {
      this.stats.listenerErrors++;
      this.logger.error(
        `${this.where}: a "${String(event)}" listener threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    });
  }

  get state(): EslConnectionState {
    return this.currentState;
  }

  /** Whether commands can be sent and events are flowing. */
  get isConnected(): boolean {
    return this.currentState === 'connected';
  }

  /** Events waiting in {@link consume} queues, summed. */
  get queueDepth(): number {
    let depth = 0;
    for (const consumer of this.consumers) depth += consumer.depth;
    return depth;
  }

  on<K extends keyof EslConnectionEvents>(event: K, listener: (...args: EslConnectionEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof EslConnectionEvents>(event: K, listener: (...args: EslConnectionEvents[K]) => void): () => void {
    return this.emitter.once(event, listener);
  }

  /** Hands every event to an async handler through a bounded queue; see {@link EslEventQueue}. */
  consume(
    handler: (event: EslEvent) => Promise<void> | void,
    options?: EslEventQueueOptions,
  ): EslEventQueue<[EslEvent]> {
    const onError = (error: unknown): void =>
      this.logger.error(`${this.where}: event handler failed: ${String(error)}`);
    const queue: EslEventQueue<[EslEvent]> = new EslEventQueue(handler, onError, options, () =>
      this.consumers.delete(queue),
    );
    this.consumers.add(queue);
    return queue;
  }

  /** Starts connecting (and reconnecting) in the background; `connected` is emitted each time it succeeds. */
  start(): void {
    if (this.currentState !== 'idle' && this.currentState !== 'stopped') return;
    this.backoff.reset();
    this.openSession();
  }

  /**
   * Tries at once instead of at the end of the backoff wait, which by then may be several seconds (the API learns
   * that a FreeSWITCH it started is listening); the backoff starts again from its first step. No-op unless waiting.
   */
  reconnectNow(): void {
    if (this.currentState !== 'waiting-to-reconnect') return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.backoff.reset();
    this.openSession();
  }

  /** Resolves at the next `connected`, or at once when connected; rejects after `timeoutMs`. */
  waitUntilConnected(timeoutMs = 10_000): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(
          new EslTimeoutError(`${this.where} not connected within ${timeoutMs} ms (state: ${this.currentState})`, {
            nodeId: this.node.id,
          }),
        );
      }, timeoutMs);
      const off = this.emitter.once('connected', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Says `exit`, closes the socket and stops reconnecting; outstanding commands and jobs fail. */
  async stop(): Promise<void> {
    const session = this.session;
    const wasConnected = this.isConnected;
    this.currentState = 'stopped';
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.watchdog);
    const stopped = new EslConnectionClosedError(`${this.where}: connection stopped`, { nodeId: this.node.id });
    this.jobs.rejectAll(stopped);
    if (!session) return;
    session.closeReason ??= stopped;
    if (wasConnected && !session.socket.destroyed) {
      session.write('exit', 'command-reply', 'exit', 1_000, () => undefined);
      setTimeout(() => session.socket.destroy(), 1_000).unref();
    } else {
      session.socket.destroy();
    }
    await session.closed;
  }

  /** Runs `api <command>`; resolves with FreeSWITCH's output (which may itself start with `-ERR`). */
  api(command: EslCommandInput, timeoutMs = this.options.commandTimeoutMs ?? 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const text = commandText(command);
      const session = this.requireConnected();
      session.write(`api ${text}`, 'api-response', `api ${text}`, timeoutMs, (outcome) =>
        outcome.ok ? resolve(outcome.reply.type === 'api-response' ? outcome.reply.body : '') : reject(outcome.error),
      );
    });
  }

  /**
   * Runs `bgapi <command>` with our own Job-UUID and resolves with the body of the matching BACKGROUND_JOB event.
   * The wait survives reconnects (FreeSWITCH sends BACKGROUND_JOB to every subscribed socket) until `timeoutMs`.
   */
  bgapi(command: EslCommandInput, timeoutMs = this.options.bgapiTimeoutMs ?? 120_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const text = commandText(command);
      const session = this.requireConnected();
      const jobUuid = randomUUID();
      this.jobs.add(jobUuid, text, timeoutMs, resolve, reject);
      session.write(
        `bgapi ${text}\nJob-UUID: ${jobUuid}`,
        'command-reply',
        `bgapi ${text}`,
        this.options.commandTimeoutMs ?? 10_000,
        (outcome) => {
          if (!outcome.ok) return this.jobs.fail(jobUuid, outcome.error);
          const reply = outcome.reply;
          if (reply.type !== 'command-reply' || !reply.ok) {
            const replyText = reply.type === 'command-reply' ? reply.replyText : reply.body;
            return this.jobs.fail(
              jobUuid,
              new EslCommandError(`${this.where} refused "bgapi ${text}": ${replyText}`, replyText, {
                nodeId: this.node.id,
              }),
            );
          }
          this.jobs.rename(jobUuid, reply.headers['Job-UUID'] ?? jobUuid);
        },
      );
    });
  }

  private requireConnected(): EslSession {
    if (this.currentState !== 'connected' || this.session === undefined) {
      throw new EslConnectionClosedError(`${this.where} is not connected (state: ${this.currentState})`, {
        nodeId: this.node.id,
      });
    }
    return this.session;
  }

  private openSession(): void {
    this.currentState = 'connecting';
    const handshakeTimeoutMs = this.options.handshakeTimeoutMs ?? 10_000;
    const handshakeTimeout = (): Error =>
      new EslTimeoutError(
        `${this.where}: not connected and subscribed within ${handshakeTimeoutMs} ms (stuck in ${this.currentState})`,
        { nodeId: this.node.id },
      );
    const session: EslSession = new EslSession(
      this.node,
      this.where,
      { maxFrameBytes: this.options.maxFrameBytes, handshakeTimeoutMs, handshakeTimeout },
      {
        onConnect: () => {
          if (this.session === session) this.currentState = 'authenticating';
        },
        onResult: (result) => this.onResult(session, result),
        onClose: () => this.onClose(session),
      },
    );
    this.session = session;
  }

  private onResult(session: EslSession, result: EslParseResult): void {
    if (this.session !== session) return;
    if (!result.ok) {
      this.report(result.error);
      if (result.fatal) session.reset(result.error);
      return;
    }
    this.stats.framesReceived++;
    try {
      this.onMessage(session, result.message);
    } catch (error) {
      // Not expected (listeners are isolated by the emitter); one bad frame must still not kill the reader.
      this.logger.error(`${this.where}: failed to handle a ${result.message.type} frame: ${String(error)}`);
    }
  }

  private onMessage(session: EslSession, message: EslMessage): void {
    switch (message.type) {
      case 'auth-request':
        return this.authenticate(session);
      case 'command-reply':
      case 'api-response': {
        const error = session.replies.resolve(message);
        if (error) {
          this.report(error);
          session.reset(error);
        }
        return;
      }
      case 'event':
        return this.deliver(message.event);
      case 'disconnect-notice':
        this.logger.log(`${this.where} is closing the connection: ${message.body.split('\n')[0] ?? ''}`);
        session.closeReason ??= new EslConnectionClosedError(`${this.where} sent a disconnect notice`, {
          nodeId: this.node.id,
        });
        return;
      case 'log':
        return this.logger.debug(`${this.where} log: ${message.body.trimEnd()}`);
      case 'rude-rejection': {
        const error = new EslAuthError(`${this.where} refused the connection (ACL): ${message.body.trim()}`, {
          nodeId: this.node.id,
        });
        this.report(error);
        return session.reset(error);
      }
      case 'unknown':
        this.stats.unknownFrames++;
        return this.logger.warn(
          `${this.where}: ignoring a frame with unknown Content-Type ${JSON.stringify(message.contentType ?? null)}`,
        );
    }
  }

  private authenticate(session: EslSession): void {
    this.currentState = 'authenticating';
    const subscription = subscriptionCommand(this.options.format ?? 'plain');
    const onAuthenticated = (): void => {
      if (this.session === session) this.currentState = 'subscribing';
    };
    session.authenticate(subscription, this.options.commandTimeoutMs ?? 10_000, onAuthenticated, (error) => {
      if (error !== undefined) {
        if (error.name !== 'EslConnectionClosedError') this.report(error);
        return session.reset(error);
      }
      this.currentState = 'connected';
      this.backoff.reset();
      this.stats.connects++;
      this.armWatchdog(session);
      const reconnect = this.everConnected;
      this.everConnected = true;
      this.logger.log(
        `connected to ${this.where} (${this.node.host}:${this.node.port})${reconnect ? ' again; resynchronise' : ''}`,
      );
      this.emitter.emit('connected', { nodeId: this.node.id, reconnect });
    });
  }

  private deliver(event: EslEvent): void {
    this.stats.eventsReceived++;
    if (event.name === 'HEARTBEAT' && this.session) this.armWatchdog(this.session);
    else if (event.name === 'BACKGROUND_JOB') this.jobs.finish(event);
    this.emitter.emit('event', event);
    for (const consumer of this.consumers) consumer.push(event);
  }

  private armWatchdog(session: EslSession): void {
    const interval = this.options.heartbeatIntervalMs ?? 20_000;
    const missed = this.options.missedHeartbeats ?? 3;
    if (interval <= 0) return;
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      const error = new EslTimeoutError(
        `${this.where}: no HEARTBEAT for ${interval * missed} ms (${missed} × ${interval} ms); presuming the socket dead`,
        { nodeId: this.node.id },
      );
      this.report(error);
      session.reset(error);
    }, interval * missed);
  }

  private report(error: EslError): void {
    if (error.name === 'EslProtocolError') this.stats.protocolErrors++;
    this.logger.warn(error.message);
    this.emitter.emit('error', error);
  }

  private onClose(session: EslSession): void {
    if (this.session !== session) return;
    this.session = undefined;
    clearTimeout(this.watchdog);
    for (const result of session.parser.end()) if (!result.ok) this.report(result.error);
    const reason =
      session.closeReason ??
      new EslConnectionClosedError(`${this.where} closed the connection`, { nodeId: this.node.id });
    const closedError =
      reason instanceof EslConnectionClosedError
        ? reason
        : new EslConnectionClosedError(`${this.where}: ${reason.message}`, { cause: reason, nodeId: this.node.id });
    session.replies.rejectAll(closedError);
    if (this.currentState === 'stopped') {
      this.emitter.emit('disconnected', {
        nodeId: this.node.id,
        wasConnected: session.wasConnected,
        reason,
        reconnectInMs: undefined,
      });
      return;
    }
    const delay = this.backoff.next();
    this.currentState = 'waiting-to-reconnect';
    const attempt = `attempt ${this.backoff.attempts}`;
    if (reason instanceof EslAuthError) {
      this.logger.error(
        `${this.where} (${this.node.host}:${this.node.port}) rejected authentication: ${reason.message}; check the ESL password; retrying in ${delay} ms (${attempt})`,
      );
    } else {
      this.logger.warn(
        `${this.where} (${this.node.host}:${this.node.port}) disconnected: ${reason.message}; reconnecting in ${delay} ms (${attempt})`,
      );
    }
    this.emitter.emit('disconnected', {
      nodeId: this.node.id,
      wasConnected: session.wasConnected,
      reason,
      reconnectInMs: delay,
    });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.currentState === 'waiting-to-reconnect') this.openSession();
    }, delay);
  }
}
