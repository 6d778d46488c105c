#!/usr/bin/env node
// Scale-out benchmark: node bench/scale-out/run.mjs [--rate=2000] [--seconds=15] [--failover-seconds=16]
//   [--sockets=200] [--probes=30] [--no-build] [--no-write]. Builds the API into tmp/bench-scale-out/api (not dist/),
// bundles the benchmark and the realtime benchmark's client process with esbuild, and runs it. Uses
// TEST_DATABASE_URL's PostgreSQL when set, otherwise an embedded one; starts its own redis-server.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApi, bundleEntries } from '../build-api.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const outdir = join(root, 'tmp', 'bench-scale-out');
mkdirSync(outdir, { recursive: true });

if (!process.argv.includes('--no-build')) buildApi(root, outdir);
await bundleEntries(join(root, 'bench', 'scale-out'), ['scale-out.bench.ts'], outdir);
await bundleEntries(join(root, 'bench', 'realtime'), ['clients.ts'], outdir);
const args = process.argv.slice(2).filter((a) => a !== '--no-build');
const { status } = spawnSync(process.execPath, [join(outdir, 'scale-out.bench.cjs'), ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_ROOT: root },
});
process.exit(status ?? 1);
