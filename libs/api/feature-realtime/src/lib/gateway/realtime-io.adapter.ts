import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { REALTIME_PATH } from '@switchboard/shared/contracts';
import type { AppConfig } from '@switchboard/api/util-config';
import { ConnectionGuard, type GuardedConnection, clientAddress } from './connection-guard';

/**
 * socket.io on the API's HTTP port (path `/socket.io`). Each replica serves its own sockets from the floor it reads
 * (shared through Redis by SharedFloorService when there are several), so no socket.io adapter links replicas.
 * Only `/supervisor` and `/agent` are served: the default namespace refuses every socket, connections without an
 * authenticated socket are closed and each client address is limited ({@link ConnectionGuard}).
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly guards = new Map<Server, ConnectionGuard>();

  private constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  static create(app: INestApplicationContext, config: AppConfig): Promise<RealtimeIoAdapter> {
    return Promise.resolve(new RealtimeIoAdapter(app, config));
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.config.http.corsOrigins;
    const guard = new ConnectionGuard((request) => clientAddress(request, this.config.http.trustProxy));
    const server = super.createIOServer(port, {
      ...options,
      path: REALTIME_PATH,
      cors: origins.length > 0 ? { origin: [...origins], credentials: true } : undefined,
      serveClient: false,
      allowRequest: guard.allowRequest,
    }) as Server;
    server.engine.on('connection', (connection: GuardedConnection) => guard.admit(connection));
    // socket.io accepts any socket on "/" unless told otherwise, and nothing of ours would ever close it.
    server
      .of('/')
      .use((_socket, next) =>
        next(new Error('Nothing is served on "/": connect to /supervisor or /agent with auth.token.')),
      );
    guard.start();
    this.guards.set(server, guard);
    return server;
  }

  override async close(server: Server): Promise<void> {
    this.guards.get(server)?.stop();
    this.guards.delete(server);
    await super.close(server);
  }
}
