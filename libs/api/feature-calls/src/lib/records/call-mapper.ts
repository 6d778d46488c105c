import { plainHeaderPairs } from '@switchboard/api/data-access-esl';
import type { CallDto, CallTimelineEntry } from '@switchboard/shared/contracts';

interface CallRow {
  uuid: string;
  node: string;
  direction: CallDto['direction'];
  fromNumber: string | null;
  fromName: string | null;
  toNumber: string | null;
  toName: string | null;
  queueName: string | null;
  agentName: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  bridgedAt: Date | null;
  endedAt: Date | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  holdSeconds: number;
  hangupCause: string | null;
  hangupSide: CallDto['hangupSide'];
  queueOutcome: CallDto['outcome'];
  ccCancelReason: string | null;
  disposition: string | null;
  notes: string | null;
  fromEsl: boolean;
  fromCdr: boolean;
  channel: 'VOICE' | 'WEB';
  webButtonId: string | null;
  webButtonName: string | null;
  webPage: string | null;
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function toCallDto(call: CallRow): CallDto {
  return {
    uuid: call.uuid,
    node: call.node,
    direction: call.direction,
    channel: call.channel === 'WEB' ? 'web' : 'voice',
    web:
      call.channel === 'WEB'
        ? { buttonId: call.webButtonId, button: call.webButtonName ?? 'Call button', page: call.webPage }
        : null,
    fromNumber: call.fromNumber,
    fromName: call.fromName,
    toNumber: call.toNumber,
    toName: call.toName,
    queue: call.queueName,
    agent: call.agentName,
    startedAt: call.startedAt.toISOString(),
    answeredAt: iso(call.answeredAt),
    bridgedAt: iso(call.bridgedAt),
    endedAt: iso(call.endedAt),
    waitSeconds: call.waitSeconds,
    talkSeconds: call.talkSeconds,
    holdSeconds: call.holdSeconds,
    hangupCause: call.hangupCause,
    hangupSide: call.hangupSide,
    outcome: call.queueOutcome,
    cancelReason: call.ccCancelReason,
    disposition: call.disposition,
    notes: call.notes,
    sources: [...(call.fromEsl ? (['esl'] as const) : []), ...(call.fromCdr ? (['cdr'] as const) : [])],
  };
}

/** Headers worth showing in a timeline line; the full set stays in the database. */
const SUMMARY_HEADERS = [
  'CC-Action',
  'CC-Queue',
  'CC-Agent',
  'CC-Agent-State',
  'CC-Agent-Status',
  'CC-Cause',
  'CC-Cancel-Reason',
  'Answer-State',
  'Call-Direction',
  'Caller-Caller-ID-Number',
  'Caller-Destination-Number',
  'Other-Leg-Unique-ID',
  'Hangup-Cause',
  'variable_sip_hangup_disposition',
  'variable_endpoint_disposition',
  'DTMF-Digit',
  'Record-File-Path',
];

export function toTimelineEntry(row: {
  sequence: bigint;
  timestampUs: bigint;
  name: string;
  subclass: string | null;
  channelUuid: string | null;
  raw: string | null;
  headers: unknown;
}): CallTimelineEntry {
  const headers = loggedHeaders(row);
  const summary: Record<string, string> = {};
  for (const key of SUMMARY_HEADERS) if (headers[key]) summary[key] = headers[key];
  return {
    sequence: row.sequence.toString(),
    at: new Date(Number(row.timestampUs / 1000n)).toISOString(),
    name: row.name,
    subclass: row.subclass,
    channelUuid: row.channelUuid,
    summary,
  };
}

/**
 * A logged event's headers, decoded: from its text/event-plain block as it came, or from the JSON document of an
 * event that came as text/event-json (and of rows logged before the block was kept). The first of repeated names
 * wins, as when the event was ingested.
 */
function loggedHeaders(row: { raw: string | null; headers: unknown }): Record<string, string> {
  if (row.raw === null) return (row.headers ?? {}) as Record<string, string>;
  const pairs = plainHeaderPairs(row.raw);
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  // A block that no longer parses (it did when it was logged) shows no summary rather than failing the whole call.
  if (typeof pairs === 'string') return headers;
  for (let i = 0; i < pairs.length; i += 2) {
    const name = pairs[i] ?? '';
    if (!(name in headers)) headers[name] = pairs[i + 1] ?? '';
  }
  return headers;
}
