// Events persisted per second: generated contact-center traffic as ESL wire bytes → EslParser → CallAssembler →
// batched CallWriter → PostgreSQL (CallEvent rows by COPY + upserted Call records), as the API ingests ESL events.
// Lost and duplicated events are counted in the database against the sequences sent. Run: node bench/esl/persist.mjs
import { execSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { cpus as cpuList, loadavg } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, PrismaService } from '@switchboard/api/data-access-db';
import { createDatabase, startTestPostgres, stopTestPostgres } from '@switchboard/api/data-access-db/testing';
import { EslParser } from '@switchboard/api/data-access-esl';
import { encodePlainEvent, generateTraffic, stampEvent } from '@switchboard/api/data-access-esl/testing';
import { MetricsRegistry } from '@switchboard/api/feature-health';
import type { AppConfig } from '@switchboard/api/util-config';
import { CallWriter } from '../../libs/api/feature-calls/src/lib/ingestion/call-writer';
import { IngestionService } from '../../libs/api/feature-calls/src/lib/ingestion/ingestion.service';

const root = process.env['BENCH_ROOT'] ?? process.cwd();
const count = Number(process.argv.find((a) => a.startsWith('--events='))?.split('=')[1] ?? 100_000);
/** What one socket read hands over (Node's default highWaterMark for a net.Socket). */
const SOCKET_READ = 64 * 1024;

const IDENTITY = { coreUuid: '0b0b0b0b-1111-4222-8333-bench0000001', hostname: 'bench', ipv4: '192.0.2.9' };
const TARGET = 50_000;

/**
 * FreeSWITCH's events as they come down the socket: text/event-plain frames in one buffer, generated beforehand
 * (the simulator is slower than ingestion). Held as bytes, outside the JavaScript heap, as a socket's data is:
 * 100,000 events made beforehand as objects were half a gigabyte that every major GC of the run walked through.
 */
function wire(n: number): { bytes: Buffer; sent: bigint[] } {
  const frames: Buffer[] = [];
  const sent: bigint[] = [];
  let sequence = 0n;
  for (const sim of generateTraffic({ seed: 42, rate: 20, agents: 50 }, n)) {
    frames.push(encodePlainEvent(stampEvent(sim, IDENTITY, ++sequence, sim.timestampUs), sim.body));
    sent.push(sequence);
  }
  return { bytes: Buffer.concat(frames), sent };
}

/**
 * CPU time the bench database's server processes have used, when the server runs on this machine (undefined
 * otherwise). On a shared machine the wall-clock rate moves with everyone's load; CPU per event much less so.
 */
