import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import pino from 'pino';
import { AdminBootstrapService } from '@switchboard/api/feature-auth';
import { type RunningPostgres, applyMigrations, startEmbeddedPostgres } from '@switchboard/api/data-access-db';
import { type EslNode, EslService, parseEslUrls } from '@switchboard/api/data-access-esl';
import type { EslSimulator } from '@switchboard/api/data-access-esl/testing';
import { type DemoCaller, removeDemoData, startDemoSimulator } from '@switchboard/api/feature-demo';
import { type AppConfig, ConfigError, loadConfig } from '@switchboard/api/util-config';
import { AppModule } from './app/app.module';
import { demoBannerLines, seedDemoInBackground, startDemoCalls } from './demo-start';
import { configureApp, configureRealtime } from './app/configure-app';
import {
  type EmbeddedFreeswitch,
  confDirCandidates,
  hangUpCalls,
  probeFreeswitch,
  startEmbeddedFreeswitch,
} from './embedded-freeswitch';
import { type FreeswitchOutcome, type FreeswitchPlan, freeswitchStatus, planFreeswitch } from './freeswitch-plan';
import { installShutdown } from './shutdown';

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
  if (process.argv.includes('--remove-demo')) return removeDemo(database, log);
  // Decided before Nest starts: the ESL node list is fixed at forRoot, and the embedded FreeSWITCH's credentials
  // must be in the configuration the API validates its requests with.
  const plan = planFreeswitch(config, await probeFreeswitch(config, confDirCandidates(__dirname)));
  const effective = plan.config;
  const freeswitch = await freeswitchNodes(plan, log);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config: effective, databaseUrl: database.url, logger: log, eslNodes: freeswitch.nodes }),
    { bufferLogs: true, bodyParser: false },
  );
  const missingApps = configureApp(app, effective);
  await configureRealtime(app, effective);
  if (missingApps.length > 0) log.warn({ missingApps }, 'browser apps not built; run `npm run build`');

  // Set as soon as FreeSWITCH is being started, so a stop during its start-up waits for it and then stops it.
  let embedded: Promise<EmbeddedFreeswitch> | undefined;
  let embeddedRunning = false;
  let demoCaller: Promise<DemoCaller> | undefined;
  // FreeSWITCH takes 4-7 s to stop; it is killed after most of the grace period.
  const freeswitchGraceMs = effective.shutdownGraceSeconds * 1000 * 0.7;
  const esl = app.get(EslService);
  installShutdown(
    app,
    {
      // Calls end while the API still listens, so it receives their CDRs; then it closes at once (a restart can
      // take the port) and FreeSWITCH stops beside PostgreSQL.
      // One still starting has no calls, and waiting for it would keep the API answering meanwhile.
      beforeClose: async () => {
        await demoCaller?.then((caller) => caller.stop());
        if (embeddedRunning) await hangUpCalls((command) => esl.api(command));
      },
      afterClose: async () => {
        await Promise.all([
          embedded?.then((running) => running.stop(freeswitchGraceMs)),
          freeswitch.simulator?.stop(),
          // The embedded PostgreSQL runs in a process group of its own, so a Ctrl-C did not reach it: it is stopped
          // here, after the pool closed (fast shutdown, well within SHUTDOWN_GRACE).
          database.stop?.(),
        ]);
      },
    },
    effective,
    log,
  );
  await app.listen(effective.http.port, effective.http.host);
  // DEMO=1: the floor is alive from the simulator's first snapshot; provisioning and history follow in the background.
  const demoProvisioned = freeswitch.simulator && seedDemoInBackground(app, freeswitch.simulator, log);
  // After listen: mod_callcenter reads its queues from the API (mod_xml_curl) while FreeSWITCH starts.
  if (plan.kind === 'embedded') embedded = startEmbeddedFreeswitch(plan, log);
  const outcome: FreeswitchOutcome = (await embedded)?.outcome ?? { kind: 'not-started' };
  embeddedRunning = outcome.kind === 'started';
  // Its event socket is up now; the reconnect backoff could otherwise keep the API away from it for seconds.
  if (embeddedRunning && plan.kind === 'embedded') esl.reconnectNow(plan.node.id);
  if (demoProvisioned && embeddedRunning && plan.kind === 'embedded')
    demoCaller = startDemoCalls(app, plan.node.id, effective.sip.domain, demoProvisioned, log);
  const status = freeswitchStatus(plan, outcome, {
    simulated: freeswitch.simulator !== undefined,
    nodeIds: freeswitch.nodes.map((node) => node.id),
  });
  const demo = freeswitch.simulator === undefined ? undefined : { live: demoCaller !== undefined };
  announce(effective, app.get(AdminBootstrapService).generated, status, demo);
}

/** `--remove-demo` (`npm run demo:remove`): deletes the demo data and exits. */
async function removeDemo(
  database: RunningPostgres | { url: string; stop?: undefined },
  log: pino.Logger,
): Promise<void> {
  const pool = new Pool({ connectionString: database.url, max: 1 });
  try {
    const removed = await removeDemoData(pool);
    log.info(removed, 'demo data removed');
    process.stdout.write(`Demo data removed: ${JSON.stringify(removed)}\n`);
  } finally {
    await pool.end();
    await database.stop?.();
  }
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
        warn: (line) => log.warn({ component: 'embedded-postgres' }, line),
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
 * The FreeSWITCH nodes: the embedded one, or those of FREESWITCH_ESL. With DEMO=1 a simulated FreeSWITCH runs in this
 * process and generates contact-center traffic; its node is named `demo-simulator` so every screen can say the
 * traffic is simulated. Beside the embedded FreeSWITCH it comes second (commands without a node go to the real one)
 * and the demo also places real calls there; FREESWITCH_ESL nodes are someone's real switches and get no demo.
 */
async function freeswitchNodes(
  plan: FreeswitchPlan,
  log: pino.Logger,
): Promise<{ nodes: EslNode[]; simulator?: EslSimulator }> {
  const nodes = plan.kind === 'embedded' ? [plan.node] : parseEslUrls(plan.config.freeswitch.esl);
  if (!plan.config.demo || plan.kind === 'external') return { nodes };
  const { simulator, node } = await startDemoSimulator(plan.config.sip.domain);
  log.warn(
    { port: node.port },
    'DEMO=1: FreeSWITCH is SIMULATED in-process; calls and agents shown are generated, not real',
  );
  return { nodes: [...nodes, node], simulator };
}

function announce(
  config: AppConfig,
  generated: { email: string; password: string } | undefined,
  freeswitchLine: string,
  demo: { live: boolean } | undefined,
): void {
  const base = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
  const lines = [
    '',
    'Switchboard is running:',
    `  Agent console         ${base}/agent/`,
    `  Supervisor dashboard  ${base}/supervisor/`,
    `  API docs              ${base}/api/docs`,
    `  Health                ${base}/api/health`,
    `  FreeSWITCH            ${freeswitchLine}`,
  ];
  if (generated) {
    lines.push('', 'First admin created (this password is shown only once; change it after signing in):');
    lines.push(`  email     ${generated.email}`, `  password  ${generated.password}`);
  }
  if (demo) lines.push(...demoBannerLines(demo.live));
  // Printed plainly, outside the JSON log, because a person reads it at startup.
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

bootstrap().catch((error: unknown) => {
  console.error('Switchboard API failed to start:', error);
  process.exit(1);
});
