import { encodePlainEvent } from './wire';

const heartbeat = (sequence: number): Buffer =>
  encodePlainEvent([
    ['Event-Name', 'HEARTBEAT'],
    ['Core-UUID', '00000000-0000-4000-8000-00000000bad0'],
    ['Event-Date-Timestamp', '1795324800000000'],
    ['Event-Sequence', String(sequence)],
    ['Event-Info', 'System Ready'],
  ]);

const frame = (contentType: string, body: string): Buffer =>
  Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\nContent-Type: ${contentType}\n\n${body}`);

/**
 * Byte sequences a broken peer (or a broken proxy in between) could send, for robustness tests. Each comment says
 * what a correct client does with it.
 */
export const malformedFrames = {
  /** Fatal: the body length is unknown, so framing is lost → reset the connection. */
  nonNumericContentLength: (): Buffer => Buffer.from('Content-Length: twelve\nContent-Type: api/response\n\n+OK whatever'),
  /** Fatal for the same reason. */
  negativeContentLength: (): Buffer => Buffer.from('Content-Length: -5\nContent-Type: api/response\n\n'),
  /** A valid HEARTBEAT whose Content-Length is 40 bytes short: the tail then reads as a header block → fatal. */
  shortContentLength: (): Buffer => {
    const valid = heartbeat(1).toString('latin1');
    const declared = Number(/^Content-Length: (\d+)/.exec(valid)?.[1] ?? '0');
    return Buffer.from(valid.replace(`Content-Length: ${declared}`, `Content-Length: ${declared - 40}`), 'latin1');
  },
  /** Fatal: a header line that is not `Name: value`. */
  headerWithoutColon: (): Buffer => Buffer.from('Content-Type text/event-plain\nContent-Length: 0\n\n'),
  /** Fatal: random bytes where a header block should start (a blank line inside so they form a "block"). */
  binaryGarbage: (): Buffer => Buffer.concat([Buffer.from([0x00, 0xff, 0x13, 0x37, 0xfe, 0x80, 0x0a, 0xc3, 0x28, 0x7f]), Buffer.from('\x01\x02: \x03\n\n')]),
  /** Fatal: announces 10 MiB (over the 8 MiB default cap) and starts sending it. */
  oversized: (bytes = 10 * 1024 * 1024, sent = 64 * 1024): Buffer =>
    Buffer.concat([Buffer.from(`Content-Type: api/response\nContent-Length: ${bytes}\n\n`), Buffer.alloc(Math.min(sent, bytes), 0x41)]),
  /** Not an error: delivered as `unknown`, logged, parsing goes on. */
  unknownContentType: (): Buffer => Buffer.from('Content-Type: text/x-switchboard-future\nContent-Length: 5\n\nhello'),
  /** Non-fatal: framing fine but the event body is not `Name: value` lines → that frame is reported and skipped. */
  badEventBody: (): Buffer => frame('text/event-plain', 'this is not a header\nEvent-Name: HEARTBEAT\n\n'),
  /** Non-fatal: text/event-json whose body is not JSON. */
  invalidJsonEvent: (): Buffer => frame('text/event-json', '{"Event-Name": "HEARTB'),
  /** The first `keep` bytes of a valid frame; send it, then close the socket (truncated body). */
  truncated: (keep = 60): Buffer => heartbeat(2).subarray(0, keep),
  /** A valid HEARTBEAT, to check that parsing resumed. */
  validHeartbeat: heartbeat,
} as const;

/** Names of the malformed cases. */
export type MalformedFrameKind = keyof typeof malformedFrames;
