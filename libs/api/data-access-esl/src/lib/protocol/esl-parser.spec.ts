import { apiResponseFrame, authRequestFrame, commandReplyFrame, encodeJsonEvent, encodePlainEvent, malformedFrames } from '../../../testing';
import { EslParser, type EslParseResult } from './esl-parser';

const identity: Array<[string, string]> = [
  ['Event-Name', 'BACKGROUND_JOB'],
  ['Core-UUID', '75527a14-18f8-45ad-82f9-9ca7b878bf9c'],
  ['Event-Date-Timestamp', '1795324807378963'],
  ['Event-Sequence', '42'],
];

function messages(results: EslParseResult[]): string[] {
  return results.map((r) => (r.ok ? r.message.type : `${r.fatal ? 'FATAL' : 'error'}: ${r.error.message}`));
}

function eventOf(result: EslParseResult | undefined) {
  if (!result?.ok || result.message.type !== 'event') throw new Error(`not an event: ${JSON.stringify(result)}`);
  return result.message.event;
}

describe('EslParser framing', () => {
  const stream = Buffer.concat([
    authRequestFrame(),
    commandReplyFrame('+OK accepted'),
    apiResponseFrame('UP 0 years\nä ü ö 🎧\n'),
    encodePlainEvent([...identity, ['Job-UUID', '7f4db78a'], ['Job-Command', 'status']], '+OK done: é\n'),
  ]);

  it('yields the same frames whether bytes arrive at once or one by one', () => {
    const whole = new EslParser().push(stream);
    const parser = new EslParser();
    const trickled = [...stream].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(messages(whole)).toEqual(['auth-request', 'command-reply', 'api-response', 'event']);
    expect(messages(trickled)).toEqual(messages(whole));
    expect(eventOf(trickled[3]).body).toBe('+OK done: é\n');
  });

  it('counts Content-Length in bytes, not characters (multi-byte UTF-8 bodies)', () => {
    const [, , api] = new EslParser().push(stream);
    expect(api?.ok && api.message.type === 'api-response' && api.message.body).toBe('UP 0 years\nä ü ö 🎧\n');
  });

  it('decodes an event-plain body that has its own Content-Length and body (BACKGROUND_JOB)', () => {
    const event = eventOf(new EslParser().push(stream)[3]);
    expect(event.name).toBe('BACKGROUND_JOB');
    expect(event.header('Job-UUID')).toBe('7f4db78a');
    expect(event.header('job-uuid')).toBe('7f4db78a');
    expect(event.sequence).toBe(42n);
    expect(event.timestampUs).toBe(1795324807378963n);
    expect(event.headers['Content-Length']).toBe(String(Buffer.byteLength('+OK done: é\n')));
  });

  it('decodes text/event-json with _body and array headers', () => {
    const frame = encodeJsonEvent([...identity, ['Event-Name', 'CUSTOM'], ['Event-Subclass', 'sofia::register'], ['contact', '"" <sip:1000@x>']], 'hello');
    const event = eventOf(new EslParser().push(frame)[0]);
    expect([event.name, event.subclass, event.header('contact'), event.body]).toEqual(['CUSTOM', 'sofia::register', '"" <sip:1000@x>', 'hello']);
    const withArray = Buffer.from(JSON.stringify({ ...Object.fromEntries(identity), Tags: ['a', 'b'] }));
    const arrayEvent = eventOf(new EslParser().push(Buffer.concat([Buffer.from(`Content-Length: ${withArray.length}\nContent-Type: text/event-json\n\n`), withArray]))[0]);
    expect(arrayEvent.header('Tags')).toBe('ARRAY::a|:b');
  });

  it('skips blank lines between frames and keeps zero-copy slices valid after more data arrives', () => {
    const parser = new EslParser();
    const first = parser.push(Buffer.concat([Buffer.from('\n\n'), commandReplyFrame('+OK one'), Buffer.from('\n')]));
    parser.push(commandReplyFrame('+OK two'));
    expect(first[0]?.ok && first[0].message.type === 'command-reply' && first[0].message.replyText).toBe('+OK one');
  });

  it('assembles a body spread over many chunks exactly once', () => {
    const body = 'x'.repeat(200_000);
    const frame = apiResponseFrame(body);
    const parser = new EslParser();
    const results: EslParseResult[] = [];
    for (let i = 0; i < frame.length; i += 4096) results.push(...parser.push(frame.subarray(i, i + 4096)));
    expect(results).toHaveLength(1);
    expect(results[0]?.ok && results[0].message.type === 'api-response' && results[0].message.body.length).toBe(200_000);
    expect(parser.bufferedBytes).toBe(0);
  });
});

