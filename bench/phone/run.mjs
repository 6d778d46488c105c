#!/usr/bin/env node
// bench/phone: bundles the benchmark and the bare sip-core page with esbuild, then runs the benchmark inside a
// loopback-only network namespace (root; see tools/sip/netns.mjs). Needs a build first (npm run build).
//   node bench/phone/run.mjs            # 10 runs per figure
//   BENCH_RUNS=20 node bench/phone/run.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { installSipPackages, netnsUnavailable, runInLoopbackNetns } from '../../tools/sip/netns.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const outdir = join(root, 'tmp', 'bench-phone');
mkdirSync(outdir, { recursive: true });
const tsconfig = join(root, 'bench', 'phone', 'tsconfig.json');
await build({
  entryPoints: [join(root, 'bench', 'phone', 'softphone-page.ts')],
  outfile: join(outdir, 'softphone-page.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  tsconfig,
  logLevel: 'warning',
});
await build({
  entryPoints: [join(root, 'bench', 'phone', 'phone.bench.ts')],
  outfile: join(outdir, 'phone.bench.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  tsconfig,
  logLevel: 'warning',
});
const problem = netnsUnavailable() ?? installSipPackages();
if (problem) {
  console.error(`bench/phone: ${problem}`);
  process.exit(1);
}
process.exit(runInLoopbackNetns(process.execPath, [join(outdir, 'phone.bench.cjs')], { ...process.env, BENCH_ROOT: root, LOGIN_RATE_LIMIT: '1000' }, root));
