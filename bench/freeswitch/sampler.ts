// Once a second: CPU and memory of each process of the run (/proc), the machine's load average, how many calls and
// channels FreeSWITCH itself has, and how many events wait in the API's ingest buffer. Summarised per time window.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { FsEventSocket } from './esl';

/** Processes followed by name; a function because SIPp callers change per phase. */
export type Watched = () => Record<string, number | undefined>;

export interface Sample {
  readonly atMs: number;
  readonly load1: number;
  /** Per process name: CPU seconds used so far (user + system) and resident memory in MiB. */
  readonly processes: Record<string, { cpuS: number; rssMiB: number }>;
  /** FreeSWITCH's `show calls count` and `show channels count` (undefined when it did not answer in time). */
  readonly fsCalls?: number;
  readonly fsChannels?: number;
  /** switchboard_ingest_buffer_events from the API's /metrics. */
  readonly ingestBuffer?: number;
  /** How long the API took to answer one directory lookup of the current caller (NaN: failed or over 5 s). */
  readonly directoryMs?: number;
}

const TICKS_PER_SECOND = 100;
/** Process names of PostgreSQL backends in a sample: this prefix and the pid. */
export const POSTGRES_PREFIX = 'postgres backend ';

function processUsage(pid: number): { cpuS: number; rssMiB: number } | undefined {
  try {
    // Fields after the command name, which is in parentheses and may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuS = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuS, rssMiB: Number(rss?.[1] ?? 0) / 1024 };
  } catch {
    // The process has exited between two samples.
    return undefined;
  }
}

const countOf = (reply: string): number | undefined => {
  const match = /^(\d+) total/m.exec(reply);
  return match ? Number(match[1]) : undefined;
};

export class Sampler {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly watched: Watched,
    private readonly esl: FsEventSocket,
    private readonly metricsUrl: string,
    /** PostgreSQL backends of the API's database, refreshed by the caller. */
    private readonly postgresPids: () => readonly number[],
    /** A directory lookup as FreeSWITCH makes one per challenged INVITE, timed (undefined between phases). */
    private readonly directoryProbe: () => Promise<number> | undefined = () => undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    // A slow answer (FreeSWITCH or the API under load) must not pile up samplers.
    if (this.busy) return;
    this.busy = true;
    try {
      const processes: Sample['processes'] = {};
      for (const [name, pid] of Object.entries(this.watched())) {
        const usage = pid === undefined ? undefined : processUsage(pid);
        if (usage) processes[name] = usage;
      }
      // Backends come and go with the API's pool: each is followed on its own (see groupCpu).
      for (const pid of this.postgresPids()) {
        const usage = processUsage(pid);
        if (usage) processes[`${POSTGRES_PREFIX}${pid}`] = usage;
      }
      const [calls, channels, metrics, directoryMs] = await Promise.all([
        this.esl.api('show calls count', 3000).catch(() => ''),
        this.esl.api('show channels count', 3000).catch(() => ''),
        fetch(this.metricsUrl, { signal: AbortSignal.timeout(3000) }).then(
          (r) => r.text(),
          () => '',
        ),
        this.directoryProbe(),
      ]);
      const buffer = /^switchboard_ingest_buffer_events (\S+)/m.exec(metrics);
      this.samples.push({
        atMs: Date.now(),
        load1: loadavg()[0] ?? 0,
        processes,
        fsCalls: countOf(calls),
        fsChannels: countOf(channels),
        ingestBuffer: buffer ? Number(buffer[1]) : undefined,
        directoryMs,
      });
    } finally {
      this.busy = false;
    }
  }

  /** The samples taken between two times. */
  between(fromMs: number, toMs: number): Sample[] {
    return this.samples.filter((s) => s.atMs >= fromMs && s.atMs <= toMs);
  }
}

/** What one window of samples says about one process: CPU as a share of one core, and the largest RSS. */
export function usageOver(samples: readonly Sample[], name: string): { cpuPct: number; peakRssMiB: number } {
  const withIt = samples.filter((s) => s.processes[name]);
  const first = withIt[0];
  const last = withIt[withIt.length - 1];
  if (!first || !last || last.atMs === first.atMs) return { cpuPct: NaN, peakRssMiB: NaN };
  const cpuS = (last.processes[name]?.cpuS ?? 0) - (first.processes[name]?.cpuS ?? 0);
  return {
    cpuPct: (100 * cpuS) / ((last.atMs - first.atMs) / 1000),
    peakRssMiB: Math.max(...withIt.map((s) => s.processes[name]?.rssMiB ?? 0)),
  };
}

/** CPU of a group of processes (name prefix) over a window, as a share of one core: each one's own increase, summed. */
export function groupCpu(samples: readonly Sample[], prefix: string): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.atMs === first.atMs) return NaN;
  const seen = new Map<string, { from: number; to: number }>();
  for (const sample of samples)
    for (const [name, usage] of Object.entries(sample.processes)) {
      if (!name.startsWith(prefix)) continue;
      const known = seen.get(name);
      if (known) known.to = usage.cpuS;
      else seen.set(name, { from: usage.cpuS, to: usage.cpuS });
    }
  let cpuS = 0;
  for (const { from, to } of seen.values()) cpuS += to - from;
  return (100 * cpuS) / ((last.atMs - first.atMs) / 1000);
}
