// Arbitrary HTTP requests for the fuzz suite: any method/path/query/body/labels, sent through supertest as raw bytes.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { TestApp } from '../testing/test-app';
import {
  encodedValue,
  formString,
  hostileText,
  hostileValue,
  humanText,
  percentEncode,
  rawEscapes,
} from './fuzz-support';
import { type JsonSchema, schemaBody } from './schema-arbitrary';

/** A request as generated: everything a client controls. */
export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, already encoded. */
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Labels a body may carry, right or wrong (charsets the parsers refuse, types no parser reads). */
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16le',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'application/x-www-form-base64-encoded',
  'text/plain',
  'application/octet-stream',
  'multipart/form-data; boundary=x',
  'application/*',
];

/** JSON text of `value`, sometimes broken: cut short, or with bytes that are not UTF-8 spliced in. */
const jsonBytes = (keys: readonly string[]): fc.Arbitrary<Buffer> =>
  fc
    .tuple(hostileValue(keys), fc.nat(), fc.constantFrom('whole', 'whole', 'whole', 'cut', 'bad-bytes'))
    .map(([value, at, how]) => {
      const text = Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
      const position = text.length === 0 ? 0 : at % text.length;
      if (how === 'cut') return text.subarray(0, position);
      if (how === 'bad-bytes')
        return Buffer.concat([text.subarray(0, position), Buffer.from([0xff, 0xc3]), text.subarray(position)]);
      return text;
    });

/** Any body: JSON with likely field names, a form, raw bytes, or none. */
export function bodyOf(keys: readonly string[]): fc.Arbitrary<Buffer | undefined> {
  return fc.oneof(
    { weight: 5, arbitrary: jsonBytes(keys) },
    { weight: 2, arbitrary: formString(keys).map((form) => Buffer.from(form, 'latin1')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** Labels and encodings of a body: mostly JSON, sometimes wrong, now and then gzip (real or fake). */
const bodyHeaders = fc.record({
  'content-type': fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    fc.constantFrom(...CONTENT_TYPES),
  ),
  // One request in ten claims a compression (real gzip half of those times, see requestTo).
  'content-encoding': fc.oneof(
    { weight: 9, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('gzip', 'gzip', 'deflate', 'br', 'identity', 'x-unknown') },
  ),
});

const someDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
  .map((date) => date.toISOString());

/** Plausible values of the query parameters the API reads, so list and report queries reach the database. */
const PLAUSIBLE_QUERY: Record<string, fc.Arbitrary<string>> = {
  page: fc.integer({ min: 1, max: 5 }).map(String),
  pageSize: fc.integer({ min: 1, max: 200 }).map(String),
  search: humanText(30),
  number: humanText(20),
  queue: fc.constantFrom('support', 'support@default', 'sales@default'),
  agent: fc.constantFrom('agent2001@default', 'nobody'),
  role: fc.constantFrom('ADMIN', 'SUPERVISOR', 'AGENT'),
  direction: fc.constantFrom('INBOUND', 'OUTBOUND', 'INTERNAL'),
  outcome: fc.constantFrom('ANSWERED', 'ABANDONED', 'TIMEOUT', 'NO_AGENT', 'OTHER'),
  from: someDate,
  to: someDate,
  timeZone: fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Mars/Olympus'),
  interval: fc.constantFrom('hour', 'day'),
  format: fc.constantFrom('json', 'csv'),
};

/** A query of plausible values, sometimes with one hostile pair added. */
const plausibleQuery: fc.Arbitrary<string> = fc
  .tuple(
    fc
      .subarray(Object.keys(PLAUSIBLE_QUERY))
      .chain((names) =>
        fc.tuple(
          ...names.map((name) =>
            (PLAUSIBLE_QUERY[name] ?? fc.constant('')).map((value) => `${name}=${percentEncode(value)}`),
          ),
        ),
      ),
    fc.option(fc.tuple(fc.constantFrom(...Object.keys(PLAUSIBLE_QUERY)), encodedValue), { freq: 3 }),
  )
  .map(([pairs, hostile]) => [...pairs, ...(hostile ? [`${hostile[0]}=${hostile[1]}`] : [])].join('&'));

/** Header values a client can send (printable ASCII). */
const headerText = fc.string({ unit: 'binary-ascii', maxLength: 80 }).filter((text) => /^[\x20-\x7e]*$/.test(text));

/** Authorization: a real token, a forged one, garbage, or none. */
export function authorizationOf(tokens: readonly string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...tokens).map((token) => `Bearer ${token}`) },
    { weight: 1, arbitrary: fc.constantFrom(...tokens).map((token) => `Bearer ${token.slice(0, -3)}abc`) },
    { weight: 1, arbitrary: headerText },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A path segment where an id goes: a UUID, a known id, or anything. */
export function segmentOf(knownIds: () => readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.nat().map((n) => knownIds()[n % Math.max(1, knownIds().length)] ?? 'none') },
    { weight: 3, arbitrary: hostileText.map(percentEncode).filter((segment) => segment.length > 0) },
    { weight: 1, arbitrary: rawEscapes },
  );
}

