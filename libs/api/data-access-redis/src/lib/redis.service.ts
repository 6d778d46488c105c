import { randomUUID } from 'node:crypto';
import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { RedisConnection, type RedisStatus } from './redis-connection';

/** Injection token of the Redis URL (undefined: no Redis, one API replica). */
export const REDIS_URL = Symbol('REDIS_URL');

/** The API's Redis connections (see {@link RedisService.connect}). */
export interface RedisConnections {
  /** Stream appends, login limits, everything that is not below. */
  commands: RedisConnection;
  /** Blocking stream reads (XREAD BLOCK holds its connection). */
  reader: RedisConnection;
  /**
   * Node leases only: a renewal never waits behind a burst of stream appends on the commands connection (a takeover
   * that replays thousands of events once cost the new owner its lease that way).
   */
  leases: RedisConnection;
}

/**
 * The API's door to Redis, when REDIS_URL is set: connections for commands, blocking stream reads and leases, each
 * reconnecting for ever. Without a URL it exists and says `configured: false`; nothing else should touch it.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  /** This process among the replicas (lease holder, stream origin). */
  readonly replicaId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('Redis');
  private connections: Promise<RedisConnections> | undefined;
  private commandsNow: RedisConnection | undefined;
  private readonly statusListeners = new Set<(status: RedisStatus) => void>();

  constructor(@Inject(REDIS_URL) private readonly url: string | undefined) {}

  /** Whether Redis is configured. */
  get configured(): boolean {
    return this.url !== undefined;
  }

  /** Whether Redis answers now (false when not configured). */
  get isUp(): boolean {
    return this.commandsNow?.isUp ?? false;
  }

  /**
   * The connections, opened on first use. Resolves once all are connected the first time (node-redis keeps trying
   * meanwhile, so a Redis started after the API is found).
   */
  connect(): Promise<RedisConnections> {
    if (!this.url) return Promise.reject(new Error('REDIS_URL is not set'));
    const url = this.url;
    this.connections ??= Promise.all([
      RedisConnection.open(url, `switchboard-${this.replicaId}`),
      RedisConnection.open(url, `switchboard-${this.replicaId}-reader`),
      RedisConnection.open(url, `switchboard-${this.replicaId}-leases`),
    ]).then(([commands, reader, leases]) => {
      this.commandsNow = commands;
      commands.onStatus((status) => {
        this.logger[status === 'up' ? 'log' : 'warn'](
          `Redis is ${status === 'up' ? 'reachable again' : 'unreachable'}`,
        );
        for (const listener of this.statusListeners) listener(status);
      });
      return { commands, reader, leases };
    });
    return this.connections;
  }

  /** Calls `listener` whenever Redis goes away or comes back. */
  onStatus(listener: (status: RedisStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Closes last (leases are released and the floor's last entries sent before, in their own hooks). */
  async onApplicationShutdown(): Promise<void> {
    this.statusListeners.clear();
    const connections = await this.connections?.catch(() => undefined);
    if (!connections) return;
    await Promise.all([connections.commands.close(), connections.reader.close(), connections.leases.close()]);
  }
}

/** Provides {@link RedisService} everywhere: `RedisModule.forRoot(config.redisUrl)`. */
@Global()
@Module({})
export class RedisModule {
  static forRoot(url: string | undefined): DynamicModule {
    return {
      module: RedisModule,
      providers: [{ provide: REDIS_URL, useValue: url }, RedisService],
      exports: [RedisService],
    };
  }
}
