// SIPp for load: one UAS that answers every agent leg and echoes its audio, and one UAC per phase that keeps a given
// number of queue calls up (-l), each streaming audio for the hold time (-d). Statistics come from SIPp's own files.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SIPP = process.env['SIPP_BIN'] ?? 'sipp';

/** 1 s of a 440 Hz tone as 8 kHz G.711 mu-law, what the callers stream (looped). */
export function writeCallerAudio(dir: string): void {
  const samples = Buffer.alloc(8000);
  for (let i = 0; i < samples.length; i++)
    samples[i] = muLaw(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
  writeFileSync(join(dir, 'bench-caller.ulaw'), samples);
}

/** ITU-T G.711 mu-law encoding of one 16-bit sample. */
function muLaw(sample: number): number {
  const BIAS = 0x84;
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), 32635) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = 0;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** A running SIPp and where its files are. */
export interface SippRun {
  readonly child: ChildProcess;
  readonly dir: string;
  readonly exited: Promise<number | null>;
  /** SIPp's stdout and stderr (its final screen when -trace_screen is off, and its errors). */
  output(): string;
}

function start(args: string[], dir: string): SippRun {
  mkdirSync(dir, { recursive: true });
  const child = spawn(SIPP, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    // The tail is what matters (final statistics, last errors); keep the buffer bounded.
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => ((output += `\ncannot run ${SIPP}: ${error.message}`), resolve(null)));
  });
  return { child, dir, exited, output: () => output };
}

/** The agents' phone: SIPp's built-in UAS on host:port, echoing RTP; stops by itself after `timeoutS`. */
export function startAgentUas(dir: string, host: string, port: number, timeoutS: number): SippRun {
  return start(
    ['-sn', 'uas', '-i', host, '-p', String(port), '-mi', host, '-mp', '16000', '-rtp_echo', '-nostdin']
      .concat(['-trace_stat', '-stf', 'uas-stats.csv', '-fd', '1', '-trace_err', '-timeout', `${timeoutS}s`])
      .concat(['-max_socket', '4096', '-buff_size', '4194304']),
    dir,
  );
}

export interface CallerOptions {
  readonly scenario: string;
  readonly freeswitch: string;
  readonly service: string;
  readonly caller: { readonly number: string; readonly password: string };
  readonly domain: string;
  readonly host: string;
  /** Calls kept up at once (-l). */
  readonly limit: number;
  /** New calls per second (-r). */
  readonly rate: number;
  /** Calls in all (-m). */
  readonly calls: number;
  readonly holdMs: number;
  readonly timeoutS: number;
}

/** One phase's callers. */
export function startCallers(dir: string, o: CallerOptions): SippRun {
  mkdirSync(dir, { recursive: true });
  writeCallerAudio(dir);
  return start(
    ['-sf', o.scenario, o.freeswitch, '-s', o.service, '-i', o.host, '-p', '5070', '-mi', o.host]
      .concat(['-au', o.caller.number, '-ap', o.caller.password, '-key', 'caller', o.caller.number])
      .concat(['-key', 'domain', o.domain, '-r', String(o.rate), '-l', String(o.limit), '-m', String(o.calls)])
      .concat(['-d', String(o.holdMs), '-nostdin', '-timeout', `${o.timeoutS}s`, '-timeout_error'])
      .concat([
        '-trace_stat',
        '-stf',
        'stats.csv',
        '-fd',
        '1',
        '-trace_err',
        '-trace_logs',
        '-trace_rtt',
        '-rtt_freq',
        '1',
      ])
      .concat(['-trace_screen', '-max_socket', '4096', '-buff_size', '4194304']),
    dir,
  );
}

/** The last row of SIPp's -trace_stat file, by column name (cumulative counters end in "(C)"). */
export function lastStats(dir: string, file: string): Record<string, string> {
  const rows = statRows(dir, file);
  return rows[rows.length - 1] ?? {};
}

/** Every row of SIPp's -trace_stat file (one per -fd period). */
export function statRows(dir: string, file: string): Record<string, string>[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = (lines[0] ?? '').split(';');
  return lines.slice(1).map((line) => Object.fromEntries(line.split(';').map((v, i) => [header[i] ?? `${i}`, v])));
}

/** Response times (INVITE sent → 200 received, the scenario's rtd) in ms, one per call, from -trace_rtt. */
export function responseTimes(dir: string): number[] {
  const file = readdirSync(dir).find((name) => name.endsWith('_rtt.csv'));
  if (!file) return [];
  return readFileSync(join(dir, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(';')[1]))
    .filter((ms) => Number.isFinite(ms));
}

/** SIPp's error log (-trace_err): its headline lines, grouped by kind with counts, most frequent first. */
export function errorSummary(dir: string, limit = 6): { message: string; count: number }[] {
  const file = readdirSync(dir).find((name) => name.endsWith('_errors.log'));
  if (!file) return [];
  const counts = new Map<string, number>();
  // SIPp quotes the SIP messages as received, CRLF and all.
  for (const line of readFileSync(join(dir, file), 'utf8').split(/\r?\n/)) {
    // A headline: "<date>\t<time>\t<epoch>: <what happened>"; the SIP message it quotes follows on later lines.
    const headline = /^'?\d{4}-\d\d-\d\d\s+\S+\s+[\d.]+:\s*(.*)$/.exec(line);
    if (!headline) continue;
    const message = (headline[1] ?? '')
      .replace(/Call-Id '[^']*'/g, "Call-Id '…'")
      .replace(/Dead call \S+/g, 'Dead call …')
      .replace(/\(index \d+\)/g, '(index N)')
      .trim();
    if (message) counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts]
    .map(([message, count]) => ({ message: message.slice(0, 200), count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
}

/**
 * The answers FreeSWITCH refused calls with (the scenario logs "refused: <status line>" to its -trace_logs file and
 * SIPp counts them as FailedRegexpShouldntMatch), by status line with counts.
 */
export function refusals(dir: string): { status: string; count: number }[] {
  const file = readdirSync(dir).find((name) => name.endsWith('_logs.log'));
  if (!file) return [];
  const counts = new Map<string, number>();
  for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/refused: (SIP\/2\.0 [^\r\n]*)/g)) {
    const status = (match[1] ?? '').trim();
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count);
}

/** How many calls got their first 407 again after the authenticated INVITE (acknowledged; a sign of a slow PBX). */
export function lateChallenges(dir: string): number {
  const file = readdirSync(dir).find((name) => name.endsWith('_logs.log'));
  return file ? (readFileSync(join(dir, file), 'utf8').match(/late: first challenge/g)?.length ?? 0) : 0;
}
