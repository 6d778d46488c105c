import type { EslError } from '../errors';
import type { EslCommandInput } from '../esl-command';
import type { EslEvent } from '../protocol/esl-event';
import type { BackoffOptions } from './backoff';

/** Where the client writes what it does; Nest's `Logger` fits as it is. */
export interface EslLogger {
  debug(message: string): void;
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Default logger: warnings and errors to the console, nothing else. */
export const consoleEslLogger: EslLogger = {
  debug: () => undefined,
  log: () => undefined,
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/** Tuning of an {@link EslConnection}; every field has a production default. */
export interface EslConnectionOptions {
  /** Event encoding asked of FreeSWITCH. Default `plain` (cheaper to parse than JSON, see bench/esl). */
  readonly format?: 'plain' | 'json';
  /** FreeSWITCH's `event-heartbeat-interval` (default 20 s there and here); 0 turns the dead-socket check off. */
  readonly heartbeatIntervalMs?: number;
  /** Heartbeats that may be missed before the socket is presumed dead and replaced. Default 3. */
  readonly missedHeartbeats?: number;
  /** Wait for a command/reply or api/response. Default 10 s. Use bgapi for slow commands. */
  readonly commandTimeoutMs?: number;
  /** Wait for the BACKGROUND_JOB of a bgapi. Default 120 s. */
  readonly bgapiTimeoutMs?: number;
  /** Wait from connecting until subscribed (TCP connect, auth/request, auth, event). Default 10 s. */
  readonly handshakeTimeoutMs?: number;
  /** Reconnect delays. Default 0.5 s doubling to 30 s, half of each random. */
  readonly backoff?: BackoffOptions;
  /** Largest frame accepted; a bigger one resets the connection. Default 8 MiB. */
  readonly maxFrameBytes?: number;
  readonly logger?: EslLogger;
  /** Randomness for backoff jitter (tests pass a fixed one). */
  readonly random?: () => number;
}

/** Where a connection is; see {@link EslConnection} for the transitions. */
export type EslConnectionState =
  | 'idle'
  | 'connecting'
  | 'authenticating'
  | 'subscribing'
  | 'connected'
  | 'waiting-to-reconnect'
  | 'stopped';

/** Emitted when authenticated and subscribed: resynchronise state from FreeSWITCH now (events may have been missed). */
export interface EslConnectedInfo {
  readonly nodeId: string;
  /** Whether this is a reconnection (an earlier connection of this node had reached `connected`). */
  readonly reconnect: boolean;
}

/** Emitted whenever a socket closes, including failed attempts that never got to `connected`. */
export interface EslDisconnectedInfo {
  readonly nodeId: string;
  /** Whether the socket had reached `connected` (events were flowing) before it closed. */
  readonly wasConnected: boolean;
  /** Why it closed, when known. */
  readonly reason: Error | undefined;
  /** Delay before the next attempt; undefined once stopped. */
  readonly reconnectInMs: number | undefined;
}

/** Events of an {@link EslConnection}. Listeners run synchronously in the socket reader: keep them cheap. */
export interface EslConnectionEvents {
  connected: [info: EslConnectedInfo];
  disconnected: [info: EslDisconnectedInfo];
  event: [event: EslEvent];
  /** Something went wrong but the client handles it (reconnects, skips a frame); for logs and metrics. */
  error: [error: EslError];
}

/** Counters for metrics. */
export interface EslConnectionStats {
  framesReceived: number;
  eventsReceived: number;
  protocolErrors: number;
  unknownFrames: number;
  connects: number;
  listenerErrors: number;
}

/** Anything that can run an API command and return its output (a connection, a cluster node, the Nest service). */
export interface EslApiClient {
  api(command: EslCommandInput): Promise<string>;
}

/** Events Switchboard subscribes to. BACKGROUND_JOB carries bgapi results. */
export const ESL_EVENT_NAMES = [
  'CHANNEL_CREATE',
  'CHANNEL_PROGRESS',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_ANSWER',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_HOLD',
  'CHANNEL_UNHOLD',
  // CHANNEL_HANGUP is when the call ended; CHANNEL_HANGUP_COMPLETE may come seconds later (after mod_json_cdr's post).
  'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE',
  'DTMF',
  'RECORD_START',
  'RECORD_STOP',
  'HEARTBEAT',
  'BACKGROUND_JOB',
] as const;

/** CUSTOM subclasses Switchboard subscribes to. */
export const ESL_CUSTOM_SUBCLASSES = [
  'callcenter::info',
  'sofia::register',
  'sofia::unregister',
  'sofia::expire',
] as const;

/**
 * The subscription command. mod_event_socket treats every word after `CUSTOM` as a subclass name, so CUSTOM and
 * its subclasses must come last: a plain event name placed after them would silently be taken for a subclass.
 */
export function subscriptionCommand(format: 'plain' | 'json'): string {
  return `event ${format} ${ESL_EVENT_NAMES.join(' ')} CUSTOM ${ESL_CUSTOM_SUBCLASSES.join(' ')}`;
}
