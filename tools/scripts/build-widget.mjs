#!/usr/bin/env node
// Builds the embeddable click-to-call widget (apps/call-widget) into one minified script plus its gzip twin, and
// fails when it outgrows bench/widget/budget.json. The API serves the result at /widget/switchboard-call.js.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { root } from './lib/bin.mjs';

const outDir = join(root, 'dist', 'apps', 'call-widget');
const outFile = join(outDir, 'switchboard-call.js');
const budget = JSON.parse(readFileSync(join(root, 'bench', 'widget', 'budget.json'), 'utf8'));

mkdirSync(outDir, { recursive: true });
const result = await build({
  entryPoints: [join(root, 'apps', 'call-widget', 'src', 'main.ts')],
  outfile: outFile,
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  // Browsers with WebRTC, custom elements and shadow DOM; older ones cannot place the call anyway.
  target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
  tsconfig: join(root, 'tsconfig.base.json'),
  define: { 'process.env.NODE_ENV': '"production"' },
  // JsSIP's MIT notice travels with the bundle.
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
});
const code = readFileSync(outFile);
const gzipped = gzipSync(code, { level: 9 });
writeFileSync(`${outFile}.gz`, gzipped);
writeFileSync(join(outDir, 'meta.json'), JSON.stringify(result.metafile));

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(
  `call-widget: ${kb(code.length)} minified, ${kb(gzipped.length)} gzipped ` +
    `(budget ${kb(budget.maxMinifiedBytes)} / ${kb(budget.maxGzipBytes)})`,
);
const over = [
  code.length > budget.maxMinifiedBytes && `minified ${code.length} B > ${budget.maxMinifiedBytes} B`,
  gzipped.length > budget.maxGzipBytes && `gzipped ${gzipped.length} B > ${budget.maxGzipBytes} B`,
].filter(Boolean);
if (over.length > 0) {
  console.error(`call-widget is over its size budget (bench/widget/budget.json): ${over.join(', ')}`);
  process.exit(1);
}
