// What the product made of a phase's calls: its call records (through the REST API, as a supervisor reads them),
// checked against the brief and against FreeSWITCH's own account of each call (the benchmark's ESL tap), and the
// ESL-to-record lag, from the API's histogram and, independently, from the stored event rows.
import { Client } from 'pg';
import type { CallDto } from '@switchboard/shared/contracts';
import type { FsEvent } from './esl';
import { FS_QUEUE, request } from './provision';

/** FreeSWITCH's own account of one caller (A) leg, from CHANNEL_HANGUP and CHANNEL_HANGUP_COMPLETE. */
export interface FsCall {
  uuid: string;
  caller: string;
  createdMs?: number;
  bridgedMs?: number;
  hangupMs?: number;
  /** CHANNEL_HANGUP → CHANNEL_HANGUP_COMPLETE: mostly mod_json_cdr's POST to the API (the channel waits for it). */
  reportingMs?: number;
  /** RTP packets FreeSWITCH received from the caller, and sent to it (music on hold, then the agent's echo). */
  rtpIn: number;
  rtpOut: number;
}

const micros = (event: FsEvent, header: string): number | undefined => {
  const value = Number(event[header] ?? 0);
  return value > 0 ? value / 1000 : undefined;
};

/** Collects caller legs of queue calls from the tap's events. */
export class FsCallBook {
  readonly calls = new Map<string, FsCall>();
  /** For every event the tap read: when, and how long after its own timestamp (FreeSWITCH's event delivery). */
  readonly deliveries: { atMs: number; delayMs: number }[] = [];
  private readonly hangupAt = new Map<string, number>();

  take(event: FsEvent, receivedMs: number): void {
    const stamped = micros(event, 'Event-Date-Timestamp');
    if (stamped) this.deliveries.push({ atMs: receivedMs, delayMs: receivedMs - stamped });
    const uuid = event['Unique-ID'];
    if (!uuid || event['Call-Direction'] !== 'inbound' || event['Caller-Destination-Number'] !== '9400') return;
    const at = micros(event, 'Event-Date-Timestamp');
    if (event['Event-Name'] === 'CHANNEL_HANGUP') {
      if (at) this.hangupAt.set(uuid, at);
      return;
    }
    if (event['Event-Name'] !== 'CHANNEL_HANGUP_COMPLETE') return;
    const hangup = this.hangupAt.get(uuid);
    this.hangupAt.delete(uuid);
    this.calls.set(uuid, {
      uuid,
      caller: event['Caller-Caller-ID-Number'] ?? '',
      createdMs: micros(event, 'Caller-Channel-Created-Time'),
      bridgedMs: micros(event, 'Caller-Channel-Bridged-Time'),
      hangupMs: micros(event, 'Caller-Channel-Hangup-Time'),
      reportingMs: hangup && at ? at - hangup : undefined,
      rtpIn: Number(event['variable_rtp_audio_in_packet_count'] ?? 0),
      rtpOut: Number(event['variable_rtp_audio_out_packet_count'] ?? 0),
    });
  }

  of(caller: string): FsCall[] {
    return [...this.calls.values()].filter((c) => c.caller === caller);
  }
}

/** Every record of a caller's calls (any queue, so strays show), 500 at a time. */
export async function recordsOf(base: string, token: string, caller: string): Promise<CallDto[]> {
  const all: CallDto[] = [];
  for (let page = 1; page <= 40; page++) {
    const result = await request<{ items: CallDto[]; total: number }>(
      base,
      token,
      'GET',
      `/api/calls?number=${caller}&pageSize=500&page=${page}`,
    );
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) break;
  }
  return all;
}

/** How a record fails the brief's checks (empty: correct). `holdS` is the caller's -d. */
export function problemsOf(record: CallDto, holdS: number, fs: FsCall | undefined): string[] {
  const problems: string[] = [];
  if (record.queue !== FS_QUEUE) problems.push(`queue ${record.queue}`);
  if (record.outcome !== 'ANSWERED') problems.push(`outcome ${record.outcome}`);
  if (!record.agent) problems.push('no agent');
  if (record.talkSeconds === null || Math.abs(record.talkSeconds - holdS) > 2)
    problems.push(`talk ${record.talkSeconds} s (hold ${holdS} s)`);
  if (record.waitSeconds === null || record.waitSeconds < 0) problems.push(`wait ${record.waitSeconds}`);
  if (!record.endedAt) problems.push('no endedAt');
  if (!record.sources.includes('esl') || !record.sources.includes('cdr'))
    problems.push(`sources ${record.sources.join('+')}`);
  if (!fs) problems.push('FreeSWITCH has no such caller leg');
  else {
    const off = (ours: string | null, theirs: number | undefined): boolean =>
      !ours || theirs === undefined || Math.abs(Date.parse(ours) - theirs) > 1000;
    if (off(record.startedAt, fs.createdMs)) problems.push('startedAt ≠ FreeSWITCH channel created');
    if (off(record.bridgedAt, fs.bridgedMs)) problems.push('bridgedAt ≠ FreeSWITCH bridged');
    if (off(record.endedAt, fs.hangupMs)) problems.push('endedAt ≠ FreeSWITCH hangup');
    if (fs.bridgedMs && fs.hangupMs && Math.abs((record.talkSeconds ?? -99) - (fs.hangupMs - fs.bridgedMs) / 1000) > 1)
      problems.push('talk ≠ FreeSWITCH bridged→hangup');
  }
  return problems;
}

