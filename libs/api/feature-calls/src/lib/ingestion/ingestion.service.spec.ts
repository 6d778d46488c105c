import { type EslEvent, createEslEvent } from '@switchboard/api/data-access-esl';
import { MetricsRegistry } from '@switchboard/api/feature-health';
import type { AppConfig } from '@switchboard/api/util-config';
import type { CallRecord } from '../assembler/call-state';
import type { CallWriter } from './call-writer';
import type { CallEventRow } from './event-row';
import { FLUSH_DELAY_MS, IngestionService } from './ingestion.service';

let sequence = 1;
function channelCreate(uuid: string): EslEvent {
  const nowUs = String(Date.now() * 1000);
  const created = createEslEvent(
    {
      'Event-Name': 'CHANNEL_CREATE',
      'Core-UUID': 'core-1',
      'Event-Sequence': String(sequence++),
      'Event-Date-Timestamp': nowUs,
      'Unique-ID': uuid,
      'Call-Direction': 'inbound',
      'Caller-Channel-Created-Time': nowUs,
    },
    undefined,
  );
  if (typeof created === 'string') throw new Error(created);
  return created;
}

/** A writer whose writes end when the test says so, as PostgreSQL's do under load. */
function heldWriter() {
  const writes: { rows: readonly CallEventRow[]; records: readonly CallRecord[]; done: () => void }[] = [];
  const writer = {
    write: (rows: readonly CallEventRow[], records: readonly CallRecord[]) =>
      new Promise<void>((resolve) => writes.push({ rows, records, done: resolve })),
  } as unknown as CallWriter;
  return { writer, writes };
}

describe('IngestionService write scheduling (the lag from an ESL event to its stored record)', () => {
  let ingestion: IngestionService;
  let writes: ReturnType<typeof heldWriter>['writes'];

  beforeEach(() => {
    jest.useFakeTimers();
    const held = heldWriter();
    writes = held.writes;
    ingestion = new IngestionService(held.writer, new MetricsRegistry(), { ingestBufferMax: 1000 } as AppConfig);
  });
  afterEach(() => jest.useRealTimers());

  it('starts writing an event on a quiet line within a few milliseconds, not after a batching interval', () => {
    ingestion.ingest(channelCreate('a0000000-0000-4000-8000-000000000001'));
    // The lag target is p99 ≤ 200 ms from the event's own timestamp, FreeSWITCH's delivery and the write included:
    // waiting for company may take a small part of it only.
    jest.advanceTimersByTime(20);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.rows.map((r) => r.channelUuid)).toEqual(['a0000000-0000-4000-8000-000000000001']);
  });

  it('gathers a burst into one write, and writes what arrived meanwhile as soon as that write ends', async () => {
    ingestion.ingest(channelCreate('b0000000-0000-4000-8000-000000000001'));
    ingestion.ingest(channelCreate('b0000000-0000-4000-8000-000000000002'));
    jest.advanceTimersByTime(FLUSH_DELAY_MS);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.rows).toHaveLength(2);

    // While PostgreSQL works on the first write, two more events come in: they wait for it, then go at once.
    ingestion.ingest(channelCreate('b0000000-0000-4000-8000-000000000003'));
    ingestion.ingest(channelCreate('b0000000-0000-4000-8000-000000000004'));
    jest.advanceTimersByTime(FLUSH_DELAY_MS * 5);
    expect(writes).toHaveLength(1);
    writes[0]?.done();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(0);
    expect(writes).toHaveLength(2);
    expect(writes[1]?.rows.map((r) => r.channelUuid)).toEqual([
      'b0000000-0000-4000-8000-000000000003',
      'b0000000-0000-4000-8000-000000000004',
    ]);
    writes[1]?.done();
    await ingestion.drain();
    expect(writes).toHaveLength(2);
  });
});

describe('IngestionService.drain', () => {
  afterEach(() => jest.useRealTimers());

  it('waits for the write the timer started and writes the rest after it, never two writes at once', async () => {
    jest.useFakeTimers();
    const { writer, writes } = heldWriter();
    let writing = 0;
    let most = 0;
    const counting = {
      write: async (rows: readonly CallEventRow[], records: readonly CallRecord[]) => {
        most = Math.max(most, ++writing);
        await writer.write(rows, records);
        writing--;
      },
    } as unknown as CallWriter;
    const ingestion = new IngestionService(counting, new MetricsRegistry(), { ingestBufferMax: 1000 } as AppConfig);
    ingestion.ingest(channelCreate('c0000000-0000-4000-8000-000000000001'));
    jest.advanceTimersByTime(20);
    expect(writes).toHaveLength(1);
    ingestion.ingest(channelCreate('c0000000-0000-4000-8000-000000000002'));

    let drained = false;
    const draining = ingestion.drain().then(() => (drained = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(writes).toHaveLength(1);
    writes[0]?.done();
    for (let i = 0; i < 10 && writes.length < 2; i++) await Promise.resolve();
    jest.advanceTimersByTime(50);
    for (let i = 0; i < 10 && writes.length < 2; i++) await Promise.resolve();
    expect(writes).toHaveLength(2);
    expect(writes[1]?.rows.map((r) => r.channelUuid)).toEqual(['c0000000-0000-4000-8000-000000000002']);
    expect(drained).toBe(false);
    writes[1]?.done();
    await draining;
    expect(most).toBe(1);
    expect(ingestion.pending).toBe(0);
  });
});
