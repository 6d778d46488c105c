import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { type FieldError, findUnsafeText, unsafeTextReason } from '@switchboard/shared/contracts';
import { ValidationError } from './domain-errors';

/**
 * Input hygiene in one place, for every route: text that PostgreSQL cannot store (a NUL character) or that is not
 * Unicode (invalid UTF-8 bytes, percent-escapes that decode to them, lone surrogates) is a 400 `ValidationError`
 * naming the field, before any controller sees it. Two hooks, wired in the app's setup:
 * - {@link verifyUtf8Body}, the body parsers' `verify`: the raw bytes (and a form's percent-escapes) must be UTF-8,
 *   because the parsers would otherwise turn bad bytes silently into U+FFFD;
 * - {@link inputHygiene}, after the parsers: the URL (path and query) and every string of the parsed body.
 */

const INVALID_UTF8 = 'must be valid UTF-8 text';
/** A run of percent-escapes: the bytes of one or more characters of a URL or a form. */
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/** What is wrong with the characters that `text`'s percent-escapes stand for (URL or form encoding), if anything. */
export function percentEscapeProblem(text: string): string | undefined {
  for (const [run] of text.matchAll(ESCAPE_RUN)) {
    const bytes = Buffer.from(run.replaceAll('%', ''), 'hex');
    if (bytes.includes(0)) return 'must not contain NUL characters';
    // Each character's bytes are escaped together, so a run must be whole UTF-8 on its own.
    if (!isUtf8(bytes)) return INVALID_UTF8;
  }
  return undefined;
}

/** The first bad field of URL/form-encoded `text` (`a=1&b=2`), named by its decoded key; malformed escapes are left to the parser. */
export function formProblem(text: string): FieldError | undefined {
  for (const pair of text.split('&')) {
    const equals = pair.indexOf('=');
    const rawKey = equals === -1 ? pair : pair.slice(0, equals);
    const problem = percentEscapeProblem(pair);
    if (problem) return { path: decodeKey(rawKey), message: problem };
  }
  return undefined;
}

function decodeKey(rawKey: string): string {
  try {
    const key = decodeURIComponent(rawKey.replaceAll('+', ' '));
    return unsafeTextReason(key) ? 'query' : key;
  } catch {
    // A key whose escapes do not decode cannot be named; the field is then called after where it came from.
    return 'query';
  }
}

/** Raised from a body parser's `verify`; body-parser passes it on to the exception filter as it is. */
function refuse(field: FieldError): ValidationError {
  const where = field.path === 'body' ? 'The request body' : field.path;
  return new ValidationError(`${where} ${field.message}`, [field]);
}

/**
 * `verify` for express's json/text/urlencoded parsers: the raw (decompressed) bytes must be UTF-8 when that is the
 * declared charset; a form's percent-escapes too. Other charsets are decoded by the parser and checked afterwards.
 */
export function verifyUtf8Body(request: IncomingMessage, _response: unknown, bytes: Buffer, encoding: string): void {
  if (!/^utf-?8$/i.test(encoding)) return;
  if (!isUtf8(bytes)) throw refuse({ path: 'body', message: INVALID_UTF8 });
  if (!/application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '')) return;
  const text = bytes.toString('utf8');
  // A raw JSON document labelled as a form (mod_json_cdr does that) is not percent-encoded: its '%' is literal.
  if (/^\s*[{[]/.test(text)) return;
  const field = formProblem(text);
  if (field) throw refuse(field);
}

/** The first bad field of a body as parsed: an object (JSON, form) or, for text bodies, the text and what it holds. */
export function bodyProblem(body: unknown): FieldError | undefined {
  if (typeof body !== 'string') return findUnsafeText(body);
  const reason = unsafeTextReason(body);
  if (reason) return { path: 'body', message: reason };
  return textDocumentProblem(body);
}

/**
 * A text body (read as text whatever its label, like mod_json_cdr's) is checked for what its reader will decode:
 * a JSON document's strings, or a form's fields and any JSON document a field holds (`cdr=<url-encoded JSON>`).
 * Text that is neither is left to its route.
 */
function textDocumentProblem(text: string): FieldError | undefined {
  if (/^\s*[{[]/.test(text)) return findUnsafeText(parseJson(text));
  if (!text.includes('=')) return undefined;
  const escapes = formProblem(text);
  if (escapes) return escapes;
  for (const [key, value] of new URLSearchParams(text)) {
    const field = findUnsafeText(/^\s*[{[]/.test(value) ? parseJson(value) : value, key);
    if (field) return field;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON after all: the route that reads it answers that with its own 400.
    return undefined;
  }
}

/** The first bad field of a request's URL: its path, then each query parameter by name. */
export function urlProblem(url: string): FieldError | undefined {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const pathProblem = percentEscapeProblem(path);
  if (pathProblem) return { path: 'path', message: pathProblem };
  return query === -1 ? undefined : formProblem(url.slice(query + 1));
}

/**
 * Express middleware (after the body parsers): refuses a request whose URL or parsed body holds text we cannot take,
 * with a 400 that names the field.
 */
export function inputHygiene(): (
  request: IncomingMessage & { originalUrl?: string; body?: unknown },
  response: unknown,
  next: (error?: unknown) => void,
) => void {
  return (request, _response, next) => {
    const field = urlProblem(request.originalUrl ?? request.url ?? '') ?? bodyProblem(request.body);
    next(field ? refuse(field) : undefined);
  };
}
