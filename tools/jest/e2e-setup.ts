// Jest global setup of the `e2e` project: the built product (dist/) started as a real process on a fresh database,
// exactly as `npm start` runs it, for browser tests in real Chromium.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../libs/api/data-access-db/src/lib/embedded-postgres';
import { createDatabase, startTestPostgres, type TestPostgres } from '../../libs/api/data-access-db/testing/test-postgres';

declare global {
  var __SB_E2E__: { api: ChildProcess; pg: TestPostgres } | undefined;
}

const root = join(__dirname, '..', '..');
export const E2E_ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };

export default async function e2eSetup(): Promise<void> {
  const main = join(root, 'dist', 'apps', 'api', 'main.js');
  for (const file of [main, join(root, 'dist/apps/agent-console/browser/index.html'), join(root, 'dist/apps/supervisor-dashboard/browser/index.html')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build), or run the whole suite with npm test`);
  }
  const pg = await startTestPostgres();
  const databaseUrl = await createDatabase(pg.adminUrl, `${pg.prefix}_e2e`);
  const port = await freePort();
  const artifacts = join(root, 'test-results', 'e2e');
  mkdirSync(artifacts, { recursive: true });
  const log = createWriteStream(join(artifacts, 'api.log'));
  const api = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-e2e-data-')),
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      LOG_LEVEL: 'info',
      // The in-process ESL simulator generates calls and agent changes for the live-floor browser test.
      DEMO: '1',
      // A FreeSWITCH installed on this machine would otherwise be started and win over the simulator.
      EMBEDDED_FREESWITCH: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout?.pipe(log);
  api.stderr?.pipe(log);
  globalThis.__SB_E2E__ = { api, pg };
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, api);
  process.env['SB_E2E_BASE_URL'] = base;
  process.env['SB_E2E_ARTIFACTS'] = artifacts;
  // Specs that start API processes of their own (scale-out) create their databases on the same server.
  process.env['SB_E2E_PG_ADMIN_URL'] = pg.adminUrl;
  process.env['SB_E2E_PG_PREFIX'] = pg.prefix;
}

async function waitForHealth(base: string, api: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the API exited with code ${api.exitCode}; see test-results/e2e/api.log`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet: keep polling until the deadline.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the API did not become healthy within 60 s; see test-results/e2e/api.log');
}
