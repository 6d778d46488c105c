import type { AgentCallDto } from '@switchboard/shared/contracts';

/** The columns of a `Call` row the agent's own history shows. */
export const AGENT_CALL_SELECT = {
  uuid: true,
  direction: true,
  fromNumber: true,
  fromName: true,
  toNumber: true,
  toName: true,
  queueName: true,
  queue: { select: { displayName: true } },
  startedAt: true,
  answeredAt: true,
  endedAt: true,
  talkSeconds: true,
  holdSeconds: true,
  hangupCause: true,
  queueOutcome: true,
  disposition: true,
  notes: true,
  wrapUpSeconds: true,
  wrappedUpAt: true,
} as const;

/** A row selected with {@link AGENT_CALL_SELECT}. */
export interface AgentCallRow {
  uuid: string;
  direction: AgentCallDto['direction'];
  fromNumber: string | null;
  fromName: string | null;
  toNumber: string | null;
  toName: string | null;
  queueName: string | null;
  /** The provisioned queue the call was linked to at ingestion, if any. */
  queue: { displayName: string } | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  talkSeconds: number | null;
  holdSeconds: number;
  hangupCause: string | null;
  queueOutcome: AgentCallDto['outcome'];
  disposition: string | null;
  notes: string | null;
  wrapUpSeconds: number | null;
  wrappedUpAt: Date | null;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export function toAgentCallDto(call: AgentCallRow): AgentCallDto {
  return {
    uuid: call.uuid,
    direction: call.direction,
    fromNumber: call.fromNumber,
    fromName: call.fromName,
    toNumber: call.toNumber,
    toName: call.toName,
    queue: call.queueName,
    queueDisplayName: call.queue?.displayName ?? null,
    startedAt: call.startedAt.toISOString(),
    answeredAt: iso(call.answeredAt),
    endedAt: iso(call.endedAt),
    talkSeconds: call.talkSeconds,
    holdSeconds: call.holdSeconds,
    hangupCause: call.hangupCause,
    outcome: call.queueOutcome,
    disposition: call.disposition,
    notes: call.notes,
    wrapUpSeconds: call.wrapUpSeconds,
    wrappedUpAt: iso(call.wrappedUpAt),
  };
}
