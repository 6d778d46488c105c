import type { Pool, PoolClient } from 'pg';
import type { CallRecord } from '../assembler/call-state';

// Bulk writes of call records, straight on the pg pool: one statement per batch, the batch passed as one JSON
// document and expanded by json_to_recordset. Row-by-row Prisma upserts managed ~700 events/s (bench/esl). Event rows
// go by COPY (event-log-copy.ts). json, not jsonb: the document is read once, row by row, so building a jsonb tree of
// it first was pure cost (16 % of PostgreSQL's CPU per record, bench/esl/persist-results.md).

// A call record's columns as json_to_recordset reads them from a batch, and as both upserts insert them.
const RECORD_COLUMNS = `"id", "uuid", "node", "channelUuids", "direction", "fromNumber", "fromName", "toNumber", "toName",
      "queueName", "agentName", "startedAt", "answeredAt", "bridgedAt", "endedAt", "queueJoinedAt", "queueLeftAt",
      "waitSeconds", "talkSeconds", "holdSeconds", "hangupCause", "hangupSide", "queueOutcome", "ccCancelReason",
      "recordingPath", "channel", "webButtonId", "webButtonName", "webPage", "queueId", "agentId"`;
const RECORD_VALUES = `gen_random_uuid(), r."uuid", r."node", r."channelUuids", r."direction"::"CallDirection", r."fromNumber", r."fromName",
      r."toNumber", r."toName", r."queueName", r."agentName", r."startedAt", r."answeredAt", r."bridgedAt", r."endedAt",
      r."queueJoinedAt", r."queueLeftAt", r."waitSeconds", r."talkSeconds", r."holdSeconds", r."hangupCause",
      r."hangupSide"::"HangupSide", r."queueOutcome"::"QueueOutcome", r."ccCancelReason", r."recordingPath",
      COALESCE(r."channel", 'voice')::"CallChannel",
      -- A button deleted meanwhile must not fail the batch on the foreign key: the call keeps the name only. Each
      -- lookup runs only when there is a name to look up (most records of a batch have no button, many no agent).
      CASE WHEN r."webButtonId" IS NOT NULL THEN (SELECT b."id" FROM "CallButton" b WHERE b."id"::text = r."webButtonId") END, r."webButtonName", r."webPage",
      -- The queue and agent by the names FreeSWITCH reported (\`support@default\` is queue \`support\`).
      CASE WHEN r."queueName" IS NOT NULL THEN (SELECT q."id" FROM "Queue" q WHERE q."name" = split_part(r."queueName", '@', 1)) END,
      CASE WHEN r."agentName" IS NOT NULL THEN (SELECT a."id" FROM "Agent" a WHERE a."name" = r."agentName") END`;
const RECORDSET = `json_to_recordset($1::json) AS r("uuid" text, "node" text, "channelUuids" text[], "direction" text,
      "fromNumber" text, "fromName" text, "toNumber" text, "toName" text, "queueName" text, "agentName" text,
      "startedAt" timestamptz, "answeredAt" timestamptz, "bridgedAt" timestamptz, "endedAt" timestamptz,
      "queueJoinedAt" timestamptz, "queueLeftAt" timestamptz, "waitSeconds" int, "talkSeconds" int, "holdSeconds" int,
      "hangupCause" text, "hangupSide" text, "queueOutcome" text, "ccCancelReason" text, "recordingPath" text,
      "channel" text, "webButtonId" text, "webButtonName" text, "webPage" text)`;
/** New channels of a merged record appended to the stored ones, in order. */
const MERGED_CHANNELS = `"channelUuids" = "Call"."channelUuids" || ARRAY(SELECT c FROM unnest(EXCLUDED."channelUuids") AS c WHERE c <> ALL("Call"."channelUuids"))`;

/**
 * Creates or updates call records from live events. Only known values are written (COALESCE keeps what is
 * stored when the record lacks a value), and channel lists are merged in order. One record per call in a batch.
 */
export async function upsertLiveRecords(db: Pool | PoolClient, records: readonly CallRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.query(
    `
    INSERT INTO "Call" (${RECORD_COLUMNS}, "fromEsl", "updatedAt")
    SELECT ${RECORD_VALUES}, true, now()
    FROM ${RECORDSET}
    ON CONFLICT ("uuid") DO UPDATE SET
      "node" = EXCLUDED."node",
      ${MERGED_CHANNELS},
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
      "channel" = CASE WHEN EXCLUDED."channel" = 'web' THEN EXCLUDED."channel" ELSE "Call"."channel" END,
      "webButtonId" = COALESCE(EXCLUDED."webButtonId", "Call"."webButtonId"),
      "webButtonName" = COALESCE(EXCLUDED."webButtonName", "Call"."webButtonName"),
      "webPage" = COALESCE(EXCLUDED."webPage", "Call"."webPage"),
      "queueId" = COALESCE("Call"."queueId", EXCLUDED."queueId"),
      "agentId" = COALESCE("Call"."agentId", EXCLUDED."agentId"),
      "fromEsl" = true,
      "updatedAt" = now()`,
    [JSON.stringify(records)],
  );
}

/** Columns a CDR merge may set; the channel list and the source flags are merged separately. */
const CDR_MERGED = [
  'node',
  'direction',
  'fromNumber',
  'fromName',
  'toNumber',
  'toName',
  'queueName',
  'agentName',
  'startedAt',
  'answeredAt',
  'bridgedAt',
  'endedAt',
  'queueJoinedAt',
  'queueLeftAt',
  'waitSeconds',
  'talkSeconds',
  'holdSeconds',
  'hangupCause',
  'hangupSide',
  'queueOutcome',
  'ccCancelReason',
  'recordingPath',
  'webButtonId',
  'webButtonName',
  'webPage',
  'queueId',
  'agentId',
] as const;

/**
 * Merges CDRs into call records, or creates them: one statement, so the row lock orders it against the live upsert
 * (no read-then-write window, no connection held across round trips). A less authoritative source only fills gaps:
 * live events are more precise (µs, per leg) than a CDR, and an A leg's CDR knows more than another leg's
 * (`fillGapsOnly`). A record built from CDRs alone takes an A leg's values over what it had. One record per call.
 */
export async function mergeCdrRecords(
  db: Pool | PoolClient,
  records: readonly CallRecord[],
  fillGapsOnly: boolean,
): Promise<void> {
  if (records.length === 0) return;
  const gapsOnly = `("Call"."fromEsl" OR $2::boolean)`;
  const merged = CDR_MERGED.map(
    (c) =>
      `"${c}" = CASE WHEN ${gapsOnly} THEN COALESCE("Call"."${c}", EXCLUDED."${c}") ELSE COALESCE(EXCLUDED."${c}", "Call"."${c}") END`,
  );
  await db.query(
    `
    INSERT INTO "Call" (${RECORD_COLUMNS}, "fromCdr", "updatedAt")
    SELECT ${RECORD_VALUES}, true, now()
    FROM ${RECORDSET}
    ON CONFLICT ("uuid") DO UPDATE SET
      ${merged.join(',\n      ')},
      ${MERGED_CHANNELS},
      "channel" = CASE WHEN NOT ${gapsOnly} AND EXCLUDED."channel" = 'web' THEN EXCLUDED."channel" ELSE "Call"."channel" END,
      "fromCdr" = true,
      "updatedAt" = now()`,
    [JSON.stringify(records), fillGapsOnly],
  );
}
