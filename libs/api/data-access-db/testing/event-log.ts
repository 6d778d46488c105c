import { Client } from 'pg';

/** How the stored event log of one FreeSWITCH node compares with the events the node sent. */
export interface EventLogCheck {
  sent: number;
  /** Rows of the node in "CallEvent". */
  stored: number;
  /** Rows whose sequence was not sent, plus rows stored more than once. */
  duplicated: number;
  /** Sent sequences with no row, oldest first. */
  lost: bigint[];
}

/**
 * Compares the event log ("CallEvent" rows of the node with Core-UUID `node`) with the Event-Sequence of every
 * recorded event the node sent: 0 lost and 0 duplicated means each event is stored exactly once.
 */
export async function checkEventLog(
  databaseUrl: string,
  node: string,
  sent: readonly bigint[],
): Promise<EventLogCheck> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ sequence: string }>('SELECT sequence FROM "CallEvent" WHERE node = $1', [
      node,
    ]);
    const stored = new Map<string, number>();
    for (const row of rows) stored.set(row.sequence, (stored.get(row.sequence) ?? 0) + 1);
    const expected = new Set(sent.map(String));
    let duplicated = 0;
    for (const [sequence, count] of stored) duplicated += expected.has(sequence) ? count - 1 : count;
    return {
      sent: sent.length,
      stored: rows.length,
      duplicated,
      lost: sent.filter((sequence) => !stored.has(String(sequence))),
    };
  } finally {
    await client.end();
  }
}
