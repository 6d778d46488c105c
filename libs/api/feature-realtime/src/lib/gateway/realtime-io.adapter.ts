import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { REALTIME_PATH } from '@switchboard/shared/contracts';
import type { AppConfig } from '@switchboard/api/util-config';

type RedisClient = ReturnType<typeof createClient>;

/**
 * socket.io on the API's HTTP port (path `/socket.io`). With REDIS_URL, the namespaces use the Redis adapter over
 * node-redis pub/sub clients, so API replicas exchange live state (see ReplicaLink) and serve the same dashboards.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly redis: { pub: RedisClient; sub: RedisClient } | undefined,
  ) {
    super(app);
  }

  /** Connects to Redis first when REDIS_URL is set (startup fails if it cannot). */
  static async create(app: INestApplicationContext, config: AppConfig): Promise<RealtimeIoAdapter> {
    if (!config.redisUrl) return new RealtimeIoAdapter(app, config, undefined);
    const pub = createClient({ url: config.redisUrl });
    const sub = pub.duplicate();
    // node-redis reports connection trouble as 'error' events and reconnects by itself; without a listener they crash.
    pub.on('error', () => undefined);
    sub.on('error', () => undefined);
    await Promise.all([pub.connect(), sub.connect()]);
    return new RealtimeIoAdapter(app, config, { pub, sub });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.config.http.corsOrigins;
    const server = super.createIOServer(port, {
      ...options,
      path: REALTIME_PATH,
      cors: origins.length > 0 ? { origin: [...origins], credentials: true } : undefined,
      serveClient: false,
    }) as Server;
    if (this.redis) server.adapter(createAdapter(this.redis.pub, this.redis.sub, { key: 'switchboard' }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (!this.redis) return;
    await Promise.allSettled([this.redis.pub.quit(), this.redis.sub.quit()]);
  }
}
