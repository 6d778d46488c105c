-- The ESL event log is written with binary COPY (libs/api/feature-calls, event-log-copy.ts). Its header document is
-- stored as json, kept as FreeSWITCH's headers were serialized: jsonb parses every document into a tree on insert,
-- which cost PostgreSQL more than the rest of the row, and nothing queries inside it (the call timeline reads it whole).
-- AlterTable
ALTER TABLE "CallEvent" ALTER COLUMN "headers" SET DATA TYPE JSON USING "headers"::json;

-- lz4 compresses the ~3 KB documents several times faster than the default pglz, for about the same size. A server
-- built without lz4 (the embedded PostgreSQL of tests and development) keeps pglz.
DO $$
BEGIN
  ALTER TABLE "CallEvent" ALTER COLUMN "headers" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available on this server: "CallEvent"."headers" keeps the default compression';
END $$;
