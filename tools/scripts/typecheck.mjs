#!/usr/bin/env node
// Type-checks every project's tsconfig (app/lib/spec) and tools/, two at a time. Exit code 1 when any fails.
// Prints one line per tsconfig: "typecheck ok|FAIL <path>" (tools/scripts/test.mjs counts them).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { binPath, root } from './lib/bin.mjs';

const tsc = binPath('typescript', 'tsc');

function findConfigs(dir, depth = 0) {
  if (depth > 4 || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'src', 'dist'].includes(entry.name) ? [] : findConfigs(path, depth + 1);
    return /^tsconfig\.(app|lib|spec)\.json$/.test(entry.name) ? [path] : [];
  });
}

const configs = [...findConfigs(join(root, 'apps')), ...findConfigs(join(root, 'libs')), join(root, 'tools', 'tsconfig.json')];
const check = (config) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', config], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const name = relative(root, config);
      console.log(`typecheck ${code === 0 ? 'ok' : 'FAIL'} ${name}`);
      if (code !== 0) console.log(output.trim());
      resolve(code === 0);
    });
  });

const queue = [...configs];
const results = [];
await Promise.all(
  [1, 2].map(async () => {
    while (queue.length > 0) results.push(await check(queue.shift()));
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
