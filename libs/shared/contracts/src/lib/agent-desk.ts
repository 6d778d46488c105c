import { z } from 'zod';
import { BREAK_REASONS, type BreakReason, DISPOSITION_CODES, WRAP_UP_NOTES_MAX } from './desk-codes';
import type { CallDirection, QueueOutcome } from './calls';
import type { AgentStateCode, AgentStatusCode, OutboundClass, PbxSyncReport } from './provisioning';

// The agent's own desk: SIP registration, status, wrap-up, call history and outbound checks (`/api/me/...`).

/** The PBXs Switchboard provisions (the API's `PBX` setting). */
export const PBX_KINDS = ['freeswitch', 'asterisk'] as const;
export type PbxKind = (typeof PBX_KINDS)[number];

/**
 * What the softphone needs to register (`GET /api/me/sip`). The API issues a fresh per-login credential on every
 * call and answers only its HA1 (`md5(authorizationUser:realm:secret)`, what FreeSWITCH stores as `a1-hash`); the
 * secret itself never leaves the API. Give JsSIP `ha1` and `realm` instead of `password`.
 */
export interface SipRegistrationDto {
  /** Extension number: the SIP user part. */
  extension: string;
  /** Digest username; equals `extension`. */
  authorizationUser: string;
  /** SIP domain (`SIP_DOMAIN`); also the digest realm FreeSWITCH challenges with. */
  domain: string;
  realm: string;
  /** `sip:<extension>@<domain>`. */
  uri: string;
  /** WebSocket URL of the PBX's SIP-over-WebSocket listener (`SIP_WS_URL`, or derived from the request host). */
  wsUrl: string;
  /**
   * Which PBX answers at `wsUrl` (the API's `PBX`): the softphone picks its SIP profile by it (WebSocket port and path
   * when `wsUrl` leaves them out, session-timer refresh), so no console needs its own PBX setting.
   */
  pbx: PbxKind;
  displayName: string;
  /** Hex HA1 of this login's credential. Valid until `expiresAt`, logout, or the next `GET /api/me/sip`. */
  ha1: string;
  expiresAt: string;
}

/** The statuses an agent may choose for themself (`Available (On Demand)` is for supervisors and integrations). */
export const DESK_STATUSES = ['AVAILABLE', 'ON_BREAK', 'LOGGED_OUT'] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];

/** `now`: change at once (a call in progress goes on). `after-call`: once the current call and its wrap-up end. */
export const STATUS_TIMINGS = ['now', 'after-call'] as const;
export type StatusTiming = (typeof STATUS_TIMINGS)[number];

export const setAgentStatusRequestSchema = z
  .strictObject({
    status: z.enum(DESK_STATUSES, { error: `status must be one of ${DESK_STATUSES.join(', ')}` }),
    reasonCode: z.enum(BREAK_REASONS, { error: `reasonCode must be one of ${BREAK_REASONS.join(', ')}` }).optional(),
    when: z.enum(STATUS_TIMINGS, { error: `when must be one of ${STATUS_TIMINGS.join(', ')}` }).default('now'),
  })
  .refine((body) => body.status !== 'ON_BREAK' || body.reasonCode !== undefined, {
    message: 'reasonCode is required when going on break',
    path: ['reasonCode'],
  })
  .refine((body) => body.status === 'ON_BREAK' || body.reasonCode === undefined, {
    message: 'reasonCode is only for ON_BREAK',
    path: ['reasonCode'],
  });
export type SetAgentStatusRequest = z.infer<typeof setAgentStatusRequestSchema>;

/** What the agent is doing apart from their status: nothing, talking, or after-call work. */
export const DESK_ACTIVITIES = ['IDLE', 'ON_CALL', 'WRAP_UP'] as const;
export type DeskActivity = (typeof DESK_ACTIVITIES)[number];

/** The status the agent asked for "after this call"; applied when the call and its wrap-up end. */
export interface QueuedStatusDto {
  status: DeskStatus;
  reasonCode: BreakReason | null;
  requestedAt: string;
}

/** After-call work in progress: ends when the disposition is submitted or at `deadline`. */
export interface WrapUpDto {
  callUuid: string;
  endedAt: string;
  deadline: string;
}

/** `GET /api/me/status`. */
/** Who changed an agent's status, as the agent console tells the agent. */
export type StatusSetter = 'agent' | 'supervisor' | 'switch' | 'system';

