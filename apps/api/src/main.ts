import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pino from 'pino';
import { AdminBootstrapService } from '@switchboard/api/feature-auth';
import { type RunningPostgres, applyMigrations, startEmbeddedPostgres } from '@switchboard/api/data-access-db';
import { type EslNode, parseEslUrls } from '@switchboard/api/data-access-esl';
import { EslSimulator } from '@switchboard/api/data-access-esl/testing';
import { type AppConfig, ConfigError, loadConfig } from '@switchboard/api/util-config';
import { AppModule } from './app/app.module';
import { configureApp, configureRealtime } from './app/configure-app';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    // A bad environment is the operator's to fix: say what is wrong, no stack trace.
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const log = pino({ level: config.logLevel, base: { service: 'switchboard-api' } });

  const database = await prepareDatabase(config, log);
  const freeswitch = await freeswitchNodes(config, log);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl: database.url, logger: log, eslNodes: freeswitch.nodes }),
    { bufferLogs: true, bodyParser: false },
  );
  const missingApps = configureApp(app, config);
  await configureRealtime(app, config);
  if (missingApps.length > 0) log.warn({ missingApps }, 'browser apps not built; run `npm run build`');

  installShutdown(
    app,
    {
      stop: async () => {
        await freeswitch.simulator?.stop();
        await database.stop?.();
      },
    },
    config,
    log,
  );
  await app.listen(config.http.port, config.http.host);
  announce(config, app.get(AdminBootstrapService).generated);
}

async function prepareDatabase(
  config: AppConfig,
  log: pino.Logger,
): Promise<RunningPostgres | { url: string; stop?: undefined }> {
  const database: RunningPostgres | { url: string; stop?: undefined } = config.databaseUrl
    ? { url: config.databaseUrl }
    : await startEmbeddedPostgres({
        dataDir: join(config.dataDir, 'pg'),
        persistent: true,
        database: 'switchboard',
        log: (line) => log.debug({ component: 'embedded-postgres' }, line),
      });
  if (!config.databaseUrl)
    log.info({ dataDir: join(config.dataDir, 'pg') }, 'DATABASE_URL not set: using the embedded PostgreSQL');
  const bundled = join(__dirname, 'migrations');
  const migrationsDir = existsSync(bundled) ? bundled : join(process.cwd(), 'prisma', 'migrations');
  const result = await applyMigrations(database.url, migrationsDir, (line) => log.info(line));
  log.info({ applied: result.applied.length, alreadyApplied: result.alreadyApplied }, 'database schema up to date');
  return database;
}

/**
 * The FreeSWITCH nodes from FREESWITCH_ESL. With DEMO=1 and none configured, a simulated FreeSWITCH runs in this
 * process and generates contact-center traffic; its node is named `demo-simulator` so every screen can say the
 * traffic is simulated.
 */
async function freeswitchNodes(
  config: AppConfig,
  log: pino.Logger,
): Promise<{ nodes: EslNode[]; simulator?: EslSimulator }> {
  const nodes = parseEslUrls(config.freeswitch.esl);
  if (nodes.length > 0 || !config.demo) return { nodes };
  const simulator = new EslSimulator({ hostname: 'demo-simulator', password: randomBytes(12).toString('hex') });
  const port = await simulator.start();
  simulator.startTraffic({ rate: 0.2, seed: Date.now() % 1_000_000, agents: 8 });
  log.warn({ port }, 'DEMO=1: FreeSWITCH is SIMULATED in-process; calls and agents shown are generated, not real');
  return { nodes: [{ id: 'demo-simulator', host: '127.0.0.1', port, password: simulator.password }], simulator };
}

function installShutdown(
  app: NestExpressApplication,
  database: { stop?: () => Promise<void> },
  config: AppConfig,
  log: pino.Logger,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, draining requests');
    // If draining hangs (a client holding a connection open), leave anyway after the grace period.
    setTimeout(() => {
      log.warn('grace period over; exiting');
      process.exit(1);
    }, config.shutdownGraceSeconds * 1000).unref();
    void (async () => {
      await app.close();
      await database.stop?.();
      log.info('stopped');
      process.exit(0);
    })();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function announce(config: AppConfig, generated: { email: string; password: string } | undefined): void {
  const base = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
  const lines = [
    '',
    'Switchboard is running:',
    `  Agent console         ${base}/agent/`,
    `  Supervisor dashboard  ${base}/supervisor/`,
    `  API docs              ${base}/api/docs`,
    `  Health                ${base}/api/health`,
  ];
  if (generated) {
    lines.push('', 'First admin created (this password is shown only once; change it after signing in):');
    lines.push(`  email     ${generated.email}`, `  password  ${generated.password}`);
  }
  // Printed plainly, outside the JSON log, because a person reads it at startup.
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

bootstrap().catch((error: unknown) => {
  console.error('Switchboard API failed to start:', error);
  process.exit(1);
});