async function backendCpuSeconds(prisma: PrismaService): Promise<number | undefined> {
  const { rows } = await prisma.pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux
  try {
    let ticks = 0;
    for (const { pid } of rows) {
      // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the ")" that ends the command name.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / ticksPerSecond;
  } catch {
    // Expected when PostgreSQL runs elsewhere (another host or container): no CPU figure then.
    return undefined;
  }
}

/** Every sent event's row, counted in the database: lost = sent and not stored, duplicated = stored more than once. */
async function checkLog(prisma: PrismaService, node: string, sent: readonly bigint[]) {
  const { rows } = await prisma.pool.query<{ stored: string; lost: string; duplicated: string }>(
    `SELECT (SELECT count(*) FROM "CallEvent" WHERE node = $1) AS stored,
       (SELECT count(*) FROM unnest($2::bigint[]) AS s(sequence)
         WHERE NOT EXISTS (SELECT 1 FROM "CallEvent" e WHERE e.node = $1 AND e.sequence = s.sequence)) AS lost,
       (SELECT count(*) - count(DISTINCT sequence) FROM "CallEvent" WHERE node = $1) AS duplicated`,
    [node, sent.map(String)],
  );
  const row = rows[0];
  return { stored: Number(row?.stored), lost: Number(row?.lost), duplicated: Number(row?.duplicated) };
}

async function main(): Promise<void> {
  const pg = await startTestPostgres();
  const url = await createDatabase(pg.adminUrl, `${pg.prefix}_bench`);
  await applyMigrations(url, join(root, 'prisma', 'migrations'));
  const prisma = new PrismaService(url);
  await prisma.onModuleInit();
  const writer = new CallWriter(prisma);
  const { bytes, sent } = wire(count);
  // The production path: EslParser (as the ESL connection feeds it, in socket-sized chunks) → IngestionService
  // (synchronous ingest, batched background writes), with the event loop free between chunks as a socket read leaves it.
  const ingestion = new IngestionService(writer, new MetricsRegistry(), { ingestBufferMax: 10_000_000 } as AppConfig);
  const parser = new EslParser();
  const rssBefore = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const nodeCpuBefore = process.cpuUsage();
  let parseNs = 0n;
  for (let at = 0; at < bytes.length; at += SOCKET_READ) {
    const parseStarted = process.hrtime.bigint();
    const results = parser.push(bytes.subarray(at, at + SOCKET_READ));
    parseNs += process.hrtime.bigint() - parseStarted;
    for (const result of results) {
      if (!result.ok || result.message.type !== 'event') throw new Error('a generated frame did not parse as an event');
      ingestion.ingest(result.message.event);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  await ingestion.drain();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const nodeCpu = process.cpuUsage(nodeCpuBefore);
  const nodeCpuSeconds = (nodeCpu.user + nodeCpu.system) / 1e6;
  const postgresCpuSeconds = await backendCpuSeconds(prisma);
  const log = await checkLog(prisma, IDENTITY.coreUuid, sent);
  const calls = await prisma.call.count();
  // Measured on what was stored, not on the events beforehand: reading every event's headers there would decode
  // them before the clock starts, which ingestion has to do itself.
  const { rows: sizes } = await prisma.pool.query<{ bytes: string }>(
    'SELECT avg(octet_length(coalesce(raw, headers::text)))::int AS bytes FROM "CallEvent"',
  );
  console.log(`average headers: ${sizes[0]?.bytes} bytes per event as logged`);
  await prisma.onApplicationShutdown();
  await stopTestPostgres(pg);

  const rate = Math.round(log.stored / seconds);
  // What the persistence stage alone achieved: the same run with the parser's share of the Node thread taken out
  // (earlier runs of this bench fed ready-made events and timed no parsing; bench/esl/results.md times the parser).
  const parseSeconds = Number(parseNs) / 1e9;
  const rateWithoutParse = Math.round(log.stored / (seconds - parseSeconds));
  const cpuSeconds = nodeCpuSeconds + (postgresCpuSeconds ?? Number.NaN);
  const cpuPerEventUs = (cpuSeconds / log.stored) * 1e6;
  const [load1] = loadavg();
  const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  const report = [
    `\n## ${new Date().toISOString()} — commit ${commit}`,
    `Machine: ${cpuList().length} × ${cpuList()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, PostgreSQL ${process.env['TEST_DATABASE_URL'] ? 'TEST_DATABASE_URL' : 'embedded'}`,
    '',
    '| events sent | stored | lost | duplicated | call records | seconds | of which parsing | events/s persisted (wire → rows) | without parsing | RSS growth | load (1 min) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${sent.length} | ${log.stored} | ${log.lost} | ${log.duplicated} | ${calls} | ${seconds.toFixed(2)} | ${parseSeconds.toFixed(2)} | ${rate} | ${rateWithoutParse} | ${Math.round((process.memoryUsage().rss - rssBefore) / 1048576)} MiB | ${load1?.toFixed(2)} |`,
    '',
    `CPU: Node ${nodeCpuSeconds.toFixed(2)} s (its own threads and GC included), PostgreSQL backends ${postgresCpuSeconds?.toFixed(2) ?? 'unknown'} s: ${cpuPerEventUs.toFixed(1)} µs per event, so at most ${Math.round((2 * 1e6) / cpuPerEventUs).toLocaleString('en')} events/s on 2 cores doing nothing else.`,
    '',
    `Target ≥ ${TARGET.toLocaleString('en')} events/s persisted with 0 lost: ${rate >= TARGET && log.lost === 0 && log.duplicated === 0 ? 'met' : 'NOT met'} (without parsing: ${rateWithoutParse >= TARGET && log.lost === 0 && log.duplicated === 0 ? 'met' : 'NOT met'}).`,
  ].join('\n');
  console.log(report);
  if (!process.argv.includes('--no-write'))
    appendFileSync(join(root, 'bench', 'esl', 'persist-results.md'), `${report}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
