-- An event that arrived as text/event-plain (every event FreeSWITCH sends us) is logged as its header block, as it
-- came: "Name: value" lines, values URL-encoded. Re-encoding ~150 decoded headers as a JSON document per event was
-- the largest cost of ingestion (bench/esl/persist-results.md). "headers" keeps the JSON document for events that
-- arrived as text/event-json and for the rows logged before this migration; each row has exactly one of the two.
-- AlterTable
ALTER TABLE "CallEvent" ADD COLUMN "raw" TEXT;
ALTER TABLE "CallEvent" ALTER COLUMN "headers" DROP NOT NULL;
-- NOT VALID: every row logged before this migration has headers (the column was NOT NULL) and no raw, so checking
-- them would only scan the whole log under this migration's exclusive lock. New and updated rows are checked.
ALTER TABLE "CallEvent" ADD CONSTRAINT "CallEvent_raw_or_headers" CHECK (("raw" IS NULL) <> ("headers" IS NULL)) NOT VALID;

-- As for "headers": lz4 where the server has it, else the default pglz.
DO $$
BEGIN
  ALTER TABLE "CallEvent" ALTER COLUMN "raw" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available on this server: "CallEvent"."raw" keeps the default compression';
END $$;
