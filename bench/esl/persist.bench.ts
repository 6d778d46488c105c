// Events persisted per second: generated contact-center traffic → CallAssembler → batched CallWriter →
// PostgreSQL (CallEvent rows + upserted Call records), as the API ingests ESL events. Run: node bench/esl/persist.mjs
import { execSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { cpus as cpuList } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, PrismaService } from '@switchboard/api/data-access-db';
import { createDatabase, startTestPostgres, stopTestPostgres } from '@switchboard/api/data-access-db/testing';
import { createEslEvent, type EslEvent } from '@switchboard/api/data-access-esl';
import { generateTraffic, stampEvent } from '@switchboard/api/data-access-esl/testing';
import { MetricsRegistry } from '@switchboard/api/feature-health';
import type { AppConfig } from '@switchboard/api/util-config';
import { CallWriter } from '../../libs/api/feature-calls/src/lib/ingestion/call-writer';
import { IngestionService } from '../../libs/api/feature-calls/src/lib/ingestion/ingestion.service';

const root = process.env['BENCH_ROOT'] ?? process.cwd();
const count = Number(process.argv.find((a) => a.startsWith('--events='))?.split('=')[1] ?? 100_000);
const CHUNK = 500;

function events(n: number): EslEvent[] {
  const identity = { coreUuid: '0b0b0b0b-1111-4222-8333-bench0000001', hostname: 'bench', ipv4: '192.0.2.9' };
  const out: EslEvent[] = [];
  let sequence = 0n;
  for (const sim of generateTraffic({ seed: 42, rate: 20, agents: 50 }, n)) {
    const headers = Object.fromEntries(stampEvent(sim, identity, ++sequence, sim.timestampUs));
    const event = createEslEvent(headers, sim.body);
    if (typeof event !== 'string') out.push(event);
  }
  return out;
}

async function main(): Promise<void> {
  const pg = await startTestPostgres();
  const url = await createDatabase(pg.adminUrl, `${pg.prefix}_bench`);
  await applyMigrations(url, join(root, 'prisma', 'migrations'));
  const prisma = new PrismaService(url);
  if (process.env['LZ4']) await prisma.$executeRawUnsafe('ALTER TABLE "CallEvent" ALTER COLUMN headers SET COMPRESSION lz4');
  await prisma.onModuleInit();
  const writer = new CallWriter(prisma);
  const stream = events(count);
  console.log(`average headers: ${Math.round(stream.reduce((n, e) => n + JSON.stringify(e.headers).length, 0) / stream.length)} bytes of JSON per event`);
  // The production path: IngestionService (synchronous ingest, batched background writes), fed in socket-sized
  // chunks with the event loop free in between, as the ESL reader does.
  const ingestion = new IngestionService(writer, new MetricsRegistry(), { ingestBufferMax: 10_000_000 } as AppConfig);
  const rssBefore = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  for (let i = 0; i < stream.length; i += CHUNK) {
    for (const event of stream.slice(i, i + CHUNK)) ingestion.ingest(event);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await ingestion.drain();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = await prisma.callEvent.count();
  const calls = await prisma.call.count();
  await prisma.onModuleDestroy();
  await stopTestPostgres(pg);

  const rate = Math.round(rows / seconds);
  const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  const report = [
    `\n## ${new Date().toISOString()} — commit ${commit}`,
    `Machine: ${cpuList().length} × ${cpuList()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, PostgreSQL ${process.env['TEST_DATABASE_URL'] ? 'TEST_DATABASE_URL' : 'embedded'}`,
    '',
    '| events | call records | seconds | events/s persisted | RSS growth |',
    '|---:|---:|---:|---:|---:|',
    `| ${rows} | ${calls} | ${seconds.toFixed(2)} | ${rate} | ${Math.round((process.memoryUsage().rss - rssBefore) / 1048576)} MiB |`,
    '',
    `Target ≥ 10,000 events/s: ${rate >= 10_000 ? 'met' : 'NOT met'}.`,
  ].join('\n');
  console.log(report);
  if (!process.argv.includes('--no-write')) appendFileSync(join(root, 'bench', 'esl', 'persist-results.md'), `${report}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
