/**
 * The realtime API (socket.io on the API's HTTP port, path {@link REALTIME_PATH}).
 *
 * Two namespaces:
 * - `/supervisor` (permission `floor:supervise`): the whole floor. On connect the server sends `snapshot`; then
 *   floor-wide changes arrive as `delta` to every supervisor socket. Queue detail (waiting members) and coalesced
 *   per-queue `queue.stats` arrive only for queues the socket subscribed to with `queue.subscribe`; each queue room has
 *   its own sequence (`queue.delta`).
 * - `/agent` (permission `agent:self`): the signed-in agent's own mod_callcenter agent and own calls, nothing else.
 *
 * Sequences: every stream (the floor, each queue room, each agent) numbers its deltas 1, 2, 3… without holes for the
 * life of the server process. A client that sees `seq` jump (or reconnects) sends `snapshot.request` (floor / agent) or
 * `queue.subscribe` again (queue rooms) and continues from the `seq` of the answer. A reconnect may land on another API
 * replica, whose numbering differs: a `snapshot` always resets the client's state and its expected `seq`.
 *
 * Batches: with `handshake.auth.batch: true` a supervisor socket gets `batch` — the floor deltas and the deltas of its
 * subscribed queues of the last few milliseconds (the server's `REALTIME_BATCH_MS` setting, 10 by default) in one
 * message, each list in seq order — instead of one `delta` / `queue.delta` per change. Dashboards should use it: at
 * thousands of changes a second it is what keeps both the server and the browser fast (one socket write per window
 * instead of one per change).
 *
 * Authentication: `handshake.auth.token` is the REST access token. Bad, expired or revoked → `error` then disconnect.
 * Before the token expires, send `auth.renew` with a fresh one; a socket whose token expires is disconnected with
 * `error` code `TokenExpired`.
 */
import { z } from 'zod';
import type { LiveAgent, LiveChannel, LiveEvent, LiveQueueMember, LiveSnapshot } from './live';

/** What a client passes as socket.io's `auth` on connect. */
export interface RealtimeHandshakeAuth {
  /** The REST access token. */
  token: string;
  /** `/supervisor` only: receive `batch` messages instead of one `delta` / `queue.delta` per change. */
  batch?: boolean;
}

/** Why the server refused or ended something. `Unauthenticated`, `TokenExpired` and `Forbidden` end the socket. */
export const REALTIME_ERROR_CODES = [
  'Unauthenticated',
  'TokenExpired',
  'Forbidden',
  'ValidationError',
  'NotAnAgent',
  'Internal',
] as const;
export type RealtimeErrorCode = (typeof REALTIME_ERROR_CODES)[number];

/** Payload of the `error` event and of failed acknowledgements. */
export interface RealtimeError {
  code: RealtimeErrorCode;
  message: string;
}

/** Answer passed to the acknowledgement callback of a client→server event. */
export type RealtimeAck<T> = ({ ok: true } & T) | { ok: false; error: RealtimeError };

// ---------------------------------------------------------------------------------------------------------------
// Live queue tiles

/** Agents of one queue (by tier) per activity. Each agent counts once; `staffed` = signed in (not Logged Out). */
export interface LiveQueueAgentCounts {
  staffed: number;
  /** Available and waiting for a call. */
  available: number;
  /** On a queue call (or being offered one). */
  onCall: number;
  /** Available but Idle in mod_callcenter: wrapping up the last call. */
  afterCallWork: number;
  onBreak: number;
}

/** Today's figures of one queue (since midnight UTC, the reports' default day), from the metrics library the reports use. */
export interface LiveQueueToday {
  offered: number;
  answered: number;
  abandoned: number;
  /** Share 0..1 of offered calls answered within the service-level threshold; null with no offered calls. */
  serviceLevel: number | null;
  /** Average speed of answer, seconds; null with no answered calls. */
  asaSeconds: number | null;
  /** Average handle time (talk + hold + after-call work), seconds; null with no handled calls. */
  ahtSeconds: number | null;
}

