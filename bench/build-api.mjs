// Build steps shared by the benchmarks that run the built API (bench/realtime, bench/scale-out, bench/login).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Builds the real API bundle (webpack + tsc, as `nx build api`) into `outdir`/api, so dist/ is left alone.
 * Exits the process when the build fails.
 */
export function buildApi(root, outdir) {
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

/** Bundles each TypeScript entry of `dir` into `outdir`/<entry>.cjs (dependencies stay in node_modules). */
export async function bundleEntries(dir, entries, outdir) {
  for (const entry of entries) {
    await build({
      entryPoints: [join(dir, entry)],
      outfile: join(outdir, entry.replace(/\.ts$/, '.cjs')),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      tsconfig: join(dir, 'tsconfig.json'),
      logLevel: 'warning',
    });
  }
}
