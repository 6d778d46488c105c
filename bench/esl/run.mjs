#!/usr/bin/env node
// Bundles parse.bench.ts (and the library code it imports) with esbuild, then runs it:
//   node bench/esl/run.mjs [--events 200000] [--repeats 3] [--datasets capture,generated]
//                          [--libraries ours,modesl,esl-lite] [--levels parser,client] [--no-write]
// npm packages stay external (loaded from node_modules); tsconfig path aliases are resolved by esbuild.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const outdir = join(root, 'tmp', 'bench-esl');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, 'parse.bench.cjs');
await build({
  entryPoints: [join(root, 'bench', 'esl', 'parse.bench.ts')],
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
