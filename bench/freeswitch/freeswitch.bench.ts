// Load on a real FreeSWITCH: SIPp callers keep N queue calls up through mod_callcenter, SIPp agents answer them,
// and the built API ingests FreeSWITCH's events and CDRs. One main phase (100 calls held for 2.5 minutes), then a
// ramp of shorter phases at higher concurrency. Results are appended to results.md (README.md: method).
// Run through run.mjs: node bench/freeswitch/run.mjs [options]
import { execSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startTestPostgres, stopTestPostgres } from '@switchboard/api/data-access-db/testing';
import { FsEventSocket } from './esl';
import { FreeswitchLog } from './logs';
import { type PhasePlan, type PhaseResult, followBackends, runPhase } from './phase';
import { AGENT_UAS, type CallerPhone, connectAgents, login, provision } from './provision';
import { FsCallBook } from './records';
import { renderRun } from './report';
import { Sampler } from './sampler';
import { type SippRun, startAgentUas } from './sipp';
import { BenchStack, ESL_PASSWORD, directoryLookupMs } from './stack';

const root = process.env['BENCH_ROOT'] ?? process.cwd();
const option = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const num = (name: string, fallback: number): number => Number(option(name) ?? fallback);
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const MAIN = {
  target: num('concurrency', 100),
  holdS: num('hold', 30),
  steadyS: num('steady', 150),
  rate: num('rate', 5),
};
const RAMP = (option('ramp') ?? '150,200,300').split(',').filter(Boolean).map(Number);
// 6 new calls/s is 18 FreeSWITCH sessions/s (README: Phases), held 60 s: up to 360 calls at once.
const RAMP_SHAPE = { holdS: num('ramp-hold', 60), steadyS: num('ramp-steady', 15), rate: num('ramp-rate', 6) };
const API_MAIN = option('api') ?? join(root, 'tmp', 'bench-freeswitch', 'src', 'dist', 'apps', 'api', 'main.js');
/** Inside our own network namespace the host's PostgreSQL is out of reach: an embedded one then. */
const NETNS = process.env['BENCH_NETNS'];
/** Stop the ramp when a phase completes fewer than this share of its calls: the next would only fail harder. */
const RAMP_STOP_SUCCESS = 0.5;

