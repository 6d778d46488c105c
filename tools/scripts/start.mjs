#!/usr/bin/env node
// `npm start`: build what is missing or stale (Nx's cache makes an up-to-date build a few seconds), then run the
// API, which serves the REST API, the docs and both browser apps on one port. Signals are passed on to the API so
// it can drain requests and stop the embedded PostgreSQL cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { binPath, root } from './lib/bin.mjs';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

console.log('Switchboard: building the API and the two browser apps (cached when nothing changed) ...');
const build = spawnSync(
  process.execPath,
  [binPath('nx'), 'run-many', '-t', 'build', '--projects=api,agent-console,supervisor-dashboard', '--outputStyle=static'],
  { cwd: root, env, stdio: 'inherit' },
);
if (build.status !== 0) {
  console.error('Switchboard: the build failed (see above); nothing was started.');
  process.exit(build.status ?? 1);
}

const api = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', 'apps', 'api', 'main.js'), ...process.argv.slice(2)], { cwd: root, env: process.env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => api.kill(signal));
}
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
