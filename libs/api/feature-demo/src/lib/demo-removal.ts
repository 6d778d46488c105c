import type { Pool } from 'pg';

/** What {@link removeDemoData} deleted, per table. */
export interface DemoRemovalReport {
  readonly calls: number;
  readonly callEvents: number;
  readonly queues: number;
  readonly agents: number;
  readonly extensions: number;
  readonly users: number;
  readonly auditEntries: number;
}

/**
 * Deletes the demo and nothing else, in one transaction: rows flagged `demo` (users, extensions, agents, queues; their
 * tiers, sessions and status history cascade), the calls and event log of the demo's switches (DemoNode) and the
 * calls of demo queues on any switch (the demo caller's real calls) with their events, and the
 * audit entries about demo rows. Real data that mentions a demo queue (a call button) loses only the reference.
 * mod_callcenter forgets the demo queues and agents the next time it loads its configuration from the API.
 */
export async function removeDemoData(pool: Pool): Promise<DemoRemovalReport> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const count = async (sql: string): Promise<number> => (await client.query(sql)).rowCount ?? 0;
    const auditEntries = await count(`
      DELETE FROM "AuditLog" WHERE "targetId" IN (
        SELECT id::text FROM "User" WHERE demo UNION ALL SELECT id::text FROM "Extension" WHERE demo
        UNION ALL SELECT id::text FROM "Agent" WHERE demo UNION ALL SELECT id::text FROM "Queue" WHERE demo
        UNION ALL SELECT t.id::text FROM "Tier" t JOIN "Queue" q ON q.id = t."queueId" WHERE q.demo)`);
    // The demo's real calls (the live queue on a real FreeSWITCH) are demo by their queue, whatever switch took them.
    await client.query(`
      CREATE TEMP TABLE demo_call ON COMMIT DROP AS
      SELECT uuid, "channelUuids" FROM "Call"
      WHERE node IN (SELECT "coreUuid" FROM "DemoNode")
         OR "queueId" IN (SELECT id FROM "Queue" WHERE demo)
         OR split_part("queueName", '@', 1) IN (SELECT name FROM "Queue" WHERE demo)`);
    const callEvents = await count(`
      DELETE FROM "CallEvent" WHERE node IN (SELECT "coreUuid" FROM "DemoNode")
         OR "callUuid" IN (SELECT uuid FROM demo_call)
         OR "channelUuid" IN (SELECT unnest("channelUuids") FROM demo_call)`);
    const calls = await count(`DELETE FROM "Call" WHERE uuid IN (SELECT uuid FROM demo_call)`);
    await client.query(`DELETE FROM "DemoNode"`);
    const agents = await count(`DELETE FROM "Agent" WHERE demo`);
    const queues = await count(`DELETE FROM "Queue" WHERE demo`);
    const extensions = await count(`DELETE FROM "Extension" WHERE demo`);
    const users = await count(`DELETE FROM "User" WHERE demo`);
    await client.query('COMMIT');
    return { calls, callEvents, queues, agents, extensions, users, auditEntries };
  } catch (error) {
    // Anything failing leaves the demo whole rather than half removed.
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
