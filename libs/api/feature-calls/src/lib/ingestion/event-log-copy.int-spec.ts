import { PrismaService } from '@switchboard/api/data-access-db';
import { createTestDatabase } from '@switchboard/api/data-access-db/testing';
import { createEslEvent, type EslEvent, EslParser, plainHeaderPairs } from '@switchboard/api/data-access-esl';
import { encodePlainEvent } from '@switchboard/api/data-access-esl/testing';
import { appendEvents } from './event-log-copy';
import { type CallEventRow, EventRowEncoder } from './event-row';

const NODE = 'e0000000-0000-4000-8000-00000000c0de';

/** Events as they come off the wire (text/event-plain, values URL-encoded), so decoding is part of what is tested. */
function wireEvents(sequences: readonly number[], extra: [string, string][] = [], channel?: string): EslEvent[] {
  const parser = new EslParser();
  const frames = sequences.map((sequence) =>
    encodePlainEvent([
      ['Event-Name', 'CHANNEL_ANSWER'],
      ['Core-UUID', NODE],
      ['Event-Sequence', String(sequence)],
      ['Event-Date-Timestamp', String(1_796_000_000_000_000 + sequence)],
      ['Unique-ID', channel ?? `d0000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`],
      ...extra,
    ]),
  );
  return parser
    .push(Buffer.concat(frames))
    .flatMap((r) => (r.ok && r.message.type === 'event' ? [r.message.event] : []));
}

describe('appendEvents (COPY into the event log, real PostgreSQL)', () => {
  let prisma: PrismaService;
  const encoder = new EventRowEncoder();
  const rows = (events: EslEvent[]): CallEventRow[] => events.map((e) => encoder.toRow(e, undefined));
  const stored = async () =>
    (await prisma.callEvent.findMany({ where: { node: NODE }, orderBy: { sequence: 'asc' } })).map((e) => e.sequence);

  beforeAll(async () => {
    prisma = new PrismaService(await createTestDatabase());
    await prisma.onModuleInit();
  });
  afterAll(() => prisma.onApplicationShutdown());
  beforeEach(() => prisma.callEvent.deleteMany({ where: { node: NODE } }));

  it('stores a text/event-plain header block byte for byte, which reads back as every header decoded', async () => {
    const tricky: [string, string][] = [
      ['variable_sip_from_display', '"Zoë" <sip:1000@example.com>'],
      ['variable_path', 'C:\\calls\\rec.wav'],
      ['variable_note', 'line one\nline two\ttabbed'],
      ['variable_empty', ''],
    ];
    const [plain, escaped] = [wireEvents([1]), wireEvents([2], tricky)];
    await appendEvents(prisma.pool, rows([...plain, ...escaped]));
    const events = await prisma.callEvent.findMany({ where: { node: NODE }, orderBy: { sequence: 'asc' } });
    expect(events.map((e) => [e.raw, e.headers])).toEqual([
      [plain[0]?.plainHeaderBlock, null],
      [escaped[0]?.plainHeaderBlock, null],
    ]);
    expect(events[1]?.raw).toContain('variable_note: line%20one%0Aline%20two%09tabbed');
    const decoded = plainHeaderPairs(events[1]?.raw ?? '');
    expect(decoded).toEqual(escaped[0]?.headerPairs());
    expect(events[0]).toMatchObject({ name: 'CHANNEL_ANSWER', subclass: null, timestampUs: 1_796_000_000_000_001n });
  });

  it('stores the headers of an event that came decoded (text/event-json) as a JSON document', async () => {
    const event = createEslEvent(
      { 'Event-Name': 'CHANNEL_ANSWER', 'Core-UUID': NODE, 'Event-Sequence': '11', 'Event-Date-Timestamp': '1', 'variable_x': 'a "b"' },
      undefined,
    );
    if (typeof event === 'string') throw new Error(event);
    await appendEvents(prisma.pool, rows([event]));
    const [stored] = await prisma.callEvent.findMany({ where: { node: NODE } });
    expect(stored?.raw).toBeNull();
    expect(stored?.headers).toEqual({ 'Event-Name': 'CHANNEL_ANSWER', 'Core-UUID': NODE, 'Event-Sequence': '11', 'Event-Date-Timestamp': '1', variable_x: 'a "b"' });
  });

  it('stores a block holding a NUL byte (no text column can) decoded, as a JSON document', async () => {
    const body = `Event-Name: CHANNEL_ANSWER\nCore-UUID: ${NODE}\nEvent-Sequence: 12\nEvent-Date-Timestamp: 1\nvariable_x: a\u0000b\n\n`;
    const frame = Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`);
    const [result] = new EslParser().push(frame);
    if (!result?.ok || result.message.type !== 'event') throw new Error('not an event');
    await appendEvents(prisma.pool, rows([result.message.event]));
    const [stored] = await prisma.callEvent.findMany({ where: { node: NODE } });
    expect(stored?.raw).toBeNull();
    expect(stored?.headers).toMatchObject({ variable_x: 'a\u0000b' });
  });

  it('refuses a row with neither the block nor a JSON document, or with both', async () => {
    const insert = (raw: string | null, headers: string | null) =>
      prisma.pool.query(
        `INSERT INTO "CallEvent" (node, sequence, name, "timestampUs", raw, headers) VALUES ($1, 13, 'X', 1, $2, $3::json)`,
        [NODE, raw, headers],
      );
    await expect(insert(null, null)).rejects.toThrow(/CallEvent_raw_or_headers/);
    await expect(insert('Event-Name: X', '{}')).rejects.toThrow(/CallEvent_raw_or_headers/);
    expect(await stored()).toEqual([]);
  });

  it('stores a replayed batch once: the overlap with stored events is skipped, the new events are kept', async () => {
    await appendEvents(prisma.pool, rows(wireEvents([1, 2, 3])));
    // A failover replays 2..3 along with 4..5; the COPY meets stored events and the batch goes the idempotent way.
    await appendEvents(prisma.pool, rows(wireEvents([2, 3, 4, 5])));
    expect(await stored()).toEqual([1n, 2n, 3n, 4n, 5n]);
    // The connection that saw the COPY fail is still good for the next batch, which goes by COPY again.
    await appendEvents(prisma.pool, rows(wireEvents([6])));
    expect(await stored()).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
  });

  it('stores an event that appears twice in one batch once', async () => {
    await appendEvents(prisma.pool, rows(wireEvents([7, 7, 8])));
    expect(await stored()).toEqual([7n, 8n]);
  });

  it('stores nothing of a batch with a value PostgreSQL refuses, and says why', async () => {
    // A NUL character survives JSON (escaped) but is no valid PostgreSQL text value.
    const [good, refused] = rows([...wireEvents([9]), ...wireEvents([10], [], 'bad\u0000channel')]);
    if (!good || !refused) throw new Error('no rows');
    await expect(appendEvents(prisma.pool, [good, refused])).rejects.toThrow(/0x00|null character/i);
    expect(await stored()).toEqual([]);
  });
});
