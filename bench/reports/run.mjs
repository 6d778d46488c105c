#!/usr/bin/env node
// Reports benchmark: node bench/reports/run.mjs [--calls=300000] [--days=93] [--no-write]
// Bundles reports.bench.ts with esbuild (npm packages external, tsconfig paths resolved) into tmp/bench-reports/ and
// runs it. Uses TEST_DATABASE_URL's PostgreSQL when set, otherwise an embedded one.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const outdir = join(root, 'tmp', 'bench-reports');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, 'reports.bench.cjs');
await build({
  entryPoints: [join(root, 'bench', 'reports', 'reports.bench.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  tsconfig: join(root, 'bench', 'reports', 'tsconfig.json'),
  logLevel: 'warning',
});
const { status } = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_ROOT: root },
});
process.exit(status ?? 1);
