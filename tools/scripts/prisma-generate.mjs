#!/usr/bin/env node
// Runs `prisma generate` so that it also works offline. The Prisma CLI downloads its schema engine at start unless
// PRISMA_SCHEMA_ENGINE_BINARY names an executable; `generate` never runs that engine, so any executable will do.
// A user who has the real engine (PRISMA_SCHEMA_ENGINE_BINARY set already) keeps it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const prismaCli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
if (!existsSync(prismaCli)) {
  console.error(`prisma-generate: the Prisma CLI is not installed at ${prismaCli}; run npm install`);
  process.exit(1);
}
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true',
};
const result = spawnSync(process.execPath, [prismaCli, 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
