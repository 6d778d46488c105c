#!/usr/bin/env node
// Measures the click-to-call widget as the API serves it: builds it (tools/scripts/build-widget.mjs, which also
// enforces bench/widget/budget.json), then prints its minified and gzipped size and what each input costs, from
// esbuild's metafile. `node bench/widget/measure.mjs` — paste the table into results.md with the date and commit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..');
execFileSync(process.execPath, [join(root, 'tools', 'scripts', 'build-widget.mjs')], { stdio: 'inherit' });

const dist = join(root, 'dist', 'apps', 'call-widget');
const code = readFileSync(join(dist, 'switchboard-call.js'));
const meta = JSON.parse(readFileSync(join(dist, 'meta.json'), 'utf8'));
const [output] = Object.values(meta.outputs);

/** npm package name, or the repository folder (libs/<scope>/<name>) an input belongs to. */
function owner(file) {
  const inPackage = file.split('node_modules/')[1];
  if (inPackage) return inPackage.split('/').slice(0, inPackage.startsWith('@') ? 2 : 1).join('/');
  return file.split('/').slice(0, 3).join('/');
}
const bytes = new Map();
for (const [file, input] of Object.entries(output.inputs))
  bytes.set(owner(file), (bytes.get(owner(file)) ?? 0) + input.bytesInOutput);

const kib = (n) => (n / 1024).toFixed(1);
const total = code.length;
console.log(`\n| input | minified KiB | share |\n|---|---:|---:|`);
for (const [name, size] of [...bytes].sort((a, b) => b[1] - a[1]))
  console.log(`| ${name} | ${kib(size)} | ${((size / total) * 100).toFixed(1)} % |`);
console.log(`| **total** | **${kib(total)}** (gzip -9: ${kib(gzipSync(code, { level: 9 }).length)}) | |`);