/** Fills `{param}` of an OpenAPI path template with generated segments. */
export function pathOf(template: string, knownIds: () => readonly string[]): fc.Arbitrary<string> {
  const params = template.match(/\{[^}]+\}/g) ?? [];
  return fc
    .tuple(...params.map(() => segmentOf(knownIds)))
    .map((segments) => segments.reduce<string>((path, segment) => path.replace(/\{[^}]+\}/, segment), template));
}

/**
 * A request to one route of the API: its method and path template, a hostile query and body, and headers that may
 * lie about the body. `keys` are field names the route is likely to read.
 */
export function requestTo(
  route: { method: FuzzRequest['method']; path: string },
  options: {
    keys: readonly string[];
    tokens: readonly string[];
    knownIds: () => readonly string[];
    /** The route's request body schema: most bodies then follow it, with at most one hostile field. */
    schema?: JsonSchema;
  },
): fc.Arbitrary<FuzzRequest> {
  const hostileBody = bodyOf(options.keys);
  // Routes without a body schema (GET, DELETE...) mostly get none: a hostile one would stop most of them at the parser.
  const body = options.schema
    ? fc.oneof(
        {
          weight: 3,
          arbitrary: schemaBody(options.schema, options.knownIds).map((value) =>
            Buffer.from(JSON.stringify(value) ?? ''),
          ),
        },
        { weight: 1, arbitrary: hostileBody },
      )
    : fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileBody });
  return fc
    .record({
      path: pathOf(route.path, options.knownIds),
      query: fc.option(fc.oneof(plausibleQuery, formString(options.keys)), { freq: 2 }),
      body,
      labels: bodyHeaders,
      gzipped: fc.boolean(),
      authorization: authorizationOf(options.tokens),
      requestId: fc.option(headerText, { freq: 4 }),
      cookie: fc.option(
        encodedValue.map((value) => `sb_refresh=${value}`),
        { freq: 6 },
      ),
    })
    .map(({ path, query, body, labels, gzipped, authorization, requestId, cookie }) => {
      const headers: Record<string, string> = { 'content-type': labels['content-type'] };
      if (labels['content-encoding'] !== undefined) headers['content-encoding'] = labels['content-encoding'];
      if (authorization !== undefined) headers['authorization'] = authorization;
      if (requestId !== null) headers['x-request-id'] = requestId;
      if (cookie !== null) headers['cookie'] = cookie;
      // A real gzip body under a gzip label half the time, so the parsers get past decompression too.
      const encoded = body && gzipped && labels['content-encoding'] === 'gzip' ? gzipSync(body) : body;
      return { method: route.method, url: query ? `${path}?${query}` : path, headers, body: encoded };
    });
}

/** Sends a generated request as it is: supertest must not re-encode the URL or serialise the body. */
export async function send(
  t: TestApp,
  request: FuzzRequest,
): Promise<{ status: number; body: unknown; headers: Record<string, string> }> {
  const method = request.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let pending = t.http()[method](request.url);
  for (const [name, value] of Object.entries(request.headers)) pending = pending.set(name, value);
  if (request.body !== undefined)
    pending = pending.serialize((raw: Buffer) => raw as unknown as string).send(request.body);
  const response = await pending;
  return {
    status: response.status,
    body: response.body as unknown,
    headers: response.headers as Record<string, string>,
  };
}

/** Human-readable form of a request for failure messages. */
export function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === undefined ? '' : ` body=${JSON.stringify(request.body.toString('latin1').slice(0, 300))}`;
  return `${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.headers)}${body}`;
}
