// A second Event Socket connection of the test's own, to read FreeSWITCH's own account of a call (its
// Caller-Channel-*-Time stamps, mod_callcenter's events) and compare the product's records with it. Deliberately
// independent of the product's ESL client: a bug there must not hide here. Plain events only; enough for tests.
import { type Socket, connect } from 'node:net';

/** One event: its headers, URL-decoded. */
export type TapEvent = Readonly<Record<string, string>>;

const decode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray '%' in a value: keep it as FreeSWITCH sent it.
    return value;
  }
};

/** Everything FreeSWITCH emits (the events named at `connect`) from the moment the tap connects. */
export class EventTap {
  readonly events: TapEvent[] = [];
  private buffer = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {}

  static connect(
    password: string,
    events = 'CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_BRIDGE CHANNEL_HANGUP_COMPLETE DTMF CUSTOM callcenter::info',
  ): Promise<EventTap> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: 8021 });
      const tap = new EventTap(socket);
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => {
        tap.buffer = Buffer.concat([tap.buffer, chunk]);
        for (const frame of tap.frames()) {
          const type = frame.headers['Content-Type'];
          if (type === 'auth/request') socket.write(`auth ${password}\n\n`);
          else if (type === 'command/reply' && frame.headers['Reply-Text']?.startsWith('+OK accepted'))
            socket.write(`event plain ${events}\n\n`);
          else if (type === 'command/reply' && frame.headers['Reply-Text']?.startsWith('+OK event')) resolve(tap);
          else if (type === 'text/event-plain') tap.events.push(parseHeaders(frame.body));
        }
      });
    });
  }

  /** Resolves with the first event (seen so far or later) that matches; rejects after `timeoutMs`. */
  async waitFor(match: (event: TapEvent) => boolean, what: string, timeoutMs = 15_000): Promise<TapEvent> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.events.find(match);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`FreeSWITCH did not emit ${what} within ${timeoutMs} ms`);
  }

  close(): void {
    this.socket.end('exit\n\n');
    this.socket.destroy();
  }

  private *frames(): Generator<{ headers: Record<string, string>; body: string }> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end < 0) return;
      const headers = parseHeaders(this.buffer.subarray(0, end).toString());
      const length = Number(headers['Content-Length'] ?? 0);
      if (this.buffer.length < end + 2 + length) return;
      const body = this.buffer.subarray(end + 2, end + 2 + length).toString();
      this.buffer = this.buffer.subarray(end + 2 + length);
      yield { headers, body };
    }
  }
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) headers[line.slice(0, colon)] = decode(line.slice(colon + 2));
  }
  return headers;
}

/** A FreeSWITCH µs timestamp header as a Date. */
export function fsTime(event: TapEvent, header: string): Date {
  const value = event[header];
  if (!value || value === '0') throw new Error(`${header} is not set on ${event['Event-Name']}`);
  return new Date(Number(BigInt(value) / 1000n));
}
