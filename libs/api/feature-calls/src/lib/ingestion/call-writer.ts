import { Injectable } from '@nestjs/common';
import { type Prisma, PrismaService } from '@switchboard/api/data-access-db';
import type { CallRecord } from '../assembler/call-state';
import type { CallEventRow } from './event-row';

/**
 * Where a record comes from, in order of authority: live ESL events, then the A leg's CDR, then another leg's
 * CDR (which knows the agent but not the call's start or caller).
 */
export type RecordSource = 'esl' | 'cdr' | 'cdr-leg';

/** Writes event rows and call records in one transaction: the log and the records never disagree. */
@Injectable()
export class CallWriter {
  constructor(private readonly prisma: PrismaService) {}

  async write(
    rows: readonly CallEventRow[],
    records: readonly CallRecord[],
    source: RecordSource = 'esl',
  ): Promise<void> {
    if (rows.length === 0 && records.length === 0) return;
    await this.prisma.$transaction(async (tx) => {
      if (rows.length > 0) {
        // ON CONFLICT (node, sequence) DO NOTHING: a replayed or re-delivered event is stored once.
        await tx.callEvent.createMany({
          data: rows.map((r) => ({ ...r, headers: r.headers as Prisma.InputJsonObject })),
          skipDuplicates: true,
        });
      }
      for (const record of records) await upsertRecord(tx, record, source);
      if (records.length > 0)
        await linkQueuesAndAgents(
          tx,
          records.map((r) => r.uuid),
        );
    });
  }
}

/** Creates the call or merges into it: only known values are written, so an ESL record and a CDR complete each other. */
async function upsertRecord(tx: Prisma.TransactionClient, record: CallRecord, source: RecordSource): Promise<void> {
  const { uuid, ...values } = record;
  let known = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<
    Omit<CallRecord, 'uuid'>
  >;
  if (source !== 'esl') {
    const existing = await tx.call.findUnique({ where: { uuid } });
    // Live events are more precise (µs, per leg) than a CDR, and an A leg's CDR knows more than another leg's:
    // a less authoritative source only fills what is still missing.
    const fillOnly = existing !== null && (existing.fromEsl || source === 'cdr-leg');
    if (existing && fillOnly) {
      const current = existing as unknown as Record<string, unknown>;
      known = Object.fromEntries(
        Object.entries(known).filter(([key]) => current[key] === null || current[key] === undefined),
      );
    }
    if (existing) known.channelUuids = [...new Set([...existing.channelUuids, ...record.channelUuids])];
  }
  const flag = source === 'esl' ? { fromEsl: true } : { fromCdr: true };
  await tx.call.upsert({
    where: { uuid },
    create: { uuid, ...values, ...flag },
    update: { ...known, ...flag },
  });
}

/** Fills queueId/agentId from the names FreeSWITCH reported (`support@default` → queue `support`). */
async function linkQueuesAndAgents(tx: Prisma.TransactionClient, uuids: string[]): Promise<void> {
  await tx.$executeRaw`UPDATE "Call" c SET "queueId" = q.id FROM "Queue" q
    WHERE c.uuid = ANY(${uuids}) AND c."queueId" IS NULL AND split_part(c."queueName", '@', 1) = q.name`;
  await tx.$executeRaw`UPDATE "Call" c SET "agentId" = a.id FROM "Agent" a
    WHERE c.uuid = ANY(${uuids}) AND c."agentId" IS NULL AND c."agentName" = a.name`;
}
