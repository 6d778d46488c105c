// One phase of the benchmark: SIPp keeps `target` queue calls up for a while, then everything settles and the phase
// is judged: what SIPp saw, what FreeSWITCH saw and logged, what the product recorded, how late, at what cost.
import { join } from 'node:path';
import type { FsEventSocket } from './esl';
import { type FreeswitchLog, apiLog, type LogSummary, sizeOf } from './logs';
import { type CallerPhone, QUEUE } from './provision';
import {
  type FsCall,
  type FsCallBook,
  backendPids,
  histogramQuantile,
  lagBuckets,
  problemsOf,
  recordsOf,
  storedLag,
} from './records';
import { POSTGRES_PREFIX, type Sampler, type Sample, groupCpu, usageOver } from './sampler';
import { type SippRun, errorSummary, lastStats, lateChallenges, refusals, responseTimes, startCallers } from './sipp';
import { SIP_DOMAIN } from './stack';

export interface PhasePlan {
  readonly label: string;
  /** Concurrent queue calls wanted. */
  readonly target: number;
  /** New calls per second while ramping up (and replacing ended calls). */
  readonly rate: number;
  readonly holdS: number;
  /** How long to keep `target` calls up after the ramp. */
  readonly steadyS: number;
  readonly caller: CallerPhone;
}

export interface PhaseResult {
  readonly plan: PhasePlan;
  readonly limit: number;
  readonly sipp: {
    attempted: number;
    succeeded: number;
    failed: number;
    failures: Record<string, number>;
    /** FreeSWITCH's final answers to refused INVITEs (503 over sessions-per-second, 403 on auth failure...). */
    refusals: { status: string; count: number }[];
    /** Calls whose first 407 came again after their authenticated INVITE (acknowledged, not failures). */
    lateChallenges: number;
    retransmissions: number;
    errors: { message: string; count: number }[];
    setupMs: { p50: number; p99: number; max: number };
    exitCode: number | null;
  };
  readonly uas: { answered: number; failed: number };
  /** Of the bridged caller legs that lasted the hold time: how many carried ≥ 90 % of 50 packets/s × hold both ways. */
  readonly media: { legs: number; fullBothWays: number; medianIn: number; medianOut: number };
  /** Seconds FreeSWITCH had at least `target` calls (sampled once a second), and its calls then. */
  readonly held: { seconds: number; minCalls: number; medianCalls: number; maxCalls: number; maxChannels: number };
  readonly records: {
    fsLegs: number;
    found: number;
    inQueue: number;
    correct: number;
    problems: { problem: string; count: number }[];
    /** Caller legs FreeSWITCH had without a record (incomplete), and records with no such caller leg (strays). */
    missing: number;
    strays: number;
    /** Records that are not queue calls: calls FreeSWITCH ended before the queue (e.g. the queue lookup failed). */
    notQueued: number;
  };
  readonly lag: {
    histogram: {
      p50Ms: number;
      p99Ms: number;
      p50Within: [number, number];
      p99Within: [number, number];
      events: number;
    };
    stored: Awaited<ReturnType<typeof storedLag>>;
  };
  /** CHANNEL_HANGUP → CHANNEL_HANGUP_COMPLETE of caller legs: the channel waits for mod_json_cdr's POST. */
  readonly cdrPostMs: { p50: number; p99: number; max: number };
  /** One directory lookup of the caller a second while the callers ran (what each challenged INVITE waits for). */
  readonly directoryMs: { p50: number; p99: number; max: number; failed: number; probes: number };
  /** Event timestamp → read by the benchmark's own ESL connection: FreeSWITCH's part of any lag. */
  readonly fsDeliveryMs: { p50: number; p99: number; max: number };
  readonly usage: Record<string, { cpuPct: number; peakRssMiB: number }>;
  readonly window: { seconds: number; steady: boolean };
  readonly load: { atStart: number; max: number };
  readonly ingestBufferMax: number;
  readonly freeswitchLog: LogSummary;
  readonly apiLog: LogSummary;
}

