import { EslConnectionClosedError, type EslError } from '../errors';
import type { EslCommandInput } from '../esl-command';
import type { EslNode } from '../esl-node';
import type { EslEvent } from '../protocol/esl-event';
import {
  consoleEslLogger,
  type EslConnectedInfo,
  type EslConnectionOptions,
  type EslDisconnectedInfo,
  type EslLogger,
} from './connection-options';
import { EslConnection } from './esl-connection';
import { EslEventQueue, type EslEventQueueOptions } from './event-queue';
import { TypedEmitter } from './typed-emitter';

/** Events of an {@link EslCluster}: those of every node, with the node named. */
export interface EslClusterEvents {
  connected: [info: EslConnectedInfo];
  disconnected: [info: EslDisconnectedInfo];
  event: [event: EslEvent, nodeId: string];
  error: [error: EslError, nodeId: string];
}

/** One {@link EslConnection} per FreeSWITCH node, started and stopped together, events merged. */
export class EslCluster {
  private readonly connections = new Map<string, EslConnection>();
  private readonly emitter: TypedEmitter<EslClusterEvents>;
  private readonly logger: EslLogger;

  constructor(nodes: readonly EslNode[], options: EslConnectionOptions = {}) {
    const logger = (this.logger = options.logger ?? consoleEslLogger);
    this.emitter = new TypedEmitter((error, event) =>
      logger.error(`ESL cluster: a "${String(event)}" listener threw: ${String(error)}`),
    );
    for (const node of nodes) {
      if (this.connections.has(node.id)) throw new Error(`ESL node id ${node.id} is configured twice`);
      const connection = new EslConnection(node, options);
      connection.on('connected', (info) => this.emitter.emit('connected', info));
      connection.on('disconnected', (info) => this.emitter.emit('disconnected', info));
      connection.on('event', (event) => this.emitter.emit('event', event, node.id));
      connection.on('error', (error) => this.emitter.emit('error', error, node.id));
      this.connections.set(node.id, connection);
    }
  }

  /** Configured node ids, in configuration order. */
  get nodeIds(): string[] {
    return [...this.connections.keys()];
  }

  /** The connection of one node; throws for an unknown id. */
  node(nodeId: string): EslConnection {
    const connection = this.connections.get(nodeId);
    if (!connection)
      throw new EslConnectionClosedError(
        `no ESL node ${JSON.stringify(nodeId)} (configured: ${this.nodeIds.join(', ') || 'none'})`,
        { nodeId },
      );
    return connection;
  }

  on<K extends keyof EslClusterEvents>(event: K, listener: (...args: EslClusterEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof EslClusterEvents>(event: K, listener: (...args: EslClusterEvents[K]) => void): () => void {
    return this.emitter.once(event, listener);
  }

  /** Events of every node through one bounded async queue (see {@link EslEventQueue}). */
  consume(
    handler: (event: EslEvent, nodeId: string) => Promise<void> | void,
    options?: EslEventQueueOptions,
  ): EslEventQueue<[EslEvent, string]> {
    const queue = new EslEventQueue<[EslEvent, string]>(
      handler,
      (error) => this.logger.error(`ESL cluster: event handler failed: ${String(error)}`),
      options,
      () => off(),
    );
    const off = this.emitter.on('event', (event, nodeId) => void queue.push(event, nodeId));
    return queue;
  }

  start(): void {
    for (const connection of this.connections.values()) connection.start();
  }

  /** See {@link EslConnection.reconnectNow}. */
  reconnectNow(nodeId: string): void {
    this.node(nodeId).reconnectNow();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.connections.values()].map((connection) => connection.stop()));
  }

  /** With a node id: whether that node is connected. Without: whether every configured node is (false for none). */
  isConnected(nodeId?: string): boolean {
    if (nodeId !== undefined) return this.node(nodeId).isConnected;
    return this.connections.size > 0 && [...this.connections.values()].every((connection) => connection.isConnected);
  }

  /** Runs `api` on the given node, or on the first connected node in configuration order. */
  api(command: EslCommandInput, nodeId?: string): Promise<string> {
    return this.pick(nodeId).then((connection) => connection.api(command));
  }

  /** Runs `bgapi` on the given node, or on the first connected node in configuration order. */
  bgapi(command: EslCommandInput, nodeId?: string): Promise<string> {
    return this.pick(nodeId).then((connection) => connection.bgapi(command));
  }

  private pick(nodeId: string | undefined): Promise<EslConnection> {
    try {
      if (nodeId !== undefined) return Promise.resolve(this.node(nodeId));
      const connected = [...this.connections.values()].find((connection) => connection.isConnected);
      if (!connected)
        throw new EslConnectionClosedError(
          `no FreeSWITCH node is connected (configured: ${this.nodeIds.join(', ') || 'none'})`,
        );
      return Promise.resolve(connected);
    } catch (error) {
      // node() and the lookup throw synchronously; callers get a rejected promise like for any other failure.
      return Promise.reject(error as Error);
    }
  }
}
