import { type EslEvent, eslEventFromPairs } from './esl-event';
import { plainEslEvent, plainHeaderPairs } from './plain-esl-event';

/** An event as text/event-plain carries it: values URL-encoded, decoded on use. */
function plainEvent(lines: string): EslEvent {
  const event = plainEslEvent(Buffer.from(`${lines}\n\n`));
  if (typeof event === 'string') throw new Error(event);
  return event;
}

const IDENTITY =
  'Event-Name: CHANNEL_ANSWER\nCore-UUID: core-1\nEvent-Sequence: 7\nEvent-Date-Timestamp: 1796000000000000';

describe('EslEvent headers (text/event-plain)', () => {
  it('lists every header decoded, in the order sent, repeats included; `headers` and `header()` read the first', () => {
    const event = plainEvent(`${IDENTITY}\nCaller-Caller-ID-Name: Zo%C3%AB%20%22Z%22\nvariable_x: 1\nvariable_x: 2`);
    expect(event.headerPairs().slice(8)).toEqual([
      'Caller-Caller-ID-Name',
      'Zoë "Z"',
      'variable_x',
      '1',
      'variable_x',
      '2',
    ]);
    expect(event.headers['variable_x']).toBe('1');
    expect(event.header('variable_x')).toBe('1');
    expect(event.headers['Caller-Caller-ID-Name']).toBe('Zoë "Z"');
    expect(Object.keys(event.headers)).toHaveLength(6);
  });

  it('finds a header whatever its case and misses without inventing one', () => {
    const event = plainEvent(`${IDENTITY}\nCC-Member-Session-UUID: m%2D1\ncc-agent: first\nCC-Agent: second\nX[1]: bracket`);
    expect(event.header('cc-member-session-uuid')).toBe('m-1');
    expect(event.header('CC-Agent')).toBe('second');
    expect(event.header('CC-AGENT')).toBe('first');
    expect(event.header('CC-Queue')).toBeUndefined();
    // A name that is a prefix of another, or another's suffix, is not that header.
    expect(event.header('CC-Member-Session')).toBeUndefined();
    expect(event.header('Member-Session-UUID')).toBeUndefined();
    expect(event.header('Unique-ID')).toBeUndefined();
    // Only letters have a case: '{' is not an upper-case '['.
    expect(event.header('x[1]')).toBe('bracket');
    expect(event.header('x{1]')).toBeUndefined();
  });

  it('keeps the header block exactly as it came, for the event log', () => {
    const block = `${IDENTITY}\nUnique-ID: u-1\nCaller-Caller-ID-Name: Zo%C3%AB`;
    const event = plainEvent(block);
    expect(event.plainHeaderBlock).toBe(block);
    expect(event.channelUuid).toBe('u-1');
    expect(plainHeaderPairs(block)).toEqual(event.headerPairs());
  });

  it('reads a value without the one space after the colon, and an empty value as empty', () => {
    const event = plainEvent(`${IDENTITY}\nA:x\nB:  two\nOther-Leg-Unique-ID: `);
    expect([event.header('A'), event.header('B'), event.header('Other-Leg-Unique-ID')]).toEqual(['x', ' two', '']);
  });

  it('reads the body that follows the block when the block announces one', () => {
    const frame = Buffer.from(`${IDENTITY}\nContent-Length: 5\n\nhello and more`);
    const event = plainEslEvent(frame);
    expect(typeof event === 'string' ? event : event.body).toBe('hello');
    expect(plainEslEvent(Buffer.from(`${IDENTITY}\nContent-Length: 50\n\nshort`))).toMatch(/shorter than its Content-Length 50/);
  });

  it('indexes a block far larger than FreeSWITCH sends, and the events after it as before', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `variable_v${i}: ${i}`).join('\n');
    const big = plainEvent(`${IDENTITY}\n${many}`);
    expect(big.header('variable_v19999')).toBe('19999');
    expect(big.headerPairs()).toHaveLength(2 * 20_004);
    const small = plainEvent(`${IDENTITY}\nA: 1`);
    expect(small.headerPairs()).toEqual([...big.headerPairs().slice(0, 8), 'A', '1']);
  });

  it('names what is missing or malformed instead of an event', () => {
    expect(plainEslEvent(Buffer.from('Core-UUID: c\n\n'))).toBe('event has no Event-Name header');
    expect(plainEslEvent(Buffer.from('Event-Name: X\nCore-UUID: c\nEvent-Sequence: a\n\n'))).toMatch(/no numeric Event-Sequence/);
    expect(plainEslEvent(Buffer.from(`${IDENTITY}\nno colon here\n\n`))).toBe('event header line "no colon here" is not "Name: value"');
    expect(plainEslEvent(Buffer.from(`${IDENTITY}\n: no name\n\n`))).toMatch(/is not "Name: value"/);
  });
});

describe('EslEvent headers (decoded, as text/event-json gives them)', () => {
  it('has no plain header block, and reads the last of repeated names', () => {
    const event = eslEventFromPairs(['Event-Name', 'X', 'Core-UUID', 'c', 'Event-Sequence', '1', 'Event-Date-Timestamp', '2', 'A', '1', 'A', '2'], false, undefined);
    if (typeof event === 'string') throw new Error(event);
    expect(event.plainHeaderBlock).toBeUndefined();
    expect(event.headers['A']).toBe('2');
    expect(event.header('a')).toBe('2');
  });
});
