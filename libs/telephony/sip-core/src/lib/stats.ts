import type { CallStats } from './types';

/** Cumulative counters of the previous sample, to turn totals into per-interval loss. */
export interface StatsBaseline {
  readonly packetsReceived: number;
  readonly packetsLost: number;
}

/**
 * Estimated MOS from a simplified ITU-T G.107 E-model (the formula most WebRTC dashboards use):
 *
 * ```text
 *   d      = rtt/2 + jitter*2 + 10            (effective one-way latency, ms; 10 ms codec delay)
 *   R      = 93.2 - (d < 160 ? d/40 : (d-120)/10) - 2.5 * lossPercent
 *   MOS    = 1 + 0.035 R + 7e-6 R (R - 60)(100 - R)     clamped to 1..4.5
 * ```
 */
export function estimateMos(rttMs: number, jitterMs: number, packetLoss: number): number {
  const latency = rttMs / 2 + jitterMs * 2 + 10;
  const latencyPenalty = latency < 160 ? latency / 40 : (latency - 120) / 10;
  const r = Math.max(0, Math.min(100, 93.2 - latencyPenalty - 2.5 * packetLoss * 100));
  const mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  return Math.round(Math.max(1, Math.min(4.5, mos)) * 100) / 100;
}

interface StatsLike {
  readonly type: string;
  readonly kind?: string;
  readonly [key: string]: unknown;
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Turns one `getStats()` report into a `CallStats` sample. `baseline` is the previous sample's counters
 * (loss is computed over the interval); the new baseline is returned with the sample.
 */
export function summarizeStats(
  report: Iterable<StatsLike>,
  baseline: StatsBaseline | undefined,
  at: number,
): { readonly stats: CallStats; readonly baseline: StatsBaseline } {
  const all = [...report];
  const byId = new Map(all.map((entry) => [entry['id'] as string, entry]));
  const inbound = all.find((s) => s.type === 'inbound-rtp' && s.kind === 'audio');
  const remoteInbound = all.find((s) => s.type === 'remote-inbound-rtp' && s.kind === 'audio');
  const pair = all.find((s) => s.type === 'candidate-pair' && s['nominated'] === true && s['state'] === 'succeeded');
  const packetsReceived = num(inbound?.['packetsReceived']) ?? 0;
  const packetsLost = Math.max(0, num(inbound?.['packetsLost']) ?? 0);
  const rttSeconds = num(remoteInbound?.['roundTripTime']) ?? num(pair?.['currentRoundTripTime']);
  const jitterSeconds = num(inbound?.['jitter']);
  const codecId = inbound?.['codecId'];
  const codecMime = typeof codecId === 'string' ? byId.get(codecId)?.['mimeType'] : undefined;

  const receivedDelta = packetsReceived - (baseline?.packetsReceived ?? 0);
  const lostDelta = packetsLost - (baseline?.packetsLost ?? 0);
  const expected = receivedDelta + lostDelta;
  const packetLoss = inbound && expected > 0 ? Math.max(0, lostDelta) / expected : inbound ? 0 : undefined;
  const rttMs = rttSeconds === undefined ? undefined : Math.round(rttSeconds * 1000);
  const jitterMs = jitterSeconds === undefined ? undefined : Math.round(jitterSeconds * 1000 * 10) / 10;
  const mos = packetLoss === undefined ? undefined : estimateMos(rttMs ?? 0, jitterMs ?? 0, packetLoss);
  return {
    stats: {
      at,
      rttMs,
      jitterMs,
      packetLoss,
      packetsReceived: inbound ? packetsReceived : undefined,
      mos,
      codec: typeof codecMime === 'string' ? codecMime.replace(/^audio\//i, '') : undefined,
    },
    baseline: { packetsReceived, packetsLost },
  };
}
