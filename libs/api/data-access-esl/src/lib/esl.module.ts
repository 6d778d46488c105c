import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { EslConnectionOptions } from './client/connection-options';
import { type EslClusterEvents, EslCluster } from './client/esl-cluster';
import type { EslEventQueue, EslEventQueueOptions } from './client/event-queue';
import { EslNotConfiguredError } from './errors';
import type { EslCommandInput } from './esl-command';
import type { EslNode } from './esl-node';
import type { EslEvent } from './protocol/esl-event';
import { StatusEchoes } from './status-echoes';

/** Injection token of the FreeSWITCH nodes (parsed with `parseEslUrls`). */
export const ESL_NODES = Symbol('ESL_NODES');
/** Injection token of the {@link EslConnectionOptions}. */
export const ESL_OPTIONS = Symbol('ESL_OPTIONS');

/**
 * The API's door to FreeSWITCH: one connection per configured node, opened once the application has started
 * (without holding up the boot: FreeSWITCH may come later, the client keeps retrying) and closed when it stops.
 * Opening only at `onApplicationBootstrap` means every listener added in an `onModuleInit` sees the first event. With no node
 * configured it still exists, reports not connected and rejects commands with {@link EslNotConfiguredError}.
 */
@Injectable()
export class EslService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly cluster: EslCluster | undefined;
  private readonly logger = new Logger('Esl');
  /** Agent status changes sent and not yet announced back by mod_callcenter (see {@link StatusEchoes}). */
  readonly statusEchoes = new StatusEchoes();

  constructor(@Inject(ESL_NODES) nodes: readonly EslNode[], @Inject(ESL_OPTIONS) options: EslConnectionOptions) {
    this.cluster =
      nodes.length === 0 ? undefined : new EslCluster(nodes, { ...options, logger: options.logger ?? this.logger });
  }

  /** Whether any FreeSWITCH node is configured. */
  get configured(): boolean {
    return this.cluster !== undefined;
  }

  /** Configured node ids. */
  get nodeIds(): string[] {
    return this.cluster?.nodeIds ?? [];
  }

  onApplicationBootstrap(): void {
    if (!this.cluster) return this.logger.log('no FreeSWITCH node configured (FREESWITCH_ESL is empty); ESL disabled');
    this.logger.log(
      `connecting to ${this.cluster.nodeIds.length} FreeSWITCH node(s): ${this.cluster.nodeIds.join(', ')}`,
    );
    this.cluster.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.cluster?.stop();
  }

  /** With a node id: whether that node is connected; without: whether every configured node is (false for none). */
  isConnected(nodeId?: string): boolean {
    return this.cluster?.isConnected(nodeId) ?? false;
  }

  /** Connects to `nodeId` now if it is waiting out a reconnect backoff (a FreeSWITCH the API started is up). */
  reconnectNow(nodeId: string): void {
    this.cluster?.reconnectNow(nodeId);
  }

  /** Runs an API command on `nodeId`, or on the first connected node; resolves with FreeSWITCH's output. */
  api(command: EslCommandInput, nodeId?: string): Promise<string> {
    if (this.cluster) this.statusEchoes.noteSent(command);
    return this.cluster ? this.cluster.api(command, nodeId) : Promise.reject(this.notConfigured());
  }

  /** Runs a background API command; resolves with the BACKGROUND_JOB result. */
  bgapi(command: EslCommandInput, nodeId?: string): Promise<string> {
    if (this.cluster) this.statusEchoes.noteSent(command);
    return this.cluster ? this.cluster.bgapi(command, nodeId) : Promise.reject(this.notConfigured());
  }

  /** Listens to every node (`connected` is the moment to resynchronise). Returns a function that stops listening. */
  on<K extends keyof EslClusterEvents>(event: K, listener: (...args: EslClusterEvents[K]) => void): () => void {
    return this.cluster ? this.cluster.on(event, listener) : () => undefined;
  }

  /** Events of every node through a bounded async queue; undefined when no node is configured. */
  consume(
    handler: (event: EslEvent, nodeId: string) => Promise<void> | void,
    options?: EslEventQueueOptions,
  ): EslEventQueue<[EslEvent, string]> | undefined {
    return this.cluster?.consume(handler, options);
  }

  private notConfigured(): EslNotConfiguredError {
    return new EslNotConfiguredError('no FreeSWITCH node is configured (set FREESWITCH_ESL=esl://:PASSWORD@HOST:PORT)');
  }
}

/** Provides {@link EslService} everywhere: `EslModule.forRoot(parseEslUrls(config.freeswitch.esl), options)`. */
@Global()
@Module({})
export class EslModule {
  static forRoot(nodes: readonly EslNode[], options: EslConnectionOptions = {}): DynamicModule {
    return {
      module: EslModule,
      providers: [{ provide: ESL_NODES, useValue: nodes }, { provide: ESL_OPTIONS, useValue: options }, EslService],
      exports: [EslService],
    };
  }
}