/** Cumulative bucket counts of switchboard_ingest_lag_seconds (le → count), from a /metrics text. */
export function lagBuckets(metrics: string): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const match of metrics.matchAll(/^switchboard_ingest_lag_seconds_bucket\{le="([^"]+)"\} (\S+)/gm)) {
    buckets.set(match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2]));
  }
  return buckets;
}

/**
 * A quantile of the events observed between two scrapes, interpolated linearly inside its bucket (as Prometheus'
 * histogram_quantile does). Returns the bucket bounds too, so a reader sees how coarse the estimate is.
 */
export function histogramQuantile(
  before: Map<number, number>,
  after: Map<number, number>,
  q: number,
): { seconds: number; within: [number, number]; count: number } {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => (after.get(le) ?? 0) - (before.get(le) ?? 0));
  const total = counts[counts.length - 1] ?? 0;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if ((counts[i] ?? 0) >= rank) {
      const lower = i === 0 ? 0 : (bounds[i - 1] ?? 0);
      const upper = bounds[i] ?? Infinity;
      const below = i === 0 ? 0 : (counts[i - 1] ?? 0);
      const inBucket = (counts[i] ?? 0) - below;
      if (!Number.isFinite(upper)) return { seconds: lower, within: [lower, upper], count: total };
      const seconds = inBucket > 0 ? lower + ((upper - lower) * (rank - below)) / inBucket : upper;
      return { seconds, within: [lower, upper], count: total };
    }
  }
  return { seconds: NaN, within: [NaN, NaN], count: total };
}

/**
 * Independent of the API's own metric: for every event row FreeSWITCH stamped in the window, the row's insert
 * time (CallEvent.receivedAt, PostgreSQL's now() of the INSERT, ms precision) minus the event's own timestamp.
 * A lower bound of "stored" (the record upsert follows the insert in the same batch).
 */
export async function storedLag(
  databaseUrl: string,
  fromMs: number,
  toMs: number,
): Promise<{ count: number; p50Ms: number; p99Ms: number; maxMs: number; shares: { upToMs: number; pct: number }[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const bounds = [50, 100, 150, 200, 250, 300, 400, 500, 1000, 2000];
    const binned = await client.query<{ bin: number; count: string }>(
      `SELECT width_bucket(extract(epoch FROM "receivedAt") * 1000 - "timestampUs" / 1000.0, $3::float8[]) AS bin,
         count(*) AS count
       FROM "CallEvent" WHERE "timestampUs" BETWEEN $1 AND $2 GROUP BY 1 ORDER BY 1`,
      [fromMs * 1000, toMs * 1000, [0, ...bounds]],
    );
    const total = binned.rows.reduce((sum, r) => sum + Number(r.count), 0);
    const shares = [...bounds, Infinity].map((upToMs, i) => ({
      upToMs,
      pct: (100 * Number(binned.rows.find((r) => Number(r.bin) === i + 1)?.count ?? 0)) / Math.max(1, total),
    }));
    const { rows } = await client.query<{ count: string; p50: number; p99: number; max: number }>(
      `SELECT count(*) AS count,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50,
         percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
         max(lag) AS max
       FROM (SELECT extract(epoch FROM "receivedAt") * 1000 - "timestampUs" / 1000.0 AS lag
             FROM "CallEvent" WHERE "timestampUs" BETWEEN $1 AND $2) AS lags`,
      [fromMs * 1000, toMs * 1000],
    );
    const row = rows[0];
    return {
      count: Number(row?.count ?? 0),
      p50Ms: Number(row?.p50 ?? NaN),
      p99Ms: Number(row?.p99 ?? NaN),
      maxMs: Number(row?.max ?? NaN),
      shares,
    };
  } finally {
    await client.end();
  }
}

/** PostgreSQL backend pids serving the API's database. */
export async function backendPids(databaseUrl: string): Promise<number[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}
