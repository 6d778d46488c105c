// SIPp calls for tests: one call from a plain-UDP phone through the proxy, following Record-Route.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SIPP, ensureSipPrograms } from './packages';

const SCENARIOS = join(__dirname, '..', 'scenarios');

/** One SIPp call. */
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
  /** Whether SIPp counted the call as successful (answered, ACKed, BYE answered with 200). */
  readonly succeeded: boolean;
  /** SIPp's output (statistics screen and errors). */
  readonly output: string;
}

/**
 * Calls `callee` once with SIPp's `uac-rr.xml` scenario, echoing the callee's RTP back (`-rtp_echo`), and
 * resolves when SIPp exits. Installs SIPp when missing (root + apt-get).
 */
export function runSippCall(options: SippCallOptions): Promise<SippResult> {
  ensureSipPrograms(SIPP);
  const args = [
    '-sf',
    join(SCENARIOS, 'uac-rr.xml'),
    `127.0.0.1:${options.proxyUdpPort}`,
    '-s',
    options.callee,
    '-i',
    '127.0.0.1',
    '-p',
    '0',
    '-m',
    '1',
    '-rtp_echo',
    '-d',
    String(options.talkMs),
    '-timeout',
    `${Math.ceil(options.timeoutMs / 1000)}s`,
    '-nostdin',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(SIPP.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    // SIPp exits 0 when every call succeeded, 1 when at least one failed.
    child.once('close', (code) => resolve({ succeeded: code === 0, output }));
  });
}
