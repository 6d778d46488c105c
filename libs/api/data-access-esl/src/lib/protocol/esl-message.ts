import { type EslEvent, eslEventFromPairs, type EslHeaders } from './esl-event';
import { plainEslEvent } from './plain-esl-event';

/** One frame from FreeSWITCH, decoded according to its Content-Type. */
export type EslMessage =
  | { readonly type: 'auth-request'; readonly headers: EslHeaders }
  /** Reply to `auth`, `event`, `bgapi`, `exit`...; `ok` when Reply-Text starts with `+OK`. */
  | { readonly type: 'command-reply'; readonly replyText: string; readonly ok: boolean; readonly headers: EslHeaders }
  /** Reply to `api`: the command's output, byte-exact. */
  | { readonly type: 'api-response'; readonly body: string; readonly headers: EslHeaders }
  | { readonly type: 'event'; readonly format: 'plain' | 'json'; readonly event: EslEvent }
  | { readonly type: 'disconnect-notice'; readonly body: string; readonly headers: EslHeaders }
  | { readonly type: 'log'; readonly level: number | undefined; readonly body: string; readonly headers: EslHeaders }
  /** FreeSWITCH's ACL refused this client address. */
  | { readonly type: 'rude-rejection'; readonly body: string; readonly headers: EslHeaders }
  /** A Content-Type this client does not know (or none): handed over untouched, never fatal. */
  | { readonly type: 'unknown'; readonly contentType: string | undefined; readonly headers: EslHeaders; readonly body: string | undefined };

const DIGITS = /^\d{1,10}$/;

/** A null-prototype record, so a header named `__proto__` or `constructor` is just a header. */
export function emptyHeaders(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/**
 * Decodes a frame body by Content-Type. Returns a description of the problem instead when the body is not what
 * its Content-Type promises (the framing itself was fine, so the caller can go on with the next frame).
 */
export function decodeFrame(headers: EslHeaders, body: Buffer | undefined): EslMessage | string {
  const contentType = headers['Content-Type'];
  const text = (): string => (body === undefined ? '' : body.toString('utf8'));
  switch (contentType) {
    case 'auth/request':
      return { type: 'auth-request', headers };
    case 'command/reply': {
      const replyText = headers['Reply-Text'] ?? '';
      return { type: 'command-reply', replyText, ok: replyText.startsWith('+OK'), headers };
    }
    case 'api/response':
      return { type: 'api-response', body: text(), headers };
    case 'text/event-plain':
    case 'text/event-json': {
      if (body === undefined) return `${contentType} frame has no Content-Length, so it carries no event`;
      let event: EslEvent | string;
      if (contentType === 'text/event-plain') event = plainEslEvent(body);
      else {
        const decoded = decodeJsonEvent(body);
        if (typeof decoded === 'string') return decoded;
        event = eslEventFromPairs(decoded.pairs, false, decoded.body);
      }
      if (typeof event === 'string') return event;
      return { type: 'event', format: contentType === 'text/event-plain' ? 'plain' : 'json', event };
    }
    case 'text/disconnect-notice':
      return { type: 'disconnect-notice', body: text(), headers };
    case 'log/data': {
      const level = headers['Log-Level'];
      return { type: 'log', level: level !== undefined && DIGITS.test(level) ? Number(level) : undefined, body: text(), headers };
    }
    case 'text/rude-rejection':
      return { type: 'rude-rejection', body: text(), headers };
    default:
      return { type: 'unknown', contentType, headers, body: body === undefined ? undefined : text() };
  }
}

interface DecodedEvent {
  /** name, value, name, value... in arrival order, values plain. */
  readonly pairs: string[];
  readonly body: string | undefined;
}

/** text/event-json: one JSON object of header values (not URL-encoded); `_body` holds the event body. */
export function decodeJsonEvent(frameBody: Buffer): DecodedEvent | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frameBody.toString('utf8'));
  } catch (error) {
    // Expected when the peer sends a truncated or non-JSON body: reported, the next frame is still read.
    return `text/event-json body is not JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'text/event-json body is not a JSON object';
  const pairs: string[] = [];
  let body: string | undefined;
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (key === '_body') body = typeof value === 'string' ? value : JSON.stringify(value);
    // FreeSWITCH serialises array headers as JSON arrays; keep the form text/event-plain uses for them.
    else if (Array.isArray(value)) pairs.push(key, `ARRAY::${value.map((item) => String(item)).join('|:')}`);
    else pairs.push(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return { pairs, body };
}
