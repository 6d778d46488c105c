import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '@switchboard/api/util-config';
import {
  FreeswitchProcess,
  findFreeswitchBinary,
  freeswitchVersion,
  runningFreeswitchPid,
  stopOrphanFreeswitch,
  takenFreeswitchPorts,
  waitForProcessExit,
} from '@switchboard/shared/util-freeswitch';
import { type EmbeddedFreeswitchPlan, type FreeswitchOutcome, type FreeswitchProbe, LOOPBACK } from './freeswitch-plan';

/**
 * Where the repository's `freeswitch/` folder may be: beside the checkout the bundle was built in
 * (dist/apps/api/main.js is three levels below the root), then under the working directory (`npm start` runs there).
 */
export function confDirCandidates(bundleDir: string, cwd = process.cwd()): string[] {
  return [join(bundleDir, '..', '..', '..', 'freeswitch'), join(cwd, 'freeswitch')];
}

/** The first candidate that holds FreeSWITCH's root file. */
export function findConfDir(candidates: readonly string[]): string | undefined {
  return candidates.find((dir) => existsSync(join(dir, 'freeswitch.xml')));
}

/**
 * Looks for what an embedded FreeSWITCH needs, only when the configuration asks for one. A FreeSWITCH that an
 * earlier run of the API left behind (it was killed with SIGKILL) is stopped first, and one that an earlier run is
 * still stopping (Ctrl-C, then `npm start` at once: FreeSWITCH takes a few seconds) is waited for, so neither counts
 * as "ports taken". Any other FreeSWITCH on these ports does.
 */
export async function probeFreeswitch(
  config: AppConfig,
  confDirs: readonly string[],
  previousRunGraceMs = 10_000,
): Promise<FreeswitchProbe> {
  const nothing: FreeswitchProbe = { binary: undefined, confDir: undefined, takenPorts: [] };
  if (config.freeswitch.esl || !config.freeswitch.embedded) return nothing;
  const binary = findFreeswitchBinary({ FREESWITCH_BIN: config.freeswitch.binary, PATH: process.env['PATH'] });
  const confDir = findConfDir(confDirs);
  if (!binary || !confDir) return { ...nothing, binary, confDir };
  const workDir = join(config.dataDir, 'freeswitch');
  await stopOrphanFreeswitch(workDir);
  let takenPorts = await takenFreeswitchPorts(LOOPBACK);
  const previous = runningFreeswitchPid(workDir);
  if (takenPorts.length > 0 && previous !== undefined && (await waitForProcessExit(previous, previousRunGraceMs))) {
    takenPorts = await takenFreeswitchPorts(LOOPBACK);
  }
  return { binary, confDir, takenPorts };
}

/**
 * Hangs up every call on FreeSWITCH and waits until their channels are gone: a channel stays until mod_json_cdr has
 * posted its CDR, so the API, still listening, receives them before it closes. Resolves with whether all are gone
 * within `timeoutMs`; FreeSWITCH's own shutdown ends whatever is left (and spools the CDRs it cannot post).
 */
export async function hangUpCalls(api: (command: string) => Promise<string>, timeoutMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  try {
    await api('hupall SYSTEM_SHUTDOWN');
    while (Date.now() < deadline) {
      if (/^\s*0 total/m.test(await api('show channels count'))) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch {
    // ESL not connected (or FreeSWITCH already stopping): there is nothing to hang up through it.
  }
  return false;
}

/** The FreeSWITCH this API started. */
export interface EmbeddedFreeswitch {
  readonly outcome: FreeswitchOutcome;
  /** Stops it (SIGTERM, then SIGKILL after `graceMs`); a no-op when it is not running. */
  stop(graceMs: number): Promise<void>;
}

/**
 * Starts FreeSWITCH with the repository's config. Call it once the API listens: mod_callcenter loads its queues
 * from the API (mod_xml_curl) while FreeSWITCH starts. A FreeSWITCH that fails to start, or stops later without
 * being asked to, is reported in one log line naming its log file; the API carries on either way.
 */
export async function startEmbeddedFreeswitch(plan: EmbeddedFreeswitchPlan, log: Logger): Promise<EmbeddedFreeswitch> {
  const startedAt = Date.now();
  let freeswitch: FreeswitchProcess;
  try {
    freeswitch = await FreeswitchProcess.start({
      binary: plan.binary,
      confDir: plan.confDir,
      workDir: plan.workDir,
      settings: plan.settings,
      // Its own process group: Ctrl-C reaches the API only, which stops FreeSWITCH while it can still take CDRs.
      detached: true,
      onOutput: (line) => log.debug({ component: 'freeswitch' }, line),
    });
  } catch (error) {
    // FreeswitchStartError: it exited during start-up or was not ready in time (the message names its log file).
    const reason = error instanceof Error ? error.message : String(error);
    log.error({ component: 'freeswitch', binary: plan.binary }, `embedded FreeSWITCH failed to start: ${reason}`);
    return { outcome: { kind: 'failed', reason }, stop: () => Promise.resolve() };
  }
  const version = freeswitchVersion(plan.binary);
  log.info(
    { component: 'freeswitch', pid: freeswitch.pid, version, ms: Date.now() - startedAt, logFile: freeswitch.logFile },
    'embedded FreeSWITCH started',
  );
  let stopping = false;
  void freeswitch.whenExited().then((code) => {
    if (!stopping) {
      log.error(
        { component: 'freeswitch', code, logFile: freeswitch.logFile },
        `embedded FreeSWITCH stopped unexpectedly (exit code ${String(code)}); see ${freeswitch.logFile}`,
      );
    }
  });
  return {
    outcome: { kind: 'started', version, logFile: freeswitch.logFile },
    stop: async (graceMs) => {
      stopping = true;
      await freeswitch.stop(graceMs);
    },
  };
}