const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Waits (at most `maxS`) until the 1-minute load average is below `load`: other work on the machine skews everything. */
async function waitForQuiet(load: number, maxS: number): Promise<void> {
  const deadline = Date.now() + maxS * 1000;
  while ((loadavg()[0] ?? 0) >= load && Date.now() < deadline) {
    log(
      `load average ${loadavg()[0]?.toFixed(2)} ≥ ${load}: waiting (at most until ${new Date(deadline).toISOString().slice(11, 19)})`,
    );
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
}

async function main(): Promise<void> {
  if (!existsSync(API_MAIN)) throw new Error(`no API build at ${API_MAIN} (run.mjs builds it)`);
  await waitForQuiet(num('wait-load', Infinity), num('wait-max', 600));
  const started = Date.now();
  const stamp = new Date(started).toISOString();
  const outDir = join(root, 'tmp', 'bench-freeswitch', `run-${stamp.replace(/[:.]/g, '-')}`);
  mkdirSync(outDir, { recursive: true });
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const phases: PhasePlan[] = [];
  const callerOf = (i: number): CallerPhone => ({
    number: `71${String(i).padStart(2, '0')}`,
    password: `Bench-caller-pass-${i}`,
  });
  phases.push({ label: `main-${MAIN.target}`, ...MAIN, caller: callerOf(0) });
  RAMP.forEach((target, i) => phases.push({ label: `ramp-${target}`, target, ...RAMP_SHAPE, caller: callerOf(i + 1) }));
  const agents = Math.ceil(Math.max(...phases.map((p) => Math.ceil(p.target * 1.03))) * 1.1);

  if (!NETNS) process.env['TEST_DATABASE_URL'] ??= 'postgresql://postgres@127.0.0.1:5432/postgres';
  const postgres = await startTestPostgres();
  log(
    `${NETNS ? `network namespace ${NETNS}, embedded PostgreSQL` : `host loopback, PostgreSQL ${postgres.adminUrl}`}; ` +
      `starting the API (${API_MAIN}) and FreeSWITCH; output in ${outDir}`,
  );
  const stack = await BenchStack.start({
    apiMain: API_MAIN,
    confDir: option('conf') ?? join(root, 'freeswitch'),
    adminUrl: postgres.adminUrl,
    outDir,
    rtpPorts: { start: 20000, end: 30000 },
  }).catch(async (error: unknown) => {
    await stopTestPostgres(postgres);
    throw error;
  });
  let uas: SippRun | undefined;
  let callers: SippRun | undefined;
  let probed: string | undefined;
  const pgPids: number[] = [];
  const backends = followBackends(stack.databaseUrl, pgPids);
  const esl = await FsEventSocket.connect(ESL_PASSWORD);
  const results: PhaseResult[] = [];
  const fsLog = new FreeswitchLog();
  try {
    const book = new FsCallBook();
    await esl.subscribe('CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE', (event, receivedMs) => book.take(event, receivedMs));
    await esl.followLog(4, (level, line, receivedMs) => fsLog.take(level, line, receivedMs));
    let token = await login(stack.base);
    let tokenAt = Date.now();
    // Access tokens live 15 minutes; a fresh one per phase keeps a long run simple.
    const freshToken = async (): Promise<string> => {
      if (Date.now() - tokenAt > 5 * 60_000) [token, tokenAt] = [await login(stack.base), Date.now()];
      return token;
    };
    log(`provisioning ${phases.length} callers, the queue and ${agents} agents through the API`);
    const provisionStart = Date.now();
    await provision(
      stack.base,
      token,
      phases.map((p) => p.caller),
      agents,
    );
    const connectStart = Date.now();
    await connectAgents(esl, agents);
    log(
      `${agents} agents provisioned in ${Math.round((connectStart - provisionStart) / 1000)} s, Available in ` +
        `mod_callcenter in ${Math.round((Date.now() - connectStart) / 1000)} s, reached at ${AGENT_UAS.host}:${AGENT_UAS.port}`,
    );
    const uasDir = join(outDir, 'uas');
    uas = startAgentUas(uasDir, AGENT_UAS.host, AGENT_UAS.port, 1800);
    const sampler = new Sampler(
      () => ({
        api: stack.api.pid,
        freeswitch: stack.freeswitch.pid,
        'sipp agents': uas?.child.pid,
        'sipp callers': callers?.child.pid,
      }),
      esl,
      `${stack.base}/metrics`,
      () => pgPids,
      // While callers run: the lookup FreeSWITCH makes for each of their challenged INVITEs.
      () => (callers && probed ? directoryLookupMs(stack.base, probed) : undefined),
    );
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const plan of phases) {
      probed = plan.caller.number;
      const result = await runPhase(plan, {
        base: stack.base,
        token: freshToken,
        esl,
        book,
        sampler,
        databaseUrl: stack.databaseUrl,
        scenario: join(root, 'tools', 'sip', 'scenarios', 'uac-auth-queue-load.xml'),
        outDir,
        freeswitchLog: fsLog,
        apiLogFile: stack.apiLog,
        uasDir,
        onCallers: (run) => (callers = run),
        log,
      });
      results.push(result);
      log(
        `${plan.label}: SIPp ${result.sipp.succeeded}/${result.sipp.attempted} ok, held ${result.held.seconds} s, ` +
          `records ${result.records.correct}/${result.records.inQueue} correct, lag p99 ${Math.round(result.lag.histogram.p99Ms)} ms ` +
          `(DB ${Math.round(result.lag.stored.p99Ms)} ms), API CPU ${Math.round(result.usage['api']?.cpuPct ?? NaN)}%`,
      );
      if (result.sipp.attempted > 0 && result.sipp.succeeded / result.sipp.attempted < RAMP_STOP_SUCCESS) {
        log(`${plan.label}: fewer than ${RAMP_STOP_SUCCESS * 100} % of calls succeeded; stopping the ramp here`);
        break;
      }
    }
    sampler.stop();
  } finally {
    clearInterval(backends);
    callers?.child.kill('SIGTERM');
    uas?.child.kill('SIGTERM');
    esl.close();
    await stack.stop(flag('keep-db'));
    await stopTestPostgres(postgres);
  }

  const commit = process.env['BENCH_COMMIT'] ?? execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  const report = renderRun(
    {
      startedAt: stamp,
      commit,
      source: process.env['BENCH_API_SOURCE'] ?? API_MAIN,
      where: NETNS
        ? `a loopback-only network namespace (${NETNS}) with an embedded PostgreSQL`
        : `the host's loopback with PostgreSQL at ${postgres.adminUrl}`,
      machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, FreeSWITCH 1.11.2, ${
        execSync('sipp -v 2>&1 || true')
          .toString()
          .match(/SIPp v[\w.-]+/)?.[0] ?? 'SIPp'
      }`,
      loadBefore,
      agents,
      minutes: (Date.now() - started) / 60_000,
    },
    results,
  );
  console.log(`\n${report}`);
  if (!flag('no-write')) {
    appendFileSync(join(root, 'bench', 'freeswitch', 'results.md'), `\n${report}\n`);
    log('appended to bench/freeswitch/results.md');
  }
  log(
    `load average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
