// Boots the real API (all modules, middleware, filters) in-process on a fresh database, for integration tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import pino from 'pino';
import request from 'supertest';
import { PrismaService } from '@switchboard/api/data-access-db';
import type { EslNode } from '@switchboard/api/data-access-esl';
import { type AppConfig, loadConfig } from '@switchboard/api/util-config';
import { createTestDatabase } from '@switchboard/api/data-access-db/testing';
import { AppModule } from '../app/app.module';
import { configureApp, configureRealtime } from '../app/configure-app';

export const TEST_ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' } as const;

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  prisma: PrismaService;
  config: AppConfig;
  databaseUrl: string;
  /** Folder served as the built browser apps (each has a tiny index.html). */
  staticDir: string;
  close(): Promise<void>;
}

/**
 * Starts the API on its own database. `env` overrides variables (e.g. LOGIN_RATE_LIMIT); `eslNodes` connects it to
 * FreeSWITCH peers (the simulator); `override` replaces providers (e.g. FREESWITCH_COMMANDS with a recording fake).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    eslNodes?: EslNode[];
    override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
    /** Share another test app's database (API replicas); default: a fresh one. */
    databaseUrl?: string;
  } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const work = mkdtempSync(join(tmpdir(), 'sb-api-test-'));
  const staticDir = join(work, 'apps');
  for (const folder of ['agent-console', 'supervisor-dashboard']) {
    mkdirSync(join(staticDir, folder, 'browser'), { recursive: true });
    writeFileSync(join(staticDir, folder, 'browser', 'index.html'), `<!doctype html><title>${folder}</title>`);
  }
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'integration-test-secret-integration-test-secret',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      STATIC_DIR: staticDir,
      // The reports' specs count days in UTC, whatever zone the machine running them is in.
      CONTACT_CENTER_TIME_ZONE: 'UTC',
      ...env,
    },
    work,
  );
  const builder = Test.createTestingModule({
    imports: [
      AppModule.forRoot({ config, databaseUrl, logger: pino({ level: 'silent' }), eslNodes: options.eslNodes ?? [] }),
    ],
  });
  const moduleRef = await (options.override?.(builder) ?? builder).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureApp(app, config);
  await configureRealtime(app, config);
  await app.init();
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  return {
    app,
    http: () => request(server),
    prisma: app.get(PrismaService),
    config,
    databaseUrl,
    staticDir,
    close: async () => {
      await app.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Signs in and returns the access token and the refresh cookie. */
export async function signIn(t: TestApp, email: string, password: string): Promise<{ token: string; cookie: string }> {
  const response = await t.http().post('/api/auth/login').send({ email, password }).expect(200);
  const body = response.body as { accessToken: string };
  const setCookie = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = setCookie?.find((c) => c.startsWith('sb_refresh='))?.split(';')[0] ?? '';
  return { token: body.accessToken, cookie };
}

/** Creates a user through the API as the admin and returns its id. */
export async function createUser(
  t: TestApp,
  adminToken: string,
  user: { email: string; displayName?: string; role: 'ADMIN' | 'SUPERVISOR' | 'AGENT'; password: string },
): Promise<string> {
  const response = await t
    .http()
    .post('/api/users')
    .set('authorization', `Bearer ${adminToken}`)
    .send({ displayName: user.email.split('@')[0], ...user })
    .expect(201);
  return (response.body as { id: string }).id;
}
