// SIPp for tests: plain-UDP phones and trunks that talk to our SIP servers on loopback.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIPP, ensureSipPrograms } from './packages';

const SCENARIOS = join(__dirname, '..', 'scenarios');

/** One SIPp call through a proxy (Kamailio), following Record-Route. */
export interface SippCallOptions {
  /** The proxy's UDP port on 127.0.0.1. */
  readonly proxyUdpPort: number;
  /** Who SIPp calls (the user part of the request URI, e.g. an agent's SIP username). */
  readonly callee: string;
  /** How long the call lasts after the answer before SIPp hangs up. */
  readonly talkMs: number;
  /** Give up when the call has not ended after this long (answer wait included). */
  readonly timeoutMs: number;
}

/** The result of a SIPp run. */
export interface SippResult {
  /** Whether SIPp counted every call as successful (for a UAC: answered, ACKed, BYE answered with 200). */
  readonly succeeded: boolean;
  /** SIPp's output (statistics screen and errors). */
  readonly output: string;
  /** The SIP messages SIPp sent and received (its -trace_msg file). */
  readonly messages: string;
}

/** A SIPp run: a scenario against (or, as a UAS, for) a SIP server. */
export interface SippRunOptions {
  /** A scenario file of tools/sip/scenarios, or SIPp's built-in `uas`. */
  readonly scenario: 'uac-rr.xml' | 'uac-auth.xml' | 'uac-auth-refused.xml' | 'uas';
  /** host:port to send to (a UAC); omitted for a UAS. */
  readonly remote?: string;
  /** The number dialled ([service]). */
  readonly service?: string;
  /** Address and port SIPp listens on (default 127.0.0.1 and any free port). */
  readonly localIp?: string;
  readonly localPort?: number;
  /** Digest credentials (-au/-ap). */
  readonly auth?: { readonly user: string; readonly password: string };
  /** Values for [name] in the scenario (-key name value). */
  readonly keys?: Readonly<Record<string, string>>;
  /** How long an answered call lasts before SIPp hangs up (a UAC's <pause/>). */
  readonly talkMs?: number;
  /** Give up after this long. */
  readonly timeoutMs: number;
  /** Calls to make (UAC) or take (UAS) before exiting; default 1. */
  readonly calls?: number;
}

/**
 * Runs SIPp once and resolves when it exits. Media: `-rtp_echo` sends the far end its own audio back, so a browser
 * on the other side receives RTP. Installs SIPp when missing (root + apt-get).
 */
export function runSipp(options: SippRunOptions): Promise<SippResult> {
  ensureSipPrograms(SIPP);
  const traceDir = mkdtempSync(join(tmpdir(), 'sb-sipp-'));
  const args = options.scenario === 'uas' ? ['-sn', 'uas'] : ['-sf', join(SCENARIOS, options.scenario)];
  if (options.remote) args.push(options.remote);
  if (options.service) args.push('-s', options.service);
  args.push(
    '-i',
    options.localIp ?? '127.0.0.1',
    '-p',
    String(options.localPort ?? 0),
    '-m',
    String(options.calls ?? 1),
  );
  if (options.auth) args.push('-au', options.auth.user, '-ap', options.auth.password);
  for (const [name, value] of Object.entries(options.keys ?? {})) args.push('-key', name, value);
  if (options.talkMs !== undefined) args.push('-d', String(options.talkMs));
  args.push('-rtp_echo', '-timeout', `${Math.ceil(options.timeoutMs / 1000)}s`, '-nostdin', '-trace_msg');
  return new Promise((resolve, reject) => {
    const child = spawn(SIPP.path, args, { cwd: traceDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    // SIPp exits 0 when every call succeeded, 1 when at least one failed.
    child.once('close', (code) => resolve({ succeeded: code === 0, output, messages: traceMessages(traceDir) }));
  });
}

/** SIPp writes -trace_msg to <scenario>_<pid>_messages.log in its working directory. */
function traceMessages(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name.endsWith('_messages.log'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

/** Calls `callee` once through a proxy with the `uac-rr.xml` scenario (no authentication). */
export function runSippCall(options: SippCallOptions): Promise<SippResult> {
  return runSipp({
    scenario: 'uac-rr.xml',
    remote: `127.0.0.1:${options.proxyUdpPort}`,
    service: options.callee,
    talkMs: options.talkMs,
    timeoutMs: options.timeoutMs,
  });
}
