import { Injectable } from '@nestjs/common';
import { type Prisma, PrismaService } from '@switchboard/api/data-access-db';
import type { CallRecord } from '../assembler/call-state';
import { insertEvents, linkQueuesAndAgents, upsertLiveRecords } from './bulk-sql';
import type { CallEventRow } from './event-row';

/**
 * Where a record comes from, in order of authority: live ESL events, then the A leg's CDR, then another leg's
 * CDR (which knows the agent but not the call's start or caller).
 */
export type RecordSource = 'esl' | 'cdr' | 'cdr-leg';

/** Writes event rows, then the call records they changed. */
@Injectable()
export class CallWriter {
  constructor(private readonly prisma: PrismaService) {}

  async write(
    rows: readonly CallEventRow[],
    records: readonly CallRecord[],
    source: RecordSource = 'esl',
  ): Promise<void> {
    if (rows.length === 0 && records.length === 0) return;
    // Event rows are independent and idempotent: two connections insert halves at once, so PostgreSQL uses both
    // cores of a small machine. Records follow once the events are in; a failure anywhere makes the caller retry
    // the whole batch, which the ON CONFLICT clauses make harmless.
    const half = Math.ceil(rows.length / 2);
    await Promise.all([rows.slice(0, half), rows.slice(half)].map((chunk) => insertEvents(this.prisma.pool, chunk)));
    if (records.length === 0) return;
    if (source !== 'esl') {
      await this.prisma.$transaction(async (tx) => {
        for (const record of records) await mergeCdrRecord(tx, record, source);
      });
    } else {
      await upsertLiveRecords(this.prisma.pool, records);
    }
    await linkQueuesAndAgents(
      this.prisma.pool,
      records.map((r) => r.uuid),
    );
  }
}

/** Merges a CDR into the call (or creates it): a less authoritative source only fills gaps. */
async function mergeCdrRecord(
  tx: Prisma.TransactionClient,
  record: CallRecord,
  source: 'cdr' | 'cdr-leg',
): Promise<void> {
  const { uuid, ...values } = record;
  let known = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<
    Omit<CallRecord, 'uuid'>
  >;
  const existing = await tx.call.findUnique({ where: { uuid } });
  if (existing) {
    // Live events are more precise (µs, per leg) than a CDR, and an A leg's CDR knows more than another leg's.
    if (existing.fromEsl || source === 'cdr-leg') {
      const current = existing as unknown as Record<string, unknown>;
      known = Object.fromEntries(
        Object.entries(known).filter(([key]) => current[key] === null || current[key] === undefined),
      );
    }
    known.channelUuids = [...new Set([...existing.channelUuids, ...record.channelUuids])];
  }
  await tx.call.upsert({
    where: { uuid },
    create: { uuid, ...values, fromCdr: true },
    update: { ...known, fromCdr: true },
  });
}
