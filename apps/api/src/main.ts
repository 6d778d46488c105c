import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pino from 'pino';
import { AdminBootstrapService } from '@switchboard/api/feature-auth';
import { type RunningPostgres, applyMigrations, startEmbeddedPostgres } from '@switchboard/api/data-access-db';
import { type AppConfig, ConfigError, loadConfig } from '@switchboard/api/util-config';
import { AppModule } from './app/app.module';
import { configureApp } from './app/configure-app';

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
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, databaseUrl: database.url, logger: log }),
    { bufferLogs: true, bodyParser: false },
  );
  const missingApps = configureApp(app, config);
  if (missingApps.length > 0) log.warn({ missingApps }, 'browser apps not built; run `npm run build`');

  installShutdown(app, database, config, log);
  await app.listen(config.http.port, config.http.host);
  announce(config, app.get(AdminBootstrapService).generated);
}

async function prepareDatabase(config: AppConfig, log: pino.Logger): Promise<RunningPostgres | { url: string; stop?: undefined }> {
  const database: RunningPostgres | { url: string; stop?: undefined } = config.databaseUrl
    ? { url: config.databaseUrl }
    : await startEmbeddedPostgres({
        dataDir: join(config.dataDir, 'pg'),
        persistent: true,
        database: 'switchboard',
        log: (line) => log.debug({ component: 'embedded-postgres' }, line),
      });
  if (!config.databaseUrl) log.info({ dataDir: join(config.dataDir, 'pg') }, 'DATABASE_URL not set: using the embedded PostgreSQL');
  const bundled = join(__dirname, 'migrations');
  const migrationsDir = existsSync(bundled) ? bundled : join(process.cwd(), 'prisma', 'migrations');
  const result = await applyMigrations(database.url, migrationsDir, (line) => log.info(line));
  log.info({ applied: result.applied.length, alreadyApplied: result.alreadyApplied }, 'database schema up to date');
  return database;
}

function installShutdown(app: NestExpressApplication, database: { stop?: () => Promise<void> }, config: AppConfig, log: pino.Logger): void {
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
