import { decodePlainEvent } from './esl-message';
import { type EslEvent, eslEventFromPairs } from './esl-event';

/** An event as text/event-plain carries it: values URL-encoded, decoded on use. */
function plainEvent(lines: string): EslEvent {
  const decoded = decodePlainEvent(Buffer.from(`${lines}\n\n`));
  if (typeof decoded === 'string') throw new Error(decoded);
  const event = eslEventFromPairs(decoded.pairs, decoded.encoded, decoded.body);
  if (typeof event === 'string') throw new Error(event);
  return event;
}

const IDENTITY =
  'Event-Name: CHANNEL_ANSWER\nCore-UUID: core-1\nEvent-Sequence: 7\nEvent-Date-Timestamp: 1796000000000000';

describe('EslEvent headers', () => {
  it('lists every header decoded, in the order sent, repeats included, as `headers` reads them', () => {
    const event = plainEvent(`${IDENTITY}\nCaller-Caller-ID-Name: Zo%C3%AB%20%22Z%22\nvariable_x: 1\nvariable_x: 2`);
    expect(event.headerPairs().slice(8)).toEqual([
      'Caller-Caller-ID-Name',
      'Zoë "Z"',
      'variable_x',
      '1',
      'variable_x',
      '2',
    ]);
    const pairs = event.headerPairs();
    const fromPairs: Record<string, string> = {};
    for (let i = 0; i < pairs.length; i += 2) fromPairs[pairs[i] ?? ''] = pairs[i + 1] ?? '';
    expect(fromPairs).toEqual({ ...event.headers });
  });

  it('finds a header whatever its case, the last of repeated names, and misses without inventing one', () => {
    const event = plainEvent(`${IDENTITY}\nCC-Member-Session-UUID: m%2D1\ncc-agent: first\nCC-Agent: second`);
    expect(event.header('cc-member-session-uuid')).toBe('m-1');
    expect(event.header('CC-AGENT')).toBe('second');
    expect(event.header('CC-Queue')).toBeUndefined();
    // After `headers` is built the same answers come from it.
    expect(event.headers['CC-Agent']).toBe('second');
    expect(event.header('cc-member-session-uuid')).toBe('m-1');
    expect(event.header('Unique-ID')).toBeUndefined();
  });
});
