import { z } from 'zod';
import { CALL_CHANNELS, type CallChannel, type WebCallInfo } from './call-buttons';

export const CALL_DIRECTIONS = ['INBOUND', 'OUTBOUND', 'INTERNAL'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export const QUEUE_OUTCOMES = ['ANSWERED', 'ABANDONED', 'TIMEOUT', 'NO_AGENT', 'OTHER'] as const;
export type QueueOutcome = (typeof QUEUE_OUTCOMES)[number];
export const HANGUP_SIDES = ['CALLER', 'CALLEE', 'SYSTEM'] as const;
export type HangupSide = (typeof HANGUP_SIDES)[number];

const isoDate = (field: string) =>
  z
    .string()
    .trim()
    .refine((v) => !Number.isNaN(Date.parse(v)), `${field} must be an ISO 8601 date-time`)
    .transform((v) => new Date(v));

export const listCallsQuerySchema = z
  .strictObject({
    from: isoDate('from').optional(),
    to: isoDate('to').optional(),
    /** Queue name as FreeSWITCH knows it (`support@default`) or without the domain (`support`). */
    queue: z.string().trim().min(1).max(128).optional(),
    /** Agent name as mod_callcenter knows it. */
    agent: z.string().trim().min(1).max(128).optional(),
    direction: z.enum(CALL_DIRECTIONS, { error: `direction must be one of ${CALL_DIRECTIONS.join(', ')}` }).optional(),
    outcome: z.enum(QUEUE_OUTCOMES, { error: `outcome must be one of ${QUEUE_OUTCOMES.join(', ')}` }).optional(),
    /** `web`: calls placed with a call button on a web page; `voice`: every other call. */
    channel: z.enum(CALL_CHANNELS, { error: `channel must be one of ${CALL_CHANNELS.join(', ')}` }).optional(),
    /** Caller or callee number contains this. */
    number: z.string().trim().min(1).max(64).optional(),
    page: z.coerce.number({ error: 'page must be a number' }).int().min(1, 'page starts at 1').default(1),
    pageSize: z.coerce
      .number({ error: 'pageSize must be a number' })
      .int()
      .min(1)
      .max(500, 'pageSize must be at most 500')
      .default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type ListCallsQuery = z.infer<typeof listCallsQuerySchema>;

/** One call record as the API shows it. Times are ISO strings; durations whole seconds. */
export interface CallDto {
  uuid: string;
  node: string;
  direction: CallDirection;
  /** `web` for a call placed with a call button on a web page, else `voice`. */
  channel: CallChannel;
  /** The button and page of a web call; null for other calls. */
  web: WebCallInfo | null;
  fromNumber: string | null;
  fromName: string | null;
  toNumber: string | null;
  toName: string | null;
  queue: string | null;
  agent: string | null;
  startedAt: string;
  answeredAt: string | null;
  bridgedAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  holdSeconds: number;
  hangupCause: string | null;
  hangupSide: HangupSide | null;
  outcome: QueueOutcome | null;
  /** mod_callcenter's CC-Cancel-Reason when the caller left the queue unanswered (BREAK_OUT, TIMEOUT, ...). */
  cancelReason: string | null;
  disposition: string | null;
  notes: string | null;
  /** Where the record comes from: live ESL events, mod_json_cdr, or both. */
  sources: ('esl' | 'cdr')[];
}

/** One raw FreeSWITCH event in a call's timeline. */
export interface CallTimelineEntry {
  sequence: string;
  at: string;
  name: string;
  subclass: string | null;
  channelUuid: string | null;
  /** A few headers a person reads (CC-Action, Answer-State, Hangup-Cause, ...). */
  summary: Record<string, string>;
}

export interface CallDetailDto extends CallDto {
  channelUuids: string[];
  timeline: CallTimelineEntry[];
}
