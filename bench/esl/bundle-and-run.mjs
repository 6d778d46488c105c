// Bundles one TypeScript benchmark (and the library code it imports) with esbuild, then runs it with the
// remaining command-line arguments. npm packages stay external; tsconfig path aliases are resolved by esbuild.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');

/** Bundles `bench/esl/<entry>` and runs it; exits with its status. */
export async function bundleAndRun(entry) {
  const outdir = join(root, 'tmp', 'bench-esl');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [join(root, 'bench', 'esl', entry)],
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
}
