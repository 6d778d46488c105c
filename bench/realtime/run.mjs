#!/usr/bin/env node
// Realtime benchmark: node bench/realtime/run.mjs [--rate=2000] [--seconds=15] [--sockets=200] [--probes=20]
//   [--no-build] [--no-write]. Builds the API into tmp/bench-realtime/api (not dist/), bundles the benchmark with
// esbuild and runs it. Uses TEST_DATABASE_URL's PostgreSQL when set, otherwise an embedded one; needs redis-server.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const outdir = join(root, 'tmp', 'bench-realtime');
mkdirSync(outdir, { recursive: true });

if (!process.argv.includes('--no-build')) {
  // The real API bundle (webpack + tsc, as `nx build api`), written beside the benchmark so dist/ is left alone.
  const webpack = spawnSync(
    'npx',
    [
      'webpack-cli',
      'build',
      '--config',
      'apps/api/webpack.config.js',
      '--node-env=production',
      '--output-path',
      join(outdir, 'api'),
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TASK_TARGET_PROJECT: 'api',
        NX_TASK_TARGET_TARGET: 'build',
      },
    },
  );
  if (webpack.status !== 0) process.exit(webpack.status ?? 1);
}

for (const entry of ['realtime.bench.ts', 'clients.ts']) {
  await build({
    entryPoints: [join(root, 'bench', 'realtime', entry)],
    outfile: join(outdir, entry.replace(/\.ts$/, '.cjs')),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'bench', 'realtime', 'tsconfig.json'),
    logLevel: 'warning',
  });
}
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const { status } = spawnSync(process.execPath, [join(outdir, 'realtime.bench.cjs'), ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_ROOT: root },
});
process.exit(status ?? 1);