export interface PhaseContext {
  readonly base: string;
  readonly token: () => Promise<string>;
  readonly esl: FsEventSocket;
  readonly book: FsCallBook;
  readonly sampler: Sampler;
  readonly databaseUrl: string;
  readonly scenario: string;
  readonly outDir: string;
  readonly freeswitchLog: FreeswitchLog;
  readonly apiLogFile: string;
  readonly uasDir: string;
  /** Called with the running callers, so the sampler can follow their CPU. */
  readonly onCallers: (run: SippRun | undefined) => void;
  readonly log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const num = (row: Record<string, string>, column: string): number => Number(row[column] ?? 0) || 0;

function percentiles(values: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

const uasTotals = (dir: string) => {
  const row = lastStats(dir, 'uas-stats.csv');
  return { answered: num(row, 'SuccessfulCall(C)'), failed: num(row, 'FailedCall(C)') };
};

export async function runPhase(plan: PhasePlan, ctx: PhaseContext): Promise<PhaseResult> {
  // A few percent above the target, so that calls being torn down and replaced do not dip FreeSWITCH below it.
  const limit = Math.ceil(plan.target * 1.03);
  const calls = limit + Math.ceil((plan.steadyS * limit) / (plan.holdS + 0.5));
  const rampS = limit / plan.rate;
  const budgetS = Math.ceil(rampS + plan.steadyS + plan.holdS + 90);
  ctx.log(
    `${plan.label}: ${calls} calls, ${limit} at once, ${plan.rate}/s, hold ${plan.holdS} s (about ${Math.round(rampS + plan.steadyS + plan.holdS)} s)`,
  );
  const metricsBefore = lagBuckets(await fetch(`${ctx.base}/metrics`).then((r) => r.text()));
  const apiLogOffset = sizeOf(ctx.apiLogFile);
  const uasBefore = uasTotals(ctx.uasDir);
  const startMs = Date.now();
  const dir = join(ctx.outDir, plan.label);
  const run = startCallers(dir, {
    scenario: ctx.scenario,
    freeswitch: '127.0.0.1:5060',
    service: QUEUE.number,
    caller: plan.caller,
    domain: SIP_DOMAIN,
    host: '127.0.0.1',
    limit,
    rate: plan.rate,
    calls,
    holdMs: plan.holdS * 1000,
    timeoutS: budgetS,
  });
  ctx.onCallers(run);
  const exitCode = await run.exited;
  const endMs = Date.now();
  ctx.onCallers(undefined);
  ctx.log(`${plan.label}: SIPp exited (${exitCode}) after ${Math.round((endMs - startMs) / 1000)} s; settling`);
  await settle(ctx, plan.caller.number);
  const settledMs = Date.now();
  const metricsAfter = lagBuckets(await fetch(`${ctx.base}/metrics`).then((r) => r.text()));

  const stats = lastStats(dir, 'stats.csv');
  const failures = Object.fromEntries(
    Object.keys(stats)
      .filter((column) => column.startsWith('Failed') && column.endsWith('(C)') && column !== 'FailedCall(C)')
      .map((column) => [column.replace('(C)', ''), num(stats, column)])
      .filter(([, count]) => Number(count) > 0),
  ) as Record<string, number>;
  // The built-in UAS counts a call 4 s after its BYE (timewait).
  await sleep(4500);
  const uasAfter = uasTotals(ctx.uasDir);

  const fsLegs = ctx.book.of(plan.caller.number);
  const byUuid = new Map(fsLegs.map((c) => [c.uuid, c]));
  const records = await recordsOf(ctx.base, await ctx.token(), plan.caller.number);
  const inQueue = records.filter((r) => r.queue !== null);
  const recordUuids = new Set(records.map((r) => r.uuid));
  const problemCounts = new Map<string, number>();
  let correct = 0;
  for (const record of inQueue) {
    const problems = problemsOf(record, plan.holdS, byUuid.get(record.uuid));
    if (problems.length === 0) correct++;
    for (const problem of problems) {
      const key = problem.replace(/-?\d+ s \(/, 'N s (');
      problemCounts.set(key, (problemCounts.get(key) ?? 0) + 1);
    }
  }

  const samples = ctx.sampler.between(startMs, endMs);
  const held = heldWindow(samples, plan.target);
  const window = held.samples.length >= 10 ? held.samples : samples;
  const usage: PhaseResult['usage'] = {};
  for (const name of new Set(window.flatMap((s) => Object.keys(s.processes))))
    if (!name.startsWith(POSTGRES_PREFIX)) usage[name] = usageOver(window, name);
  usage['postgres (API backends)'] = { cpuPct: groupCpu(window, POSTGRES_PREFIX), peakRssMiB: NaN };
  const p50 = histogramQuantile(metricsBefore, metricsAfter, 0.5);
  const p99 = histogramQuantile(metricsBefore, metricsAfter, 0.99);
  const fsCalls = held.samples.map((s) => s.fsCalls ?? 0).sort((a, b) => a - b);

  return {
    plan,
    limit,
    sipp: {
      attempted: num(stats, 'TotalCallCreated'),
      succeeded: num(stats, 'SuccessfulCall(C)'),
      failed: num(stats, 'FailedCall(C)'),
      failures,
      retransmissions: num(stats, 'Retransmissions(C)'),
      refusals: refusals(dir),
      lateChallenges: lateChallenges(dir),
      errors: errorSummary(dir),
      setupMs: percentiles(responseTimes(dir)),
      exitCode,
    },
    uas: { answered: uasAfter.answered - uasBefore.answered, failed: uasAfter.failed - uasBefore.failed },
    media: mediaOf(fsLegs, plan.holdS),
    held: {
      seconds: held.seconds,
      minCalls: fsCalls[0] ?? 0,
      medianCalls: fsCalls[Math.floor(fsCalls.length / 2)] ?? 0,
      maxCalls: Math.max(0, ...samples.map((s) => s.fsCalls ?? 0)),
      maxChannels: Math.max(0, ...samples.map((s) => s.fsChannels ?? 0)),
    },
    records: {
      fsLegs: fsLegs.length,
      found: records.length,
      inQueue: inQueue.length,
      correct,
      problems: [...problemCounts].map(([problem, count]) => ({ problem, count })).sort((a, b) => b.count - a.count),
      missing: fsLegs.filter((leg) => !recordUuids.has(leg.uuid)).length,
      strays: records.filter((r) => !byUuid.has(r.uuid)).length,
      notQueued: records.length - inQueue.length,
    },
    lag: {
      histogram: {
        p50Ms: p50.seconds * 1000,
        p99Ms: p99.seconds * 1000,
        p50Within: [p50.within[0] * 1000, p50.within[1] * 1000],
        p99Within: [p99.within[0] * 1000, p99.within[1] * 1000],
        events: p50.count,
      },
      stored: await storedLag(ctx.databaseUrl, startMs, settledMs),
    },
    cdrPostMs: percentiles(fsLegs.map((c) => c.reportingMs ?? NaN).filter(Number.isFinite)),
    directoryMs: directoryOf(samples),
    fsDeliveryMs: percentiles(
      ctx.book.deliveries.filter((d) => d.atMs >= startMs && d.atMs <= settledMs).map((d) => d.delayMs),
    ),
    usage,
    window: {
      seconds: Math.round(((window.at(-1)?.atMs ?? 0) - (window[0]?.atMs ?? 0)) / 1000),
      steady: window === held.samples,
    },
    load: { atStart: samples[0]?.load1 ?? NaN, max: Math.max(...samples.map((s) => s.load1)) },
    ingestBufferMax: Math.max(0, ...ctx.sampler.between(startMs, settledMs).map((s) => s.ingestBuffer ?? 0)),
    freeswitchLog: ctx.freeswitchLog.between(startMs, settledMs),
    apiLog: apiLog(ctx.apiLogFile, apiLogOffset),
  };
}

/** Over the caller legs that were bridged to an agent and lasted the hold time (failed calls say nothing of media). */
function mediaOf(all: readonly FsCall[], holdS: number): PhaseResult['media'] {
  const legs = all.filter((l) => l.bridgedMs && l.createdMs && l.hangupMs && l.hangupMs - l.createdMs >= holdS * 1000);
  const expected = 0.9 * 50 * holdS;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return {
    legs: legs.length,
    fullBothWays: legs.filter((l) => l.rtpIn >= expected && l.rtpOut >= expected).length,
    medianIn: median(legs.map((l) => l.rtpIn)),
    medianOut: median(legs.map((l) => l.rtpOut)),
  };
}

function directoryOf(samples: readonly Sample[]): PhaseResult['directoryMs'] {
  const probes = samples.map((s) => s.directoryMs).filter((ms): ms is number => ms !== undefined);
  const answered = probes.filter(Number.isFinite);
  return { ...percentiles(answered), failed: probes.length - answered.length, probes: probes.length };
}

/** The longest run of consecutive samples with FreeSWITCH holding at least `target` calls. */
function heldWindow(samples: readonly Sample[], target: number): { seconds: number; samples: Sample[] } {
  let best: Sample[] = [];
  let current: Sample[] = [];
  for (const sample of samples) {
    if ((sample.fsCalls ?? 0) >= target) current.push(sample);
    else current = [];
    if (current.length > best.length) best = [...current];
  }
  const seconds = best.length > 1 ? ((best.at(-1)?.atMs ?? 0) - (best[0]?.atMs ?? 0)) / 1000 : 0;
  return { seconds: Math.round(seconds), samples: best };
}

/**
 * Waits (at most 60 s) until FreeSWITCH has no channels left and the caller's record count has stopped changing
 * with every record ended and merged with its CDR.
 */
async function settle(ctx: PhaseContext, caller: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = -1;
  while (Date.now() < deadline) {
    await sleep(2000);
    const channels = await ctx.esl.api('show channels count', 5000).catch(() => '');
    if (!/^0 total/m.test(channels)) continue;
    const records = await recordsOf(ctx.base, await ctx.token(), caller).catch(() => undefined);
    if (!records) continue;
    const done = records.every((r) => r.endedAt && r.sources.includes('cdr'));
    if (done && records.length === last) return;
    last = records.length;
  }
  ctx.log('  (records still changing after 60 s; judged as they are)');
}

/** Keeps the sampler's list of PostgreSQL backends of the API's database fresh. */
export function followBackends(databaseUrl: string, into: number[]): NodeJS.Timeout {
  const refresh = () =>
    void backendPids(databaseUrl).then(
      (pids) => into.splice(0, into.length, ...pids),
      () => undefined,
    );
  refresh();
  return setInterval(refresh, 5000);
}
