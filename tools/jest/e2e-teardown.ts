import { stopTestPostgres } from '../../libs/api/data-access-db/testing/test-postgres';

export default async function e2eTeardown(): Promise<void> {
  const e2e = globalThis.__SB_E2E__;
  if (!e2e) return;
  if (e2e.api.exitCode === null) {
    const exited = new Promise((resolve) => e2e.api.once('exit', resolve));
    e2e.api.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  await stopTestPostgres(e2e.pg);
}
