#!/usr/bin/env node
// FreeSWITCH load benchmark: node bench/freeswitch/run.mjs [--worktree] [--no-build] [--host] [--no-write]
//   [--keep-db] [--concurrency=100] [--hold=30] [--steady=150] [--rate=5] [--ramp=150,200,300] [--ramp-hold=60]
//   [--ramp-steady=15] [--ramp-rate=6] [--api=path/to/main.js]
// Builds the API from a clean export of HEAD (git archive, so other people's uncommitted edits are not measured;
// --worktree builds the working tree instead), bundles the benchmark with esbuild and runs it in a loopback-only
// network namespace of its own (root; FreeSWITCH's fixed ports cannot clash with anyone's) with an embedded
// PostgreSQL. --host runs on the host's loopback instead, with PostgreSQL at TEST_DATABASE_URL (default
// postgresql://postgres@127.0.0.1:5432/postgres). Needs FreeSWITCH (/opt/freeswitch) and sipp.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const outdir = join(root, 'tmp', 'bench-freeswitch');
const src = join(outdir, 'src');
mkdirSync(outdir, { recursive: true });
const argv = process.argv.slice(2);
const worktree = argv.includes('--worktree');
const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

function run(command, args, cwd, extraEnv = {}) {
  const { status } = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${status})`);
    process.exit(status ?? 1);
  }
}

let apiMain;
let confDir;
let source;
/** The commit the measured API was built from ("custom" for --api). */
let builtFrom = commit;
const customApi = argv.find((a) => a.startsWith('--api='))?.slice('--api='.length);
if (customApi) {
  // An API built elsewhere (an experiment): nothing is built; FreeSWITCH's configuration is the working tree's.
  apiMain = customApi;
  confDir = join(root, 'freeswitch');
  source = `a custom build (${customApi})`;
  builtFrom = 'custom';
} else if (worktree) {
  apiMain = join(outdir, 'api', 'main.js');
  confDir = join(root, 'freeswitch');
  const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: root }).toString().trim().split('\n');
  source = `the working tree at ${commit} (${dirty.filter(Boolean).length} files with uncommitted changes)`;
  if (!argv.includes('--no-build')) {
    // As `nx build api`, written beside the benchmark so dist/ is left alone.
    run(
      'npx',
      ['webpack-cli', 'build', '--config', 'apps/api/webpack.config.js', '--node-env=production'].concat([
        '--output-path',
        join(outdir, 'api'),
      ]),
      root,
      { NX_TASK_TARGET_PROJECT: 'api', NX_TASK_TARGET_TARGET: 'build' },
    );
  }
} else {
  apiMain = join(src, 'dist', 'apps', 'api', 'main.js');
  confDir = join(src, 'freeswitch');
  const exported = join(src, '.bench-commit');
  if (!argv.includes('--no-build')) {
    rmSync(src, { recursive: true, force: true });
    mkdirSync(src, { recursive: true });
    execSync(`git archive ${commit} | tar -x -C "${src}"`, { cwd: root, stdio: 'inherit' });
    writeFileSync(exported, `${commit}\n`);
    symlinkSync(join(root, 'node_modules'), join(src, 'node_modules'));
    run(process.execPath, ['tools/scripts/prisma-generate.mjs'], src);
    run('npx', ['nx', 'run', 'api:build', '--outputStyle=static', '--skip-nx-cache'], src);
  }
  builtFrom = existsSync(exported) ? readFileSync(exported, 'utf8').trim() : 'unknown';
  source = `a clean export of commit ${builtFrom} (git archive)`;
}
if (!existsSync(apiMain)) {
  console.error(`no API build at ${apiMain}: run without --no-build`);
  process.exit(1);
}

await build({
  entryPoints: [join(root, 'bench', 'freeswitch', 'freeswitch.bench.ts')],
  outfile: join(outdir, 'freeswitch.bench.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  tsconfig: join(root, 'bench', 'freeswitch', 'tsconfig.json'),
  logLevel: 'warning',
});
const args = argv.filter((a) => !['--no-build', '--worktree', '--host'].includes(a) && !a.startsWith('--api='));
const bench = [
  process.execPath,
  join(outdir, 'freeswitch.bench.cjs'),
  `--api=${apiMain}`,
  `--conf=${confDir}`,
  ...args,
];
const benchEnv = { ...process.env, BENCH_ROOT: root, BENCH_API_SOURCE: source, BENCH_COMMIT: builtFrom };
if (argv.includes('--host')) {
  const { status } = spawnSync(bench[0], bench.slice(1), { cwd: root, stdio: 'inherit', env: benchEnv });
  process.exit(status ?? 1);
}
// A namespace of our own with nothing but loopback; deleted afterwards, whatever happened.
const netns = `sbbench-${process.pid}`;
run('ip', ['netns', 'add', netns], root);
let status = 1;
try {
  run('ip', ['netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up'], root);
  delete benchEnv.TEST_DATABASE_URL;
  ({ status } = spawnSync('ip', ['netns', 'exec', netns, ...bench], {
    cwd: root,
    stdio: 'inherit',
    env: { ...benchEnv, BENCH_NETNS: netns },
  }));
} finally {
  spawnSync('ip', ['netns', 'del', netns], { stdio: 'inherit' });
}
process.exit(status ?? 1);
