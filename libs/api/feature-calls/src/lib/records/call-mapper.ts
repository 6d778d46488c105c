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
  headers: unknown;
}): CallTimelineEntry {
  const headers = (row.headers ?? {}) as Record<string, string>;
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
