import { summarizeStats, type StatsBaseline } from './stats';
import type { CallStats } from './types';

interface Tracked {
  readonly connection: () => RTCPeerConnection | null;
  baseline?: StatsBaseline;
}

/** Samples `getStats()` of every tracked call on one interval while calls exist. */
export class StatsSampler {
  private readonly tracked = new Map<string, Tracked>();
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly intervalMs: number,
    private readonly onSample: (callId: string, stats: CallStats) => void,
  ) {}

  /** Starts sampling a call (idempotent). */
  track(callId: string, connection: () => RTCPeerConnection | null): void {
    if (this.tracked.has(callId)) return;
    this.tracked.set(callId, { connection });
    this.timer ??= setInterval(() => void this.sampleAll(), this.intervalMs);
  }

  untrack(callId: string): void {
    this.tracked.delete(callId);
    if (this.tracked.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Takes one sample of every tracked call now. */
  async sampleAll(): Promise<void> {
    await Promise.all(
      [...this.tracked].map(async ([callId, entry]) => {
        const pc = entry.connection();
        if (!pc) return;
        try {
          const report = await pc.getStats();
          const { stats, baseline } = summarizeStats(
            report.values() as Iterable<{ type: string }>,
            entry.baseline,
            Date.now(),
          );
          entry.baseline = baseline;
          if (this.tracked.has(callId)) this.onSample(callId, stats);
        } catch {
          // getStats() rejects once the connection is closed; the call's end untracks it.
        }
      }),
    );
  }
}
