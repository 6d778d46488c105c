import type { SipSocket } from './softphone-api';
import type { SipTraceEntry } from './types';

/** A fixed-size ring buffer: pushing past the capacity drops the oldest item. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be >= 1, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const index = (this.start + this.count) % this.capacity;
    this.items[index] = item;
    if (this.count < this.capacity) this.count += 1;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Items, oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i += 1) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }
}

/** Parses the first line and Call-ID of a SIP message into a trace entry. */
export function describeSipMessage(raw: string, direction: 'in' | 'out', at: number): SipTraceEntry {
  const lineEnd = raw.indexOf('\r\n');
  const firstLine = lineEnd === -1 ? raw : raw.slice(0, lineEnd);
  const response = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(firstLine);
  const cseq = /^CSeq:\s*\d+\s+(\S+)/im.exec(raw)?.[1];
  const summary = response
    ? `${response[1]} ${response[2]}${cseq ? ` (${cseq})` : ''}`
    : (firstLine.split(' ')[0] ?? '');
  const callId = /^(?:Call-ID|i):\s*(\S+)/im.exec(raw)?.[1];
  return { at, direction, summary, callId, raw };
}

/**
 * SIP message trace for troubleshooting: one bounded buffer over everything, and one bounded buffer per
 * Call-ID (at most `maxDialogs` dialogs are kept, the least recent is forgotten).
 */
export class SipTrace {
  private readonly all: RingBuffer<SipTraceEntry>;
  private readonly byCallId = new Map<string, RingBuffer<SipTraceEntry>>();

  constructor(
    size = 500,
    private readonly perCallSize = 200,
    private readonly maxDialogs = 20,
  ) {
    this.all = new RingBuffer(size);
  }

  record(entry: SipTraceEntry): void {
    this.all.push(entry);
    if (!entry.callId) return;
    let buffer = this.byCallId.get(entry.callId);
    if (buffer) {
      this.byCallId.delete(entry.callId); // re-insert: Map order doubles as recency order
    } else {
      buffer = new RingBuffer(this.perCallSize);
      if (this.byCallId.size >= this.maxDialogs) {
        const oldest = this.byCallId.keys().next().value;
        if (oldest !== undefined) this.byCallId.delete(oldest);
      }
    }
    this.byCallId.set(entry.callId, buffer);
    buffer.push(entry);
  }

  /** Entries, oldest first; with a SIP Call-ID only that dialog's. */
  entries(sipCallId?: string): SipTraceEntry[] {
    if (sipCallId === undefined) return this.all.toArray();
    return this.byCallId.get(sipCallId)?.toArray() ?? [];
  }

  clear(): void {
    this.all.clear();
    this.byCallId.clear();
  }
}

/**
 * A `JsSIP.Socket` that forwards to another one and reports every SIP message that passes.
 * JsSIP assigns `onconnect`/`ondisconnect`/`ondata` on the socket it is given; they are relayed here.
 */
export class TracingSocket implements SipSocket {
  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: (data: string | ArrayBuffer) => void = () => undefined;

  constructor(
    private readonly inner: SipSocket,
    private readonly report: (raw: string, direction: 'in' | 'out') => void,
  ) {
    inner.onconnect = () => this.onconnect();
    inner.ondisconnect = (error, code, reason) => this.ondisconnect(error, code, reason);
    inner.ondata = (data) => {
      const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
      if (text.trim() !== '') this.report(text, 'in');
      this.ondata(data);
    };
  }

  get via_transport(): string {
    return this.inner.via_transport;
  }
  set via_transport(value: string) {
    this.inner.via_transport = value;
  }
  get url(): string {
    return this.inner.url;
  }
  get sip_uri(): string {
    return this.inner.sip_uri;
  }
  connect(): void {
    this.inner.connect();
  }
  disconnect(): void {
    this.inner.disconnect();
  }
  send(message: string): boolean {
    if (message.trim() !== '') this.report(message, 'out');
    return this.inner.send(message);
  }
  isConnected(): boolean {
    return this.inner.isConnected();
  }
  isConnecting(): boolean {
    return this.inner.isConnecting();
  }
}
