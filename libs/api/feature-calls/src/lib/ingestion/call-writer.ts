import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import type { CallRecord } from '../assembler/call-state';
import { mergeCdrRecords, upsertLiveRecords } from './bulk-sql';
import { appendEvents } from './event-log-copy';
import type { CallEventRow } from './event-row';

/**
 * Where a record comes from, in order of authority: live ESL events, then the A leg's CDR, then another leg's
 * CDR (which knows the agent but not the call's start or caller).
 */
export type RecordSource = 'esl' | 'cdr' | 'cdr-leg';

/** Events split across two connections only from this many rows: below it, one statement costs less than two. */
const PARALLEL_INSERT_ROWS = 500;

/**
 * Writes event rows and the call records they changed. Every write is a single statement on the pool (no
 * interactive transaction): a connection is held for one round trip, so a burst of CDR posts cannot hold the pool
 * while the directory lookups FreeSWITCH is waiting on queue behind them.
 */
@Injectable()
export class CallWriter {
  constructor(private readonly prisma: PrismaService) {}

  async write(
    rows: readonly CallEventRow[],
    records: readonly CallRecord[],
    source: RecordSource = 'esl',
  ): Promise<void> {
    if (rows.length === 0 && records.length === 0) return;
    // Event rows and call records are independent (no foreign key between them) and idempotent, so they go at once
    // on separate connections: the lag is the slower write, not the sum of both. A large batch of events is split
    // across two connections too, so PostgreSQL uses both cores of a small machine. Every write is waited for, and a
    // failure anywhere makes the caller retry the whole batch, which the ON CONFLICT clauses make harmless.
    const half = Math.ceil(rows.length / 2);
    const chunks = rows.length >= PARALLEL_INSERT_ROWS ? [rows.slice(0, half), rows.slice(half)] : [rows];
    // Each record links its queue and agent by name in the same statement.
    const writes = chunks.map((chunk) => appendEvents(this.prisma.pool, chunk));
    if (source === 'esl') writes.push(upsertLiveRecords(this.prisma.pool, records));
    else writes.push(mergeCdrRecords(this.prisma.pool, records, source === 'cdr-leg'));
    const failed = (await Promise.allSettled(writes)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