/** One queue tile. Clients tick waiting times locally from `longestWaitSince`. */
export interface LiveQueueStats {
  queue: string;
  /** Callers in the queue not yet bridged to an agent. */
  waiting: number;
  /** ISO time the longest-waiting caller joined; null when nobody waits. */
  longestWaitSince: string | null;
  agents: LiveQueueAgentCounts;
  /** Null until the first computation (or when call records cannot be read). */
  today: LiveQueueToday | null;
  /** When these figures were computed (ISO). */
  at: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Phone health (reported by the softphone on /agent, shown to supervisors)

export const PHONE_REGISTRATION_STATES = ['unregistered', 'registering', 'registered', 'failed'] as const;
export type PhoneRegistrationState = (typeof PHONE_REGISTRATION_STATES)[number];

const metric = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number` })
    .min(min, `${field} must be at least ${min}`)
    .max(max, `${field} must be at most ${max}`)
    .nullable()
    .default(null);

/** What the agent's softphone reports, at most every few seconds. Media figures are null when not on a call. */
export const phoneHealthReportSchema = z.strictObject({
  registration: z.enum(PHONE_REGISTRATION_STATES, {
    error: `registration must be one of ${PHONE_REGISTRATION_STATES.join(', ')}`,
  }),
  /** Estimated MOS (1-5) of the current call. */
  mos: metric('mos', 1, 5),
  /** Round-trip time, milliseconds. */
  rttMs: metric('rttMs', 0, 60_000),
  /** Receive jitter, milliseconds. */
  jitterMs: metric('jitterMs', 0, 60_000),
  /** Packet loss, percent 0-100. */
  packetLossPct: metric('packetLossPct', 0, 100),
  /**
   * True while the current call is connected in SIP without a media path (no ICE/DTLS, no audio: the softphone's
   * media watchdog). Absent otherwise.
   */
  noMedia: z.boolean({ error: 'noMedia must be true or false' }).optional(),
});
export type PhoneHealthReportInput = z.input<typeof phoneHealthReportSchema>;
export type PhoneHealthReport = z.output<typeof phoneHealthReportSchema>;

/** Phone health of one agent as supervisors see it. */
export interface AgentPhoneHealth extends PhoneHealthReport {
  /** mod_callcenter agent name. */
  agent: string;
  /** ISO time the server received the report. */
  reportedAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Client→server payloads (validated by the server with these schemas)

const queueNameSchema = z.string({ error: 'queue must be a string' }).trim().min(1, 'queue is required').max(128);

/** `queue.subscribe` / `queue.unsubscribe`: queue names as FreeSWITCH knows them (`support@default`). */
export const queueSubscriptionSchema = z.strictObject({
  queues: z.array(queueNameSchema, { error: 'queues must be a list of queue names' }).min(1).max(500),
});
export type QueueSubscription = z.infer<typeof queueSubscriptionSchema>;

/** `auth.renew`: a fresh access token (from `POST /api/auth/refresh`) for the live socket. */
export const authRenewSchema = z.strictObject({
  token: z.string({ error: 'token is required' }).min(1, 'token is required').max(8192),
});
export type AuthRenew = z.infer<typeof authRenewSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Server→client payloads

/** A floor-wide or per-agent change, numbered within its stream. */
export interface RealtimeDelta {
  seq: number;
  event: LiveEvent;
}

/** Queue-room events: callers joining and leaving one queue. */
export type LiveQueueEvent = Extract<LiveEvent, { type: 'queue.joined' | 'queue.left' }>;

/** A change in one subscribed queue, numbered within that queue's room. */
export interface RealtimeQueueDelta {
  queue: string;
  seq: number;
  event: LiveQueueEvent;
}

/** Floor deltas and deltas of the socket's subscribed queues, each in seq order (`auth.batch: true`). */
export interface RealtimeBatch {
  deltas: RealtimeDelta[];
  queueDeltas: RealtimeQueueDelta[];
}

/** The state of one subscribed queue: its members, its tile and the room's current sequence. */
export interface SubscribedQueue {
  queue: string;
  seq: number;
  members: LiveQueueMember[];
  stats: LiveQueueStats;
}

/**
 * What a supervisor gets on connect and on `snapshot.request`. `queues` lists only the subscribed queues (with their
 * room sequence); `queueStats` covers every known queue, so an overview can draw all tiles once.
 */
export interface SupervisorSnapshot extends Omit<LiveSnapshot, 'queues'> {
  /** Sequence of the floor stream; the next `delta` carries `seq + 1`. */
  seq: number;
  queues: SubscribedQueue[];
  queueStats: LiveQueueStats[];
  phoneHealth: AgentPhoneHealth[];
}

/** What an agent gets on connect and on `snapshot.request`. */
export interface AgentSnapshot {
  at: string;
  /** Sequence of this agent's stream; the next `delta` carries `seq + 1`. */
  seq: number;
  /** The agent's mod_callcenter name. */
  agentName: string;
  /** Null until FreeSWITCH reported the agent. */
  agent: LiveAgent | null;
  /** The agent's own channels (queue calls it took and calls on its extension). */
  channels: LiveChannel[];
}

/** Answer of `queue.subscribe`. */
export interface QueueSubscribeResult {
  queues: SubscribedQueue[];
}

/** `queues.changed`: queues provisioned or removed since the supervisor's snapshot. */
export interface ProvisionedQueuesChange {
  added: string[];
  removed: string[];
}

/** Answer of `auth.renew`. */
export interface AuthRenewResult {
  /** ISO time the new token expires (the socket is disconnected then unless renewed again). */
  expiresAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// socket.io event maps

type Ack<T> = (answer: RealtimeAck<T>) => void;

/** Server→client events of `/supervisor`. */
export interface SupervisorServerToClientEvents {
  snapshot: (snapshot: SupervisorSnapshot) => void;
  delta: (delta: RealtimeDelta) => void;
  'queue.delta': (delta: RealtimeQueueDelta) => void;
  /** With `auth.batch`: the changes of the last few ms (instead of `delta` and `queue.delta`). */
  batch: (batch: RealtimeBatch) => void;
  /** Coalesced: at most a few per second per queue, only when the tile changed. Subscribed queues only. */
  'queue.stats': (stats: LiveQueueStats) => void;
  /**
   * Queues were provisioned or removed (every supervisor gets it): subscribe to `added` for their tiles, which exist
   * before any caller does; drop the tiles of `removed`. Names as on the floor (`support@domain`).
   */
  'queues.changed': (change: ProvisionedQueuesChange) => void;
  'agent.phoneHealth': (health: AgentPhoneHealth) => void;
  error: (error: RealtimeError) => void;
}

/** Client→server events of `/supervisor`. */
export interface SupervisorClientToServerEvents {
  'queue.subscribe': (payload: QueueSubscription, ack?: Ack<QueueSubscribeResult>) => void;
  'queue.unsubscribe': (payload: QueueSubscription, ack?: Ack<{ queues: string[] }>) => void;
  /** Ask for a fresh `snapshot` (answered with a `snapshot` event, and the ack). */
  'snapshot.request': (ack?: Ack<{ seq: number }>) => void;
  'auth.renew': (payload: AuthRenew, ack?: Ack<AuthRenewResult>) => void;
}

/** Server→client events of `/agent`. */
export interface AgentServerToClientEvents {
  snapshot: (snapshot: AgentSnapshot) => void;
  delta: (delta: RealtimeDelta) => void;
  error: (error: RealtimeError) => void;
}

/** Client→server events of `/agent`. */
export interface AgentClientToServerEvents {
  'snapshot.request': (ack?: Ack<{ seq: number }>) => void;
  'auth.renew': (payload: AuthRenew, ack?: Ack<AuthRenewResult>) => void;
  'phone.health': (report: PhoneHealthReportInput, ack?: Ack<object>) => void;
}
