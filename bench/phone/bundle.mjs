#!/usr/bin/env node
// What the agent console's JavaScript costs: the scripts index.html loads before first paint (initial) gzipped at
// level 9, and what each package or lib of ours contributes to them and to the lazy chunks, from the esbuild
// metafile Angular writes with --stats-json.
//   npx nx run agent-console:build --statsJson       (or --outputPath=/tmp/x --statsJson to keep dist/ untouched)
//   node bench/phone/bundle.mjs [outputPath]         (default dist/apps/agent-console)
// Paste the tables into results.md with the date and commit. Exits 1 when the initial scripts exceed the budget,
// 150 KB gzipped (issue 14). Angular's own budget (apps/agent-console/project.json) can only count raw bytes: its
// 480 KB stands for 120-150 KB gzipped at the ratios measured here (3.2-4.0 : 1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..');
const out = process.argv[2] ?? join(root, 'dist', 'apps', 'agent-console');
const browser = join(out, 'browser');
const meta = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
const html = readFileSync(join(browser, 'index.html'), 'utf8');

/** Scripts the page fetches before it can run: <script src> and <link rel=modulepreload>. */
const initial = new Set(
  [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]),
);
const chunks = Object.entries(meta.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, output]) => {
    const name = file.replace(/^.*\//, '');
    const code = readFileSync(join(browser, name));
    return { name, output, initial: initial.has(name), raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
  });

/** npm package name, or the repository folder (libs/<scope>/<name>, apps/<name>) an input belongs to. */
function owner(file) {
  const inPackage = file.split('node_modules/')[1];
  if (inPackage)
    return inPackage
      .split('/')
      .slice(0, inPackage.startsWith('@') ? 2 : 1)
      .join('/');
  if (file.startsWith('libs/')) return file.split('/').slice(0, 3).join('/');
  if (file.startsWith('apps/')) return file.split('/').slice(0, 2).join('/');
  return file.replace(/^.*:/, '').split('/')[0] || file;
}

const kb = (n) => (n / 1000).toFixed(1);
const byOwner = new Map();
for (const chunk of chunks)
  for (const [file, input] of Object.entries(chunk.output.inputs)) {
    const row = byOwner.get(owner(file)) ?? { initial: 0, lazy: 0 };
    row[chunk.initial ? 'initial' : 'lazy'] += input.bytesInOutput;
    byOwner.set(owner(file), row);
  }

const sum = (list, key) => list.reduce((total, chunk) => total + chunk[key], 0);
const first = chunks.filter((chunk) => chunk.initial);
const lazy = chunks.filter((chunk) => !chunk.initial);
console.log(`| | chunks | raw KB | gzip -9 KB |\n|---|---:|---:|---:|`);
console.log(`| **initial** | ${first.length} | ${kb(sum(first, 'raw'))} | **${kb(sum(first, 'gzip'))}** |`);
console.log(`| lazy | ${lazy.length} | ${kb(sum(lazy, 'raw'))} | ${kb(sum(lazy, 'gzip'))} |`);
console.log(
  `\nLargest chunks: ${[...chunks]
    .sort((a, b) => b.raw - a.raw)
    .slice(0, 6)
    .map((c) => `${c.name} ${kb(c.raw)} KB${c.initial ? ' (initial)' : ''}`)
    .join(', ')}`,
);
console.log(`\n| package or lib | initial minified KB | lazy minified KB |\n|---|---:|---:|`);
for (const [name, row] of [...byOwner].sort((a, b) => b[1].initial + b[1].lazy - a[1].initial - a[1].lazy))
  if (row.initial + row.lazy >= 500) console.log(`| ${name} | ${kb(row.initial)} | ${kb(row.lazy)} |`);

const BUDGET_GZIP_BYTES = 150_000;
const initialGzip = sum(first, 'gzip');
if (initialGzip > BUDGET_GZIP_BYTES) {
  console.error(`\nInitial JavaScript is ${kb(initialGzip)} KB gzipped: over the ${kb(BUDGET_GZIP_BYTES)} KB budget.`);
  process.exitCode = 1;
}
