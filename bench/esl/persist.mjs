#!/usr/bin/env node
// Bundles persist.bench.ts with esbuild and runs it: node bench/esl/persist.mjs [--events=100000] [--no-write]
// Uses TEST_DATABASE_URL's server when set, otherwise an embedded PostgreSQL.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const outdir = join(root, 'tmp', 'bench-esl');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, 'persist.bench.cjs');
await build({
  entryPoints: [join(root, 'bench', 'esl', 'persist.bench.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  tsconfig: join(root, 'bench', 'esl', 'tsconfig.json'),
  logLevel: 'warning',
});
const { status } = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: { ...process.env, BENCH_ROOT: root } });
process.exit(status ?? 1);
