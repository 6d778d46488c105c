#!/usr/bin/env node
// Login benchmark: node bench/login/run.mjs [--agents=200] [--spray-seconds=15] [--spray-concurrency=20]
//   [--no-build] [--no-write]. Builds the API into tmp/bench-login/api (not dist/), bundles the benchmark with
// esbuild and runs it. Uses TEST_DATABASE_URL's PostgreSQL when set, otherwise an embedded one.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApi, bundleEntries } from '../build-api.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const outdir = join(root, 'tmp', 'bench-login');
mkdirSync(outdir, { recursive: true });

if (!process.argv.includes('--no-build')) buildApi(root, outdir);
await bundleEntries(join(root, 'bench', 'login'), ['login.bench.ts'], outdir);
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const { status } = spawnSync(process.execPath, [join(outdir, 'login.bench.cjs'), ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_ROOT: root },
});
process.exit(status ?? 1);
