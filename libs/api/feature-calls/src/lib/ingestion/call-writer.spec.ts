import { Writable } from 'node:stream';
import type { PrismaService } from '@switchboard/api/data-access-db';
import { createEslEvent, type EslEvent, type EslHeaders } from '@switchboard/api/data-access-esl';
import type { CopyStreamQuery } from 'pg-copy-streams';
import type { CallRecord } from '../assembler/call-state';
import { CallWriter } from './call-writer';
import { type CallEventRow, EventRowEncoder } from './event-row';

function createdEvent(headers: EslHeaders): EslEvent {
  const event = createEslEvent(headers, undefined);
  if (typeof event === 'string') throw new Error(event);
  return event;
}

/**
 * A pg pool whose statements finish when the test says so (or fail), as PostgreSQL's do under load. A COPY (on a
 * connection of its own) finishes once all its data is sent and the test says so.
 */
function heldPool() {
  const statements: { sql: string; finish: (error?: Error) => void }[] = [];
  const query = (sql: string) =>
    new Promise<void>((resolve, reject) =>
      statements.push({ sql, finish: (error) => (error ? reject(error) : resolve()) }),
    );
  const copy = ({ text }: CopyStreamQuery) =>
    new Writable({
      write: (_chunk, _encoding, done) => done(),
      final: (done) => statements.push({ sql: text, finish: (error) => done(error) }),
    });
  const client = {
    query: (q: string | CopyStreamQuery) => (typeof q === 'string' ? query(q) : copy(q)),
    release: () => undefined,
  };
  const pool = { query, connect: () => Promise.resolve(client) };
  const statement = (table: string) =>
    statements.find((s) => s.sql.includes(`INTO "${table}"`) || s.sql.startsWith(`COPY "${table}"`));
  return { prisma: { pool } as unknown as PrismaService, statements, statement };
}

const row: CallEventRow = new EventRowEncoder().toRow(
  createdEvent({
    'Event-Name': 'CHANNEL_ANSWER',
    'Core-UUID': 'core-1',
    'Event-Sequence': '1',
    'Event-Date-Timestamp': '1796000000000000',
    'Unique-ID': 'd0000000-0000-4000-8000-000000000001',
  }),
  'd0000000-0000-4000-8000-000000000001',
);
const record: CallRecord = {
  uuid: 'd0000000-0000-4000-8000-000000000001',
  node: 'core-1',
  channelUuids: ['d0000000-0000-4000-8000-000000000001'],
  direction: 'INBOUND',
  startedAt: new Date(1_796_000_000_000),
  holdSeconds: 0,
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CallWriter', () => {
  it('writes the events and the records they changed at once, so the lag is the slower write, not the sum', async () => {
    const { prisma, statements, statement } = heldPool();
    let written = false;
    const writing = new CallWriter(prisma).write([row], [record]).then(() => (written = true));
    await settle();
    // The events' COPY ends after the records' statement has started: both are in flight at once.
    expect(statements.map((s) => s.sql.match(/(?:INSERT INTO|COPY) "(\w+)"/)?.[1]).sort()).toEqual([
      'Call',
      'CallEvent',
    ]);
    statement('Call')?.finish();
    await settle();
    // Nothing is left in flight when a write resolves.
    expect(written).toBe(false);
    statement('CallEvent')?.finish();
    await writing;
    expect(written).toBe(true);
  });

  it('fails the whole batch when either write fails, after both have ended (the caller retries it)', async () => {
    const { prisma, statements, statement } = heldPool();
    let outcome: unknown;
    const writing = new CallWriter(prisma).write([row], [record], 'cdr').catch((error: unknown) => (outcome = error));
    await settle();
    expect(statements).toHaveLength(2);
    statement('CallEvent')?.finish(new Error('connection lost'));
    await settle();
    expect(outcome).toBeUndefined();
    statement('Call')?.finish();
    await writing;
    expect(outcome).toEqual(new Error('connection lost'));
  });
});
