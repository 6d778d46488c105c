// How long the reports take, and how much memory they hold, over a 93-day range of seeded call records: the queue,
// agent and hourly reports and a queue's "today", computed by ReportsService (util-metrics over windows of rows)
// against PostgreSQL. Run: node bench/reports/run.mjs
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { cpus as cpuList } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, PrismaService } from '@switchboard/api/data-access-db';
import { createDatabase, startTestPostgres, stopTestPostgres } from '@switchboard/api/data-access-db/testing';
import { ReportDataRepository, ReportsService } from '@switchboard/api/feature-reports';

const root = process.env['BENCH_ROOT'] ?? process.cwd();
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CALLS = arg('calls', 300_000);
const DAYS = arg('days', 93);
const QUEUES = ['support', 'sales', 'billing', 'tech', 'vip', 'returns', 'orders', 'general'];
const AGENTS = 60;
const TO = new Date('2026-11-30T00:00:00Z');
const FROM = new Date(TO.getTime() - DAYS * 86_400_000);

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same calls. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function seed(prisma: PrismaService): Promise<void> {
  const rnd = random(7);
  for (const name of QUEUES)
    await prisma.queue.create({
      data: { name, displayName: name, serviceLevelSeconds: 20 + Math.floor(rnd() * 3) * 10 },
    });
  const agents: { id: string; name: string }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const user = await prisma.user.create({
      data: { email: `agent${i}@bench.test`, displayName: `Agent ${i}`, role: 'AGENT', passwordHash: 'x' },
    });
    agents.push(await prisma.agent.create({ data: { userId: user.id, name: `${1000 + i}@bench.test` } }));
  }
  // Each agent: available 08:00, break 12:00-12:30, logged out 16:30, every day.
  const changes = agents.flatMap((agent) =>
    Array.from({ length: DAYS }, (_, d) => {
      const day = FROM.getTime() + d * 86_400_000;
      const at = (h: number) => new Date(day + h * 3_600_000);
      return [
        { agentId: agent.id, status: 'AVAILABLE' as const, source: 'AGENT' as const, at: at(8) },
        { agentId: agent.id, status: 'ON_BREAK' as const, source: 'AGENT' as const, at: at(12) },
        { agentId: agent.id, status: 'AVAILABLE' as const, source: 'AGENT' as const, at: at(12.5) },
        { agentId: agent.id, status: 'LOGGED_OUT' as const, source: 'AGENT' as const, at: at(16.5) },
      ];
    }).flat(),
  );
  for (let i = 0; i < changes.length; i += 5_000)
    await prisma.agentStatusChange.createMany({ data: changes.slice(i, i + 5_000) });
  const span = TO.getTime() - FROM.getTime();
  for (let i = 0; i < CALLS; i += 5_000) {
    const batch = Array.from({ length: Math.min(5_000, CALLS - i) }, () => {
      const uuid = randomUUID();
      const joined = new Date(FROM.getTime() + Math.floor(rnd() * span));
      const wait = Math.floor(rnd() * 120);
      const roll = rnd();
      const answered = roll < 0.85;
      const talk = 30 + Math.floor(rnd() * 600);
      const reason = roll < 0.95 ? 'BREAK_OUT' : roll < 0.98 ? 'TIMEOUT' : 'NO_AGENT_TIMEOUT';
      return {
        node: 'bench',
        uuid,
        channelUuids: [uuid],
        direction: 'INBOUND' as const,
        queueName: `${QUEUES[Math.floor(rnd() * QUEUES.length)] ?? 'support'}@bench.test`,
        agentName: answered ? `${1000 + Math.floor(rnd() * AGENTS)}@bench.test` : null,
        startedAt: new Date(joined.getTime() - 3_000),
        queueJoinedAt: joined,
        queueLeftAt: new Date(joined.getTime() + wait * 1000),
        bridgedAt: answered ? new Date(joined.getTime() + wait * 1000) : null,
        endedAt: new Date(joined.getTime() + (wait + (answered ? talk : 0)) * 1000),
        waitSeconds: wait,
        talkSeconds: answered ? talk : null,
        holdSeconds: answered && rnd() < 0.2 ? Math.floor(rnd() * 90) : 0,
        wrapUpSeconds: answered ? Math.floor(rnd() * 60) : null,
        queueOutcome: answered
          ? ('ANSWERED' as const)
          : reason === 'BREAK_OUT'
            ? ('ABANDONED' as const)
            : reason === 'TIMEOUT'
              ? ('TIMEOUT' as const)
              : ('NO_AGENT' as const),
        ccCancelReason: answered ? null : reason,
      };
    });
    await prisma.call.createMany({ data: batch });
  }
}

/** Runs `work`, sampling the V8 heap every 10 ms; returns seconds and the peak heap growth in MiB. */
async function measure<T>(work: () => Promise<T>): Promise<{ seconds: number; heapMiB: number; result: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  const started = process.hrtime.bigint();
  const result = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { seconds, heapMiB: Math.round((peak - base) / 1_048_576), result };
}

async function main(): Promise<void> {
  const pg = await startTestPostgres();
  const url = await createDatabase(pg.adminUrl, `${pg.prefix}_bench_reports`);
  await applyMigrations(url, join(root, 'prisma', 'migrations'));
  const prisma = new PrismaService(url);
  await prisma.onModuleInit();
  const seeding = await measure(() => seed(prisma));
  console.log(`seeded ${CALLS} calls over ${DAYS} days in ${seeding.seconds.toFixed(1)} s`);
  await prisma.$executeRawUnsafe('ANALYZE');
  const reports = new ReportsService(new ReportDataRepository(prisma), () => new Date(TO.getTime() - 3_600_000), 'UTC');
  const range = { from: FROM, to: TO, timeZone: 'Europe/Paris', format: 'json' as const };
  const runs = [
    ['queues (8 rows)', () => reports.byQueue(range)],
    ['agents (60 rows, status history)', () => reports.byAgent(range)],
    [`intervals hour (${DAYS * 24} rows)`, () => reports.byInterval({ ...range, interval: 'hour' })],
    [`intervals day (${DAYS} rows)`, () => reports.byInterval({ ...range, interval: 'day' })],
    ['today, one queue', () => reports.queueToday('support', 'Europe/Paris')],
  ] as const;
  const lines: string[] = [];
  for (const [name, run] of runs) {
    const m = await measure(run as () => Promise<unknown>);
    lines.push(`| ${name} | ${m.seconds.toFixed(2)} | ${m.heapMiB} |`);
    console.log(lines.at(-1));
  }
  await prisma.onApplicationShutdown();
  await stopTestPostgres(pg);

  const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  const report = [
    `\n## ${new Date().toISOString()} — commit ${commit}`,
    `Machine: ${cpuList().length} × ${cpuList()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, PostgreSQL ${process.env['TEST_DATABASE_URL'] ? 'TEST_DATABASE_URL' : 'embedded'}`,
    `${CALLS} calls over ${DAYS} days (${Math.round(CALLS / DAYS)} a day), 8 queues, 60 agents, 4 status changes per agent per day.`,
    '',
    '| report over the whole range | seconds | peak heap growth (MiB) |',
    '|---|---:|---:|',
    ...lines,
  ].join('\n');
  console.log(report);
  if (!process.argv.includes('--no-write')) appendFileSync(join(root, 'bench', 'reports', 'results.md'), `${report}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