export interface AgentStatusDto {
  agentId: string;
  agentName: string;
  extensionNumber: string | null;
  status: AgentStatusCode;
  /** Break reason of the latest change to ON_BREAK; null otherwise. */
  reasonCode: BreakReason | null;
  /** When `status` last changed. */
  since: string;
  /**
   * Who made the latest change: the agent (any of their tabs), a supervisor, the phone system itself (mod_callcenter
   * puts an agent On Break after calls ring unanswered), or Switchboard (signing out logs the agent out); null before
   * any change.
   */
  setBy: StatusSetter | null;
  /** mod_callcenter's state as last reported by FreeSWITCH. */
  state: AgentStateCode;
  activity: DeskActivity;
  wrapUp: WrapUpDto | null;
  next: QueuedStatusDto | null;
}

/**
 * `PUT /api/me/status`: the status now and whether FreeSWITCH took the change (`pending` when not connected).
 * `pbxSync` is null when the change was only queued (`when: 'after-call'` during a call or wrap-up): see `next`.
 */
export type AgentStatusChangeResult = AgentStatusDto & { pbxSync: PbxSyncReport | null };

export const wrapUpRequestSchema = z.strictObject({
  disposition: z.enum(DISPOSITION_CODES, { error: `disposition must be one of ${DISPOSITION_CODES.join(', ')}` }),
  notes: z
    .string({ error: 'notes must be text' })
    .trim()
    .max(WRAP_UP_NOTES_MAX, `notes must be at most ${WRAP_UP_NOTES_MAX} characters`)
    .optional(),
});
export type WrapUpRequest = z.infer<typeof wrapUpRequestSchema>;

/** One call in the agent's own history (`GET /api/me/calls`). */
export interface AgentCallDto {
  uuid: string;
  direction: CallDirection;
  fromNumber: string | null;
  fromName: string | null;
  toNumber: string | null;
  toName: string | null;
  /** The queue's name as mod_callcenter knows it (`sales@switchboard.local`), or null for a direct call. */
  queue: string | null;
  /** The provisioned queue's display name ("Sales"); null for a direct call or a queue not provisioned here. */
  queueDisplayName: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  talkSeconds: number | null;
  holdSeconds: number;
  hangupCause: string | null;
  outcome: QueueOutcome | null;
  disposition: string | null;
  notes: string | null;
  wrapUpSeconds: number | null;
  wrappedUpAt: string | null;
}

/** `PUT /api/me/calls/:uuid/wrap-up`: the saved call, and the agent's status after a queued change was applied. */
export interface WrapUpResultDto {
  call: AgentCallDto;
  status: AgentStatusDto;
  /** Only when the wrap-up applied a queued status; otherwise null. */
  pbxSync: PbxSyncReport | null;
}

export const listMyCallsQuerySchema = z.strictObject({
  page: z.coerce.number({ error: 'page must be a number' }).int().min(1, 'page starts at 1').default(1),
  pageSize: z.coerce
    .number({ error: 'pageSize must be a number' })
    .int()
    .min(1, 'pageSize must be at least 1')
    .max(100, 'pageSize must be at most 100')
    .default(20),
});
export type ListMyCallsQuery = z.infer<typeof listMyCallsQuerySchema>;

export const dialCheckRequestSchema = z.strictObject({
  destination: z
    .string({ error: 'destination is required' })
    .trim()
    .min(1, 'destination is required')
    .max(64, 'destination must be at most 64 characters'),
});
export type DialCheckRequest = z.infer<typeof dialCheckRequestSchema>;

/** What a dialled destination is, by the configured number plan. */
export const DESTINATION_KINDS = [
  'EMERGENCY',
  'INTERNAL',
  'LOCAL',
  'NATIONAL',
  'INTERNATIONAL',
  'PREMIUM',
  'INVALID',
] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** `POST /api/me/dial-check`. */
export interface DialCheckResultDto {
  /** The destination as it would be dialled (spaces, dashes and brackets removed). */
  destination: string;
  kind: DestinationKind;
  allowed: boolean;
  /** The outbound class needed to call it; null for emergency (always allowed) and refused kinds. */
  requiredClass: OutboundClass | null;
  /** The agent's extension's class. */
  outboundClass: OutboundClass;
  /** A sentence to show the agent: why it is allowed or refused. */
  message: string;
}
