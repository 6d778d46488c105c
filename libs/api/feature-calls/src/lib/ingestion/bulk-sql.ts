import type { Pool, PoolClient } from 'pg';
import type { CallRecord } from '../assembler/call-state';
import type { CallEventRow } from './event-row';

// Bulk writes for the ESL hot path, straight on the pg pool: one statement per batch, the batch passed as one JSONB
// document and expanded by jsonb_to_recordset. Row-by-row Prisma upserts managed ~700 events/s (bench/esl).
// BigInts travel as JSON strings; PostgreSQL casts them to bigint.

/** Appends event rows; a (node, sequence) already stored is skipped, so replays change nothing. */
export async function insertEvents(db: Pool | PoolClient, rows: readonly CallEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `
    INSERT INTO "CallEvent" ("node", "sequence", "name", "subclass", "timestampUs", "channelUuid", "callUuid", "headers")
    SELECT r."node", r."sequence", r."name", r."subclass", r."timestampUs", r."channelUuid", r."callUuid", r."headers"
    FROM jsonb_to_recordset($1::jsonb) AS r("node" text, "sequence" bigint, "name" text, "subclass" text,
      "timestampUs" bigint, "channelUuid" text, "callUuid" text, "headers" jsonb)
    ON CONFLICT ("node", "sequence") DO NOTHING`,
    // No replacer: it would run for every header of every event; the two bigints are converted up front.
    [
      JSON.stringify(
        rows.map((r) => ({ ...r, sequence: r.sequence.toString(), timestampUs: r.timestampUs.toString() })),
      ),
    ],
  );
}

/**
 * Creates or updates call records from live events. Only known values are written (COALESCE keeps what is
 * stored when the record lacks a value), and channel lists are merged in order.
 */
export async function upsertLiveRecords(db: Pool | PoolClient, records: readonly CallRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.query(
    `
    INSERT INTO "Call" ("id", "uuid", "node", "channelUuids", "direction", "fromNumber", "fromName", "toNumber", "toName",
      "queueName", "agentName", "startedAt", "answeredAt", "bridgedAt", "endedAt", "queueJoinedAt", "queueLeftAt",
      "waitSeconds", "talkSeconds", "holdSeconds", "hangupCause", "hangupSide", "queueOutcome", "ccCancelReason",
      "recordingPath", "fromEsl", "updatedAt")
    SELECT gen_random_uuid(), r."uuid", r."node", r."channelUuids", r."direction"::"CallDirection", r."fromNumber", r."fromName",
      r."toNumber", r."toName", r."queueName", r."agentName", r."startedAt", r."answeredAt", r."bridgedAt", r."endedAt",
      r."queueJoinedAt", r."queueLeftAt", r."waitSeconds", r."talkSeconds", r."holdSeconds", r."hangupCause",
      r."hangupSide"::"HangupSide", r."queueOutcome"::"QueueOutcome", r."ccCancelReason", r."recordingPath", true, now()
    FROM jsonb_to_recordset($1::jsonb) AS r("uuid" text, "node" text, "channelUuids" text[], "direction" text,
      "fromNumber" text, "fromName" text, "toNumber" text, "toName" text, "queueName" text, "agentName" text,
      "startedAt" timestamptz, "answeredAt" timestamptz, "bridgedAt" timestamptz, "endedAt" timestamptz,
      "queueJoinedAt" timestamptz, "queueLeftAt" timestamptz, "waitSeconds" int, "talkSeconds" int, "holdSeconds" int,
      "hangupCause" text, "hangupSide" text, "queueOutcome" text, "ccCancelReason" text, "recordingPath" text)
    ON CONFLICT ("uuid") DO UPDATE SET
      "node" = EXCLUDED."node",
      "channelUuids" = "Call"."channelUuids" || ARRAY(SELECT c FROM unnest(EXCLUDED."channelUuids") AS c WHERE c <> ALL("Call"."channelUuids")),
      "direction" = EXCLUDED."direction",
      "fromNumber" = COALESCE(EXCLUDED."fromNumber", "Call"."fromNumber"),
      "fromName" = COALESCE(EXCLUDED."fromName", "Call"."fromName"),
      "toNumber" = COALESCE(EXCLUDED."toNumber", "Call"."toNumber"),
      "toName" = COALESCE(EXCLUDED."toName", "Call"."toName"),
      "queueName" = COALESCE(EXCLUDED."queueName", "Call"."queueName"),
      "agentName" = COALESCE(EXCLUDED."agentName", "Call"."agentName"),
      "startedAt" = EXCLUDED."startedAt",
      "answeredAt" = COALESCE(EXCLUDED."answeredAt", "Call"."answeredAt"),
      "bridgedAt" = COALESCE(EXCLUDED."bridgedAt", "Call"."bridgedAt"),
      "endedAt" = COALESCE(EXCLUDED."endedAt", "Call"."endedAt"),
      "queueJoinedAt" = COALESCE(EXCLUDED."queueJoinedAt", "Call"."queueJoinedAt"),
      "queueLeftAt" = COALESCE(EXCLUDED."queueLeftAt", "Call"."queueLeftAt"),
      "waitSeconds" = COALESCE(EXCLUDED."waitSeconds", "Call"."waitSeconds"),
      "talkSeconds" = COALESCE(EXCLUDED."talkSeconds", "Call"."talkSeconds"),
      "holdSeconds" = EXCLUDED."holdSeconds",
      "hangupCause" = COALESCE(EXCLUDED."hangupCause", "Call"."hangupCause"),
      "hangupSide" = COALESCE(EXCLUDED."hangupSide", "Call"."hangupSide"),
      "queueOutcome" = COALESCE(EXCLUDED."queueOutcome", "Call"."queueOutcome"),
      "ccCancelReason" = COALESCE(EXCLUDED."ccCancelReason", "Call"."ccCancelReason"),
      "recordingPath" = COALESCE(EXCLUDED."recordingPath", "Call"."recordingPath"),
      "fromEsl" = true,
      "updatedAt" = now()`,
    [JSON.stringify(records)],
  );
}

/** Fills queueId/agentId from the names FreeSWITCH reported (`support@default` → queue `support`). */
export async function linkQueuesAndAgents(db: Pool | PoolClient, uuids: readonly string[]): Promise<void> {
  await db.query(
    `UPDATE "Call" c SET "queueId" = q.id FROM "Queue" q
     WHERE c.uuid = ANY($1::text[]) AND c."queueId" IS NULL AND split_part(c."queueName", '@', 1) = q.name`,
    [uuids],
  );
  await db.query(
    `UPDATE "Call" c SET "agentId" = a.id FROM "Agent" a WHERE c.uuid = ANY($1::text[]) AND c."agentId" IS NULL AND c."agentName" = a.name`,
    [uuids],
  );
}
