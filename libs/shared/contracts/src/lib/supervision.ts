import { z } from 'zod';
import { BREAK_REASONS } from './desk-codes';
import type { AgentStatusCode } from './provisioning';

// Supervisor actions on the live floor (`/api/supervision/...`, permission `floor:supervise`). Every action is
// written to the audit log. Errors: 404 when the call or agent is not in live state, 409 when the target cannot take
// the action (e.g. a call without an agent leg), 503 when FreeSWITCH is not connected.

/**
 * How a supervisor joins a call. FreeSWITCH rings the supervisor's own extension and, on answer, runs `eavesdrop` on
 * the agent's channel:
 * - `listen`: hears both sides, nobody hears the supervisor;
 * - `whisper`: hears both sides, only the agent hears the supervisor;
 * - `barge`: three-way, agent and caller both hear the supervisor.
 */
export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

/** SIP user part of an extension: digits, or a token of letters, digits, `.`, `_`, `-` (max 32). */
export const EXTENSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

/** Channel or call UUID as FreeSWITCH writes it (RFC 4122 text form). */
export const CHANNEL_UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `POST /api/supervision/calls/:uuid/monitor`. */
export const monitorCallRequestSchema = z.strictObject({
  mode: z.enum(MONITOR_MODES, { error: `mode must be one of ${MONITOR_MODES.join(', ')}` }),
  /** Extension to ring instead of the supervisor's own (must be provisioned). */
  extension: z
    .string()
    .trim()
    .regex(EXTENSION_PATTERN, 'extension must be an extension number (letters, digits, . _ -)')
    .optional(),
});
export type MonitorCallRequest = z.infer<typeof monitorCallRequestSchema>;

/** Answer of a monitor request: FreeSWITCH accepted the originate and is ringing `extension`. */
export interface MonitorCallResult {
  mode: MonitorMode;
  /** The call's public uuid (its A leg). */
  callUuid: string;
  /** The agent's channel that is eavesdropped. */
  agentChannelUuid: string;
  agent: string | null;
  /** Extension FreeSWITCH rings. */
  extension: string;
  /** FreeSWITCH node that runs the call. */
  node: string;
  /**
   * Uuid of the supervisor's new leg (`origination_uuid`). The answer comes as soon as FreeSWITCH has the originate;
   * the phone rings after that. Hang it up with the hang-up action or from the phone.
   */
  monitorChannelUuid: string;
}

/** Statuses a supervisor may force (mod_callcenter agent statuses). */
export const FORCEABLE_STATUSES = [
  'AVAILABLE',
  'AVAILABLE_ON_DEMAND',
  'ON_BREAK',
  'LOGGED_OUT',
] as const satisfies readonly AgentStatusCode[];

/** `POST /api/supervision/agents/:name/status`. */
export const forceAgentStatusRequestSchema = z
  .strictObject({
    status: z.enum(FORCEABLE_STATUSES, { error: `status must be one of ${FORCEABLE_STATUSES.join(', ')}` }),
    /** Break reason, only with ON_BREAK (kept in the status history like the agent's own). */
    reasonCode: z.enum(BREAK_REASONS, { error: `reasonCode must be one of ${BREAK_REASONS.join(', ')}` }).optional(),
  })
  .refine((body) => body.status === 'ON_BREAK' || body.reasonCode === undefined, {
    message: 'reasonCode is only for ON_BREAK',
    path: ['reasonCode'],
  });
export type ForceAgentStatusRequest = z.infer<typeof forceAgentStatusRequestSchema>;

/** Answer of a forced status change or logout. */
export interface ForcedAgentStatusResult {
  agent: string;
  status: AgentStatusCode;
  reasonCode: string | null;
  /** ISO time of the change as recorded in the status history. */
  at: string;
}

/** Answer of a hang-up. */
export interface HangupCallResult {
  callUuid: string;
  /** Channel that was killed (the call's A leg); FreeSWITCH hangs up the bridged legs with it. */
  channelUuid: string;
  node: string;
}

/** Audit log actions written by supervisor actions (`AuditLog.action`). */
export const SUPERVISION_AUDIT_ACTIONS = {
  monitor: 'supervision.monitor',
  forceStatus: 'supervision.agent-status',
  hangup: 'supervision.hangup',
} as const;
