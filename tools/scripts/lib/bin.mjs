// Where an installed package's command-line entry point is, read from its package.json "bin" (packages move
// them between versions, e.g. nx 23 ships dist/bin/nx.js).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Absolute path of `command` from package `pkg` (the package's only or same-named bin by default). */
export function binPath(pkg, command = pkg) {
  const dir = join(root, 'node_modules', pkg);
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const relative = typeof bin === 'string' ? bin : bin?.[command];
  if (!relative) throw new Error(`${pkg} has no "${command}" command`);
  return join(dir, relative);
}
