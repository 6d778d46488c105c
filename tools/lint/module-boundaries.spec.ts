import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// Lints in-memory files placed at real project paths with the workspace's boundary rules, so a forbidden import
// is proven to fail lint (and an allowed one to pass) without touching the tree.
const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule options are shared with eslint.config.mjs as CommonJS
const boundaries = require('./module-boundaries.cjs') as object;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- @nx/eslint-plugin is CommonJS
const nx = require('@nx/eslint-plugin') as ESLint.Plugin;

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as never },
        plugins: { '@nx': nx },
        rules: { '@nx/enforce-module-boundaries': ['error', boundaries] },
      },
    ],
  });
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries (lint)', () => {
  jest.setTimeout(60_000);

  it('fails the browser-facing contracts lib when it imports the database layer', async () => {
    const errors = await boundaryErrors('libs/shared/contracts/src/lib/leak.ts', "import { PrismaService } from '@switchboard/api/data-access-db';\nexport const x = PrismaService;\n");
    expect(errors.join('\n')).toMatch(/tagged with "type:contracts" cannot depend on any libs|tagged with "scope:shared" can only depend on libs tagged with "scope:shared"/);
  });

  it('fails an API feature that imports a supervisor (Angular) lib', async () => {
    const errors = await boundaryErrors('libs/api/feature-users/src/lib/leak.ts', "import * as users from '@switchboard/supervisor/feature-users';\nexport const x = users;\n");
    expect(errors.join('\n')).toMatch(/tagged with "scope:api" can only depend on libs tagged with "scope:api", "scope:shared"/);
  });

  it('fails a util lib that imports a data-access lib', async () => {
    const errors = await boundaryErrors('libs/api/util-config/src/lib/leak.ts', "import { PrismaService } from '@switchboard/api/data-access-db';\nexport const x = PrismaService;\n");
    expect(errors.join('\n')).toMatch(/tagged with "type:util" can only depend on libs tagged with "type:util", "type:contracts"/);
  });

  it('passes an allowed import (feature → data-access → contracts)', async () => {
    const errors = await boundaryErrors('libs/api/feature-users/src/lib/ok.ts', "import { PrismaService } from '@switchboard/api/data-access-db';\nimport { ROLES } from '@switchboard/shared/contracts';\nexport const x = [PrismaService, ROLES];\n");
    expect(errors).toEqual([]);
  });
});
