import { randomBytes } from 'node:crypto';
import { isAbsolute, join, relative } from 'node:path';
import type { EslNode } from '@switchboard/api/data-access-esl';
import type { AppConfig } from '@switchboard/api/util-config';
import {
  FREESWITCH_PORTS,
  type FreeswitchSettings,
  HOW_TO_GET_FREESWITCH,
  premiumPattern,
} from '@switchboard/shared/util-freeswitch';

/** The embedded FreeSWITCH only listens on loopback: nothing outside this machine reaches it unless configured. */
export const LOOPBACK = '127.0.0.1';

/** What this machine offers before deciding: found by `probeFreeswitch` (embedded-freeswitch.ts). */
export interface FreeswitchProbe {
  /** The FreeSWITCH binary, when one is found. */
  readonly binary: string | undefined;
  /** The repository's `freeswitch/` folder, when found next to the API. */
  readonly confDir: string | undefined;
  /** FreeSWITCH's ports already taken on loopback (`5060/udp`, ...). */
  readonly takenPorts: readonly string[];
}

/** How the API starts: what it does about FreeSWITCH, and the configuration it then runs with. */
export type FreeswitchPlan =
  | {
      /** FREESWITCH_ESL names the nodes; or no FreeSWITCH and why. */
      readonly kind: 'external' | 'disabled' | 'not-found' | 'no-config';
      readonly config: AppConfig;
    }
  | { readonly kind: 'ports-taken'; readonly config: AppConfig; readonly takenPorts: readonly string[] }
  | EmbeddedFreeswitchPlan;

/** Start FreeSWITCH with the repository's config; `config` carries the credentials both sides share. */
export interface EmbeddedFreeswitchPlan {
  readonly kind: 'embedded';
  readonly config: AppConfig;
  /** The ESL node the API connects to (it retries until FreeSWITCH is up). */
  readonly node: EslNode;
  readonly binary: string;
  readonly confDir: string;
  /** DATA_DIR/freeswitch: logs, databases, certificates, spooled CDRs. */
  readonly workDir: string;
  readonly settings: FreeswitchSettings;
}

function randomSecret(): string {
  return randomBytes(18).toString('hex');
}

/** The API's base URL as a FreeSWITCH on this machine reaches it: loopback when the API listens everywhere. */
export function localApiUrl(config: AppConfig): string {
  const host = config.http.host;
  const reachable = host === '0.0.0.0' || host === '::' ? LOOPBACK : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${config.http.port}`;
}

/**
 * Decides whether the API starts its own FreeSWITCH, the way it starts its own PostgreSQL: only when FREESWITCH_ESL
 * is unset, EMBEDDED_FREESWITCH is not false, a binary and the repository's configuration are found and the ports
 * are free. Then the API and FreeSWITCH get the same credentials: FREESWITCH_HTTP_USER/PASSWORD when set, else
 * random ones for this run (FreeSWITCH is restarted with the API, so nothing needs to keep them), and a random ESL
 * password. `secret` is injectable so that tests can see which value went where.
 */
export function planFreeswitch(config: AppConfig, probe: FreeswitchProbe, secret = randomSecret): FreeswitchPlan {
  if (config.freeswitch.esl) return { kind: 'external', config };
  if (!config.freeswitch.embedded) return { kind: 'disabled', config };
  if (!probe.binary) return { kind: 'not-found', config };
  if (!probe.confDir) return { kind: 'no-config', config };
  if (probe.takenPorts.length > 0) return { kind: 'ports-taken', config, takenPorts: probe.takenPorts };

  const http = config.freeswitch.http ?? { user: 'freeswitch', password: secret() };
  const allow = config.freeswitch.httpAllow;
  // An allow list that forgets loopback would refuse our own FreeSWITCH's directory and CDR requests.
  const httpAllow = allow.length === 0 || allow.includes(LOOPBACK) ? allow : [...allow, LOOPBACK];
  const effective: AppConfig = Object.freeze({
    ...config,
    freeswitch: Object.freeze({
      ...config.freeswitch,
      http: Object.freeze({ ...http }),
      httpAllow: Object.freeze(httpAllow),
    }),
  });
  const eslPassword = secret();
  return {
    kind: 'embedded',
    config: effective,
    node: {
      id: `${LOOPBACK}:${FREESWITCH_PORTS.esl}`,
      host: LOOPBACK,
      port: FREESWITCH_PORTS.esl,
      password: eslPassword,
    },
    binary: probe.binary,
    confDir: probe.confDir,
    workDir: join(config.dataDir, 'freeswitch'),
    settings: {
      sipDomain: config.sip.domain,
      eslPassword,
      eslListenIp: LOOPBACK,
      apiUrl: localApiUrl(config),
      httpUser: http.user,
      httpPassword: http.password,
      bindIp: LOOPBACK,
      premiumPattern: premiumPattern(config.dialPlan.premiumPrefixes),
    },
  };
}

/** What became of the plan once the API is up. */
export type FreeswitchOutcome =
  | { readonly kind: 'started'; readonly version: string | undefined; readonly logFile: string }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'not-started' };

/** A path as short as it can be said: relative to the working directory when inside it. */
function shortPath(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

/**
 * FreeSWITCH's state for the start banner, in one line (what follows "FreeSWITCH" there). `simulated` says whether
 * the DEMO simulator runs in-process; `nodeIds` are the ESL nodes the API connects to.
 */
export function freeswitchStatus(
  plan: FreeswitchPlan,
  outcome: FreeswitchOutcome,
  options: { simulated: boolean; nodeIds: readonly string[]; cwd?: string },
): string {
  const withoutIt = options.simulated ? 'running with the DEMO simulator instead' : 'running without it';
  const demoLive = plan.config.demo ? '; DEMO=1: simulated traffic beside real demo calls' : '';
  switch (plan.kind) {
    case 'external':
      return `FREESWITCH_ESL ${options.nodeIds.join(', ')}`;
    case 'disabled':
      return `not started (EMBEDDED_FREESWITCH=false); ${withoutIt}`;
    case 'not-found':
      return plan.config.freeswitch.binary
        ? `FREESWITCH_BIN ${plan.config.freeswitch.binary} is not an executable file; ${withoutIt}`
        : `none found; ${HOW_TO_GET_FREESWITCH}; ${withoutIt}`;
    case 'no-config':
      return `the repository's freeswitch/ folder is not next to the API; ${withoutIt}`;
    case 'ports-taken':
      return `ports ${plan.takenPorts.join(', ')} on ${LOOPBACK} are taken (another FreeSWITCH?); ${withoutIt}`;
    case 'embedded':
      if (outcome.kind === 'started') {
        const sip = plan.config.sip.wsUrl ?? `ws://${LOOPBACK}:${FREESWITCH_PORTS.ws}`;
        const version = outcome.version ? `${outcome.version} ` : '';
        return `${version}(embedded) SIP ${sip}, log ${shortPath(outcome.logFile, options.cwd ?? process.cwd())}${demoLive}`;
      }
      return `failed to start (${outcome.kind === 'failed' ? outcome.reason : 'stopped'}); ${withoutIt}`;
  }
}
