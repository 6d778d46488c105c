import { readFileSync } from 'node:fs';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDatabase } from '../../testing';
import { applyMigrations, listMigrations, MigrationError } from './migrations';

const root = join(__dirname, '..', '..', '..', '..', '..');
const migrationsDir = join(root, 'prisma', 'migrations');

async function freshDatabase(): Promise<string> {
  const admin = process.env['SB_TEST_ADMIN_URL'] ?? '';
  return createDatabase(admin, `${process.env['SB_TEST_DB_PREFIX'] ?? 'sb_test'}_mig_${Math.random().toString(16).slice(2, 10)}`);
}

async function query<T extends object>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The scalar fields and enums of schema.prisma, read with a parser for the subset of the language we use. */
function readSchema(): { models: Map<string, { name: string; type: string; optional: boolean; list: boolean; dbType?: string }[]>; enums: Map<string, string[]> } {
  const text = readFileSync(join(root, 'prisma', 'schema.prisma'), 'utf8');
  const enums = new Map<string, string[]>();
  for (const [, name = '', body = ''] of text.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    const values = body.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//'));
    enums.set(name, values.map((v) => /@map\("([^"]+)"\)/.exec(v)?.[1] ?? v.split(/\s+/)[0] ?? ''));
  }
  const models = new Map<string, { name: string; type: string; optional: boolean; list: boolean; dbType?: string }[]>();
  for (const [, name = '', body = ''] of text.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
    const fields = body
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('//') && !l.startsWith('@@'))
      .map((l) => {
        const [field = '', type = ''] = l.split(/\s+/);
        return { name: field, type: type.replace(/[?[\]]/g, ''), optional: type.endsWith('?'), list: type.endsWith('[]'), dbType: /@db\.(\w+)/.exec(l)?.[1] };
      })
      .filter((f) => ['String', 'Int', 'BigInt', 'Boolean', 'DateTime', 'Json'].includes(f.type) || enums.has(f.type));
    models.set(name, fields);
  }
  return { models, enums };
}

describe('migrations (real PostgreSQL)', () => {
  it('applies every migration once, with Prisma-compatible bookkeeping; a second run changes nothing', async () => {
    const url = await freshDatabase();
    const first = await applyMigrations(url, migrationsDir);
    expect(first.applied).toEqual(listMigrations(migrationsDir).map((m) => m.name));
    const second = await applyMigrations(url, migrationsDir);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => [r.migration_name, r.checksum, r.finished_at !== null, r.applied_steps_count])).toEqual(
      listMigrations(migrationsDir).map((m) => [m.name, m.checksum, true, 1]),
    );
  });

  it('rolls a failing migration back completely and refuses to start until it is resolved', async () => {
    const url = await freshDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'sb-migrations-'));
    mkdirSync(join(dir, '20260101000000_ok'));
    writeFileSync(join(dir, '20260101000000_ok', 'migration.sql'), 'CREATE TABLE "A" ("id" INTEGER PRIMARY KEY);');
    mkdirSync(join(dir, '20260102000000_broken'));
    writeFileSync(join(dir, '20260102000000_broken', 'migration.sql'), 'CREATE TABLE "B" ("id" INTEGER);\nSELECT * FROM "no_such_table";');
    await expect(applyMigrations(url, dir)).rejects.toThrow(/20260102000000_broken failed and was rolled back: .*no_such_table/);
    const tables = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    expect(tables.map((t) => t.table_name)).toEqual(['A', '_prisma_migrations']);
    // A run interrupted half-way by a crash leaves a row without finished_at, as Prisma does; we must refuse it.
    await query(url, `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'y', '20260102000000_broken')`);
    await expect(applyMigrations(url, dir)).rejects.toThrow(MigrationError);
  });

  it('leaves a database that matches schema.prisma column by column (drift check)', async () => {
    const url = await freshDatabase();
    await applyMigrations(url, migrationsDir);
    const { models, enums } = readSchema();
    const columns = await query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      url,
      "SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    const expectedColumns = [...models].flatMap(([model, fields]) =>
      fields.map((f) => {
        const udt = enums.has(f.type)
          ? f.type
          : { String: f.dbType === 'Uuid' ? 'uuid' : 'text', Int: 'int4', BigInt: 'int8', Boolean: 'bool', DateTime: 'timestamptz', Json: f.dbType === 'Json' ? 'json' : 'jsonb' }[f.type];
        // Prisma creates scalar lists without NOT NULL.
        return `${model}.${f.name} ${f.list ? `_${udt}` : udt} ${f.optional || f.list ? 'NULL' : 'NOT NULL'}`;
      }),
    );
    const actualColumns = columns.map((c) => `${c.table_name}.${c.column_name} ${c.udt_name} ${c.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`);
    expect(actualColumns.sort()).toEqual(expectedColumns.sort());
    const enumRows = await query<{ name: string; values: string[] }>(
      url,
      'SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname',
    );
    expect(Object.fromEntries(enumRows.map((e) => [e.name, e.values]))).toEqual(Object.fromEntries(enums));
  });

  it('keeps replays of the ESL event log idempotent at the database level (unique node + sequence)', async () => {
    const url = await freshDatabase();
    await applyMigrations(url, migrationsDir);
    const insert = `INSERT INTO "CallEvent" (node, sequence, name, "timestampUs", headers) VALUES ('core-1', 42, 'CHANNEL_CREATE', 1, '{}') ON CONFLICT (node, sequence) DO NOTHING`;
    await query(url, insert);
    await query(url, insert);
    expect(await query<{ count: string }>(url, 'SELECT count(*) FROM "CallEvent"')).toEqual([{ count: '1' }]);
  });
});
