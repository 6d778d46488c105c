import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DatabaseError, Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyPayload } from './copy-binary';
import { type CallEventRow, EVENT_LOG_COLUMNS as COLUMNS } from './event-row';

// The event log is written with COPY, the cheapest way into PostgreSQL: no per-row statement, no JSON document to
// parse and take apart (the jsonb_to_recordset INSERT this replaces spent most of its time there; bench/esl).
const COPY_INTO_LOG = `COPY "CallEvent" (${COLUMNS}) FROM STDIN (FORMAT binary)`;
/** The (node, sequence) primary key, which makes a replayed event a duplicate. */
const EVENT_KEY = 'CallEvent_pkey';
// Rows that may repeat stored ones go through a session-local staging table and an INSERT that skips duplicates.
const STAGING = 'CallEventIncoming';
const CREATE_STAGING = `CREATE TEMP TABLE IF NOT EXISTS "${STAGING}" ("node" text, "sequence" bigint, "name" text,
  "subclass" text, "timestampUs" bigint, "channelUuid" text, "callUuid" text, "raw" text, "headers" json)
  ON COMMIT DELETE ROWS`;
const COPY_INTO_STAGING = `COPY "${STAGING}" (${COLUMNS}) FROM STDIN (FORMAT binary)`;
const MERGE_STAGING = `INSERT INTO "CallEvent" (${COLUMNS}) SELECT ${COLUMNS} FROM "${STAGING}"
  ON CONFLICT ("node", "sequence") DO NOTHING`;

/**
 * Appends event rows to the log; an event already stored (same node and sequence) is skipped, so a replay — a retried
 * batch, the overlap after a failover — stores nothing twice. The common case is one COPY. When that COPY meets a
 * stored event it fails whole (COPY has no ON CONFLICT), and the batch goes again through the staging table, whose
 * INSERT skips what is already there.
 */
export async function appendEvents(pool: Pool, rows: readonly CallEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = copyPayload(rows.map((r) => r.copy));
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    try {
      await copyIn(client, COPY_INTO_LOG, payload);
    } catch (error) {
      // Expected only for a replay; anything else (connection lost, bad value) goes to the caller, which retries.
      if (!isDuplicateEvent(error)) throw error;
      await copyIgnoringDuplicates(client, payload);
    }
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A connection that failed mid-COPY may be in any state: it is closed rather than handed to the next user.
    client.release(broken !== undefined && !isDatabaseError(broken) ? broken : undefined);
  }
}

async function copyIgnoringDuplicates(client: PoolClient, payload: readonly Buffer[]): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(CREATE_STAGING);
    await copyIn(client, COPY_INTO_STAGING, payload);
    await client.query(MERGE_STAGING);
    await client.query('COMMIT');
  } catch (error) {
    // The caller sees the first failure; a ROLLBACK that fails too means the connection is gone anyway.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function copyIn(client: PoolClient, sql: string, payload: readonly Buffer[]): Promise<void> {
  // Each chunk goes to the socket as it is, behind a CopyData header (pg-copy-streams' flushChunk).
  await pipeline(Readable.from(payload), client.query(copyFrom(sql)));
}

/** An error PostgreSQL reported (the connection is fine and back to idle), as opposed to a broken connection. */
function isDatabaseError(error: unknown): error is DatabaseError {
  return error instanceof Error && typeof (error as Partial<DatabaseError>).severity === 'string';
}

function isDuplicateEvent(error: unknown): boolean {
  return isDatabaseError(error) && error.code === '23505' && error.constraint === EVENT_KEY;
}