describe('EslParser malformed input', () => {
  const after = (bad: Buffer, options = {}) => {
    const parser = new EslParser(options);
    return { parser, results: parser.push(Buffer.concat([bad, malformedFrames.validHeartbeat(9)])) };
  };

  it.each([
    ['nonNumericContentLength', /Content-Length "twelve" is not a number/],
    ['negativeContentLength', /Content-Length "-5" is not a number/],
    ['headerWithoutColon', /header line "Content-Type text\/event-plain" is not "Name: value"/],
    ['binaryGarbage', /is not "Name: value"|not a header name/],
  ] as const)('%s is fatal with a clear message and stops the parser', (kind, message) => {
    const { parser, results } = after(malformedFrames[kind]());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false, fatal: true });
    expect(!results[0]?.ok && results[0].error.message).toMatch(message);
    expect(parser.failed?.name).toBe('EslProtocolError');
    expect(parser.push(malformedFrames.validHeartbeat(10))).toEqual([]);
    parser.reset();
    expect(messages(parser.push(malformedFrames.validHeartbeat(11)))).toEqual(['event']);
  });

  it('a Content-Length that is too short desynchronises the stream and is caught at the next header block', () => {
    const { results } = after(malformedFrames.shortContentLength());
    expect(results.at(-1)).toMatchObject({ ok: false, fatal: true });
    expect(results.every((r) => !r.ok)).toBe(true);
  });

  it('refuses a frame over maxFrameBytes as soon as its headers arrive, without buffering its body', () => {
    const parser = new EslParser();
    const results = parser.push(malformedFrames.oversized());
    expect(messages(results)).toEqual(['FATAL: frame of 10485760 bytes exceeds the 8388608 byte limit (maxFrameBytes)']);
    expect(parser.bufferedBytes).toBe(0);
    const small = new EslParser({ maxFrameBytes: 1000 });
    expect(messages(small.push(apiResponseFrame('y'.repeat(1001))))[0]).toMatch(/exceeds the 1000 byte limit/);
  });

  it('refuses a header block that never ends instead of buffering without bound', () => {
    const parser = new EslParser({ maxHeaderBytes: 1024 });
    expect(parser.push(Buffer.alloc(1000, 0x41))).toEqual([]);
    expect(messages(parser.push(Buffer.alloc(100, 0x41)))).toEqual(['FATAL: no end of header block within 1024 bytes (binary garbage or a runaway frame?)']);
  });

  it('waits for a truncated body and reports it when the connection closes', () => {
    const parser = new EslParser();
    expect(parser.push(malformedFrames.truncated(80))).toEqual([]);
    expect(parser.bufferedBytes).toBeGreaterThan(0);
    expect(messages(parser.end())).toEqual([expect.stringMatching(/^FATAL: connection closed mid-frame: received \d+ of \d+ body bytes of a text\/event-plain frame$/)]);
    expect(parser.bufferedBytes).toBe(0);
    const headerOnly = new EslParser();
    headerOnly.push(Buffer.from('Content-Type: command/reply\nReply-Te'));
    expect(messages(headerOnly.end())).toEqual(['FATAL: connection closed mid-frame: 36 bytes of an unfinished header block']);
  });

  it('delivers an unknown content type as an unknown frame and goes on', () => {
    const { results } = after(malformedFrames.unknownContentType());
    expect(messages(results)).toEqual(['unknown', 'event']);
    expect(results[0]?.ok && results[0].message.type === 'unknown' && results[0].message.body).toBe('hello');
  });

  it('a bad event body or invalid JSON event is a non-fatal error for that frame only', () => {
    expect(messages(after(malformedFrames.badEventBody()).results)).toEqual(['error: event header line "this is not a header" is not "Name: value"', 'event']);
    expect(messages(after(malformedFrames.invalidJsonEvent()).results)[0]).toMatch(/^error: text\/event-json body is not JSON/);
    expect(messages(after(malformedFrames.invalidJsonEvent()).results)[1]).toBe('event');
  });

  it('an event without its identity headers is reported, not delivered half-filled', () => {
    const results = new EslParser().push(encodePlainEvent([['Event-Name', 'HEARTBEAT'], ['Core-UUID', 'x'], ['Event-Sequence', 'seven']]));
    expect(messages(results)).toEqual(['error: HEARTBEAT event has no numeric Event-Sequence (got "seven")']);
  });

  it('never throws, whatever the bytes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const parser = new EslParser({ maxFrameBytes: 4096 });
      const bytes = Buffer.from(Array.from({ length: 64 + Math.floor(random() * 512) }, () => (random() < 0.2 ? 0x0a : random() < 0.3 ? 0x3a : Math.floor(random() * 256))));
      expect(() => [...parser.push(bytes), ...parser.end()]).not.toThrow();
    }
  });
});
