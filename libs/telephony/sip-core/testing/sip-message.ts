import { randomBytes } from 'node:crypto';

/** A parsed SIP message (RFC 3261 text form). Header names are kept lower-case, values in order. */
export interface SipMessage {
  readonly raw: string;
  readonly method?: string;
  readonly uri?: string;
  readonly status?: number;
  readonly reason?: string;
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: string;
}

const COMPACT: Record<string, string> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  r: 'refer-to',
  b: 'referred-by',
  o: 'event',
  x: 'session-expires',
};

/** Parses one SIP message; throws on a malformed start line. */
export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const rawName = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[rawName] ?? rawName;
    const value = line.slice(colon + 1).trim();
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  const response = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(startLine);
  if (response) return { raw, status: Number(response[1]), reason: response[2], headers, body };
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(startLine);
  if (!request) throw new Error(`Malformed SIP start line: ${startLine}`);
  return { raw, method: request[1], uri: request[2], headers, body };
}

/** First value of a header ('' when absent). */
export function header(message: SipMessage, name: string): string {
  return message.headers.get(name.toLowerCase())?.[0] ?? '';
}

/** The `tag` parameter of a From/To value. */
export function tagOf(value: string): string | undefined {
  return /;\s*tag=([^;>\s]+)/i.exec(value)?.[1];
}

/** The URI inside `<...>` of a name-addr (or the bare value). */
export function uriOf(value: string): string {
  return /<([^>]+)>/.exec(value)?.[1] ?? value.split(';')[0]?.trim() ?? value;
}

/** `CSeq` number and method. */
export function cseqOf(message: SipMessage): { readonly seq: number; readonly method: string } {
  const [seq = '0', method = ''] = header(message, 'cseq').split(/\s+/);
  return { seq: Number(seq), method };
}

/** A random token for tags and branches. */
export function token(bytes = 6): string {
  return randomBytes(bytes).toString('hex');
}

/** Serialises a start line, headers and body with a correct Content-Length. */
export function buildSip(startLine: string, headers: readonly (readonly [string, string])[], body = ''): string {
  const lines = [
    startLine,
    ...headers.map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A response to `request`: copies Via, From, Call-ID and CSeq; adds `toTag` to To when given. */
export function buildResponse(
  request: SipMessage,
  status: number,
  reason: string,
  options: {
    readonly toTag?: string;
    readonly headers?: readonly (readonly [string, string])[];
    readonly body?: string;
  } = {},
): string {
  const to = header(request, 'to');
  const toValue = options.toTag && !tagOf(to) ? `${to};tag=${options.toTag}` : to;
  const headers: (readonly [string, string])[] = [
    ...(request.headers.get('via') ?? []).map((via) => ['Via', via] as [string, string]),
    ['From', header(request, 'from')],
    ['To', toValue],
    ['Call-ID', header(request, 'call-id')],
    ['CSeq', header(request, 'cseq')],
    ...(options.headers ?? []),
  ];
  return buildSip(`SIP/2.0 ${status} ${reason}`, headers, options.body ?? '');
}
