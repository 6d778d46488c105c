// Fuzz of the Event Socket parser, directly: whatever bytes arrive, in whatever chunks, it never throws; a fatal
// result stops it; real frames parse the same however they are cut; decoding any event it returns never throws.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { EslParser, type EslParseResult } from '@switchboard/api/data-access-esl';
import {
  apiResponseFrame,
  commandReplyFrame,
  disconnectNoticeFrame,
  encodeJsonEvent,
  encodePlainEvent,
} from '@switchboard/api/data-access-esl/testing';
import { ProcessWatch, announceFuzzRun, fuzzParameters, hostileText, print } from './fuzz-support';

jest.setTimeout(120_000);

/** The start of a real FreeSWITCH 1.11 capture (auth, replies, plain events): the seed the mutations start from. */
const CAPTURE = readFileSync(
  join(__dirname, '../../../../libs/api/data-access-esl/testing/fixtures/fs-webrtc-queue.esl'),
).subarray(0, 24_000);

/** Cuts `bytes` at the given points (taken modulo its length). */
function chunksOf(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => (bytes.length === 0 ? 0 : cut % bytes.length)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/** Feeds every chunk then ends the stream; throws (fails the property) if the parser ever does. */
function parseAll(chunks: readonly Buffer[], parser = new EslParser({ maxFrameBytes: 64 * 1024 })): EslParseResult[] {
  const results: EslParseResult[] = [];
  for (const chunk of chunks) {
    const wasFailed = parser.failed !== undefined;
    const got = parser.push(chunk);
    if (wasFailed && got.length > 0) throw new Error('a parser stopped by a fatal error went on parsing');
    results.push(...got);
  }
  results.push(...parser.end());
  for (const result of results) touch(result);
  return results;
}

/** Reads everything a consumer would read of a result: every header of an event decodes without throwing. */
function touch(result: EslParseResult): void {
  if (!result.ok) {
    if (!(result.error instanceof Error) || typeof result.fatal !== 'boolean') throw new Error('malformed result');
    return;
  }
  if (result.message.type === 'event') {
    JSON.stringify(result.message.event.headers);
    JSON.stringify(result.message.event);
  }
}

/** A result's shape, to compare parses of the same bytes cut differently. */
const shapeOf = (results: readonly EslParseResult[]): string[] =>
  results.map((result) =>
    result.ok ? `${result.message.type}:${JSON.stringify(result.message)}` : `error:${String(result.fatal)}`,
  );

/** Header names FreeSWITCH could send inside an event (anything without ':' or a line break, not empty). */
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,20}$/);
/** Event header values: any text, lone surrogates aside (UTF-8 on the wire cannot carry them back unchanged). */
const headerValue = hostileText.map((text) => Buffer.from(text, 'utf8').toString('utf8'));

/** One well-formed frame as FreeSWITCH writes it, and the custom header/value it carries (for events). */
const frame: fc.Arbitrary<{ bytes: Buffer; header?: readonly [string, string] }> = fc.oneof(
  fc
    .tuple(headerName, headerValue, fc.option(headerValue, { nil: undefined }), fc.boolean(), fc.nat())
    .map(([name, value, body, json, sequence]) => {
      const custom = [`X-${name}`, value] as const;
      const headers: (readonly [string, string])[] = [
        ['Event-Name', 'CUSTOM'],
        ['Core-UUID', 'fuzz'],
        ['Event-Sequence', String(sequence)],
        ['Event-Date-Timestamp', '1796355948023835'],
        custom,
      ];
      return { bytes: json ? encodeJsonEvent(headers, body) : encodePlainEvent(headers, body), header: custom };
    }),
  fc.stringMatching(/^[+-][A-Za-z ]{0,30}$/).map((reply) => ({ bytes: commandReplyFrame(reply) })),
  headerValue.map((output) => ({ bytes: apiResponseFrame(output) })),
  fc.constant({ bytes: disconnectNoticeFrame() }),
);

const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('fuzz: ESL parser (never throws, whatever the bytes)', () => {
  const watch = new ProcessWatch();
  const run = announceFuzzRun('esl-parser');

  beforeAll(() => watch.install());
  afterAll(() => {
    watch.uninstall();
    print(run.summary());
  });
  afterEach(() => expect(watch.problems).toEqual([]));

  it('never throws on random bytes, however they are cut', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), cuts, (bytes, at) => {
        parseAll(chunksOf(Buffer.from(bytes), at));
      }),
      fuzzParameters(3_000),
    );
  });

  it('parses well-formed frames the same however they are cut, values intact', () => {
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 6 }), cuts, (frames, at) => {
        const stream = Buffer.concat(frames.map((f) => f.bytes));
        const whole = parseAll([stream]);
        const cut = parseAll(chunksOf(stream, at));
        expect(shapeOf(cut)).toEqual(shapeOf(whole));
        expect(whole.every((result) => result.ok)).toBe(true);
        expect(whole).toHaveLength(frames.length);
        frames.forEach((f, i) => {
          const result = whole[i];
          if (!f.header || !result?.ok || result.message.type !== 'event') return;
          expect(result.message.event.headers[f.header[0]]).toBe(f.header[1]);
        });
      }),
      fuzzParameters(2_500),
    );
  });

  it('never throws on a real capture with bytes overwritten, inserted or dropped, however it is cut', () => {
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('overwrite', 'insert', 'drop'),
      bytes: fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Buffer.from(b)),
        fc
          .constantFrom('\n', '\n\n', ':', 'Content-Length: ', '99999999999', '-1', '%', '%0', '\u0000', '{', '"')
          .map((text) => Buffer.from(text)),
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), cuts, (edits, at) => {
        let bytes: Buffer = CAPTURE;
        for (const { at: position, kind, bytes: piece } of edits) {
          const p = position % (bytes.length + 1);
          const tail = kind === 'insert' ? bytes.subarray(p) : bytes.subarray(Math.min(bytes.length, p + piece.length));
          bytes = Buffer.concat([bytes.subarray(0, p), kind === 'drop' ? Buffer.alloc(0) : piece, tail]);
        }
        parseAll(chunksOf(bytes, at));
      }),
      fuzzParameters(1_500),
    );
  });
});
