// FreeSWITCH's side of the Event Socket wire format, byte for byte as mod_event_socket writes it.

/** An event before the simulator stamps it (Core-UUID, Event-Sequence, dates are added when it is sent). */
export interface SimEvent {
  /** Event-Name. */
  readonly name: string;
  /** Event-Subclass of CUSTOM events. */
  readonly subclass?: string;
  /** Headers after the standard ones, in order, not encoded. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body?: string;
  /** Event-Date-Timestamp in µs; the simulator's clock when absent. */
  readonly timestampUs?: bigint;
}

/** Identity of the simulated FreeSWITCH, written into every event. */
export interface SwitchIdentity {
  readonly coreUuid: string;
  readonly hostname: string;
  readonly ipv4: string;
}

/** Header name/value pairs in wire order. */
export type HeaderList = ReadonlyArray<readonly [string, string]>;

// switch_url_encode's list; everything below 0x20 or above 0x7E is escaped too.
const URL_UNSAFE = new Set(Array.from(' "#%&+:;<=>?@[\\]^`{|}', (c) => c.charCodeAt(0)));
const HEX = '0123456789ABCDEF';

/** Encodes a header value like FreeSWITCH's `switch_url_encode` (so `,` and `/` stay, `:` and space do not). */
export function urlEncode(value: string): string {
  let plain = true;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || URL_UNSAFE.has(code)) {
      plain = false;
      break;
    }
  }
  if (plain) return value;
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    out +=
      byte < 0x20 || byte > 0x7e || URL_UNSAFE.has(byte)
        ? `%${HEX[byte >> 4]}${HEX[byte & 15]}`
        : String.fromCharCode(byte);
  }
  return out;
}

// Where FreeSWITCH 1.11.2 fires each event (Event-Calling-*), from the fs-webrtc-* captures.
const CALLING: Record<string, readonly [string, string, string]> = {
  HEARTBEAT: ['switch_core.c', 'send_heartbeat', '84'],
  BACKGROUND_JOB: ['mod_event_socket.c', 'api_exec', '1572'],
  CUSTOM: ['mod_callcenter.c', 'cc_send_event', '1160'],
  API: ['switch_loadable_module.c', 'switch_api_execute', '3140'],
  CHANNEL_CREATE: ['switch_core_state_machine.c', 'switch_core_session_run', '626'],
  CHANNEL_ORIGINATE: ['switch_core_state_machine.c', 'switch_core_session_run', '632'],
  CHANNEL_PROGRESS: ['switch_channel.c', 'switch_channel_perform_mark_ring_ready_value', '3507'],
  CHANNEL_PROGRESS_MEDIA: ['switch_channel.c', 'switch_channel_perform_mark_pre_answered', '3562'],
  CHANNEL_ANSWER: ['switch_channel.c', 'switch_channel_perform_mark_answered', '3848'],
  CHANNEL_BRIDGE: ['switch_ivr_bridge.c', 'switch_ivr_multi_threaded_bridge', '1689'],
  CHANNEL_UNBRIDGE: ['switch_ivr_bridge.c', 'switch_ivr_multi_threaded_bridge', '1879'],
  CHANNEL_HOLD: ['switch_channel.c', 'switch_channel_mark_hold', '876'],
  CHANNEL_UNHOLD: ['switch_channel.c', 'switch_channel_mark_hold', '876'],
  CHANNEL_HANGUP: ['switch_channel.c', 'switch_channel_perform_hangup', '3447'],
  CHANNEL_HANGUP_COMPLETE: ['switch_core_state_machine.c', 'switch_core_session_reporting_state', '943'],
  CHANNEL_DESTROY: ['switch_core_session.c', 'switch_core_session_perform_destroy', '1588'],
  CHANNEL_DATA: ['mod_commands.c', 'uuid_dump_function', '6495'],
  DTMF: ['switch_channel.c', 'switch_channel_dequeue_dtmf', '678'],
  CALL_UPDATE: ['mod_sofia.c', 'sofia_receive_message', '2133'],
};

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The standard headers FreeSWITCH puts first in every event, then the event's own. */
export function stampEvent(
  event: SimEvent,
  identity: SwitchIdentity,
  sequence: bigint,
  timestampUs: bigint,
): HeaderList {
  const date = new Date(Number(timestampUs / 1000n));
  const local = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const [file, func, line] =
    CALLING[event.name] ??
    (event.name.startsWith('CHANNEL_')
      ? ['switch_channel.c', 'switch_channel_perform_event', '4000']
      : ['switch_event.c', 'switch_event_fire_detailed', '2000']);
  const subclass: HeaderList = event.subclass === undefined ? [] : [['Event-Subclass', event.subclass]];
  return [
    ...subclass,
    ['Event-Name', event.name],
    ['Core-UUID', identity.coreUuid],
    ['FreeSWITCH-Hostname', identity.hostname],
    ['FreeSWITCH-Switchname', identity.hostname],
    ['FreeSWITCH-IPv4', identity.ipv4],
    ['FreeSWITCH-IPv6', '::1'],
    ['Event-Date-Local', local],
    ['Event-Date-GMT', date.toUTCString()],
    ['Event-Date-Timestamp', String(timestampUs)],
    ['Event-Calling-File', file],
    ['Event-Calling-Function', func],
    ['Event-Calling-Line-Number', line],
    ['Event-Sequence', String(sequence)],
    ...event.headers,
  ];
}

/** `Content-Length` + `Content-Type: text/event-plain` frame, with the event's own Content-Length when it has a body. */
export function encodePlainEvent(headers: HeaderList, body?: string): Buffer {
  let text = '';
  for (const [name, value] of headers) text += `${name}: ${urlEncode(value)}\n`;
  const bodyBytes = body ? Buffer.from(body, 'utf8') : undefined;
  const eventBytes = bodyBytes
    ? Buffer.concat([Buffer.from(`${text}Content-Length: ${bodyBytes.length}\n\n`), bodyBytes])
    : Buffer.from(`${text}\n`);
  return Buffer.concat([
    Buffer.from(`Content-Length: ${eventBytes.length}\nContent-Type: text/event-plain\n\n`),
    eventBytes,
  ]);
}

/** `text/event-json` frame: one JSON object, `Content-Length` and `_body` when the event has a body. */
export function encodeJsonEvent(headers: HeaderList, body?: string): Buffer {
  const object: Record<string, string> = {};
  for (const [name, value] of headers) object[name] = value;
  if (body) {
    object['Content-Length'] = String(Buffer.byteLength(body));
    object['_body'] = body;
  }
  const json = Buffer.from(JSON.stringify(object), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${json.length}\nContent-Type: text/event-json\n\n`), json]);
}

/** `auth/request`, the first thing FreeSWITCH says. */
export const authRequestFrame = (): Buffer => Buffer.from('Content-Type: auth/request\n\n');

/** `command/reply` with Reply-Text and optional extra headers (bgapi's Job-UUID). */
export function commandReplyFrame(replyText: string, extra: HeaderList = []): Buffer {
  return Buffer.from(
    `Content-Type: command/reply\nReply-Text: ${replyText}\n${extra.map(([k, v]) => `${k}: ${v}\n`).join('')}\n`,
  );
}

/** `api/response` carrying the command output byte-exact. */
export function apiResponseFrame(output: string): Buffer {
  const body = Buffer.from(output, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Type: api/response\nContent-Length: ${body.length}\n\n`), body]);
}

/** The notice mod_event_socket sends before closing a socket. */
export function disconnectNoticeFrame(
  message = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n',
): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Type: text/disconnect-notice\nContent-Length: ${body.length}\n\n`), body]);
}
