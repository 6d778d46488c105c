import { Client } from 'pg';
import { checkEventLog, createDatabase } from '@switchboard/api/data-access-db/testing';
import { type EslEvent, createEslEvent } from '@switchboard/api/data-access-esl';
import {
  EslSimulator,
  eventuallyAsync,
  generateTraffic,
  recordedBySwitchboard,
} from '@switchboard/api/data-access-esl/testing';
import { TestRedisServer } from '@switchboard/api/data-access-redis/testing';
import { CallAssembler } from '@switchboard/api/feature-calls';
import { type ApiReplica, startReplica, stopReplica } from '../testing/api-process';
import { NodeLeases } from '../testing/node-leases';

jest.setTimeout(240_000);

/** Events per node, sent at {@link EVENTS_PER_SECOND}: about 12 s of overlapping calls on each node. */
const EVENTS_PER_NODE = 1_500;
const EVENTS_PER_SECOND = 125;

/**
 * Three API processes (the built product) share two simulated FreeSWITCH nodes through a Redis of the test's own.
 * The owner of a node is killed with SIGKILL during a stream of calls: another replica must take the node within
 * 5 s, and the event log and call records must be exactly what one API would have written from the whole stream.
 */
describe('scale-out: SIGKILL of a node owner during a stream of calls', () => {
  let redis: TestRedisServer;
  let db: Client;
  let databaseUrl: string;
  const simulators: EslSimulator[] = [];
  const replicas: ApiReplica[] = [];

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    // The PostgreSQL server of the e2e global setup (tools/jest/e2e-setup.ts), a database of our own on it.
    const adminUrl = process.env['SB_E2E_PG_ADMIN_URL'];
    if (!adminUrl) throw new Error('run with the e2e project: its global setup starts PostgreSQL');
    databaseUrl = await createDatabase(adminUrl, `${process.env['SB_E2E_PG_PREFIX'] ?? 'sb_e2e'}_scale_out`);
    for (const [index, hostname] of ['fs-1', 'fs-2'].entries())
      simulators.push(new EslSimulator({ password: 'sim-secret', heartbeatIntervalMs: 0, seed: 90 + index, hostname }));
    const ports = await Promise.all(simulators.map((simulator) => simulator.start()));
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      FREESWITCH_ESL: ports.map((port) => `esl://:sim-secret@127.0.0.1:${port}`).join(','),
    };
    // One at a time: the first one migrates the empty database.
    for (const name of ['replica-a', 'replica-b', 'replica-c']) replicas.push(await startReplica(name, env));
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await Promise.all(replicas.map((replica) => stopReplica(replica)));
    for (const simulator of simulators) await simulator.stop();
    await redis?.stop();
  });

  it('hands the node to another replica within 5 s, with 0 events lost, 0 duplicated and every call record complete', async () => {
    const nodeIds = simulators.map((simulator) => `127.0.0.1:${simulator.port}`);
    const leases = await NodeLeases.connect(redis.url, replicas);
    await leases.waitForOwners(nodeIds);

    // The stream: generated traffic on both nodes; every event as the simulator stamped it is the reference.
    const sent: EslEvent[][] = simulators.map(() => []);
    const streams = simulators.map((_, index) =>
      generateTraffic({ seed: 7 + index, rate: 4, timeScale: 0.05, agents: 12 }, EVENTS_PER_NODE),
    );
    let stopped = false;
    const pump = (async () => {
      const tickMs = 40;
      const perTick = Math.max(1, Math.round((EVENTS_PER_SECOND * tickMs) / 1000));
      while (!stopped) {
        let more = false;
        for (const [index, stream] of streams.entries()) {
          for (let i = 0; i < perTick; i++) {
            const next = stream.next();
            if (next.done) break;
            more = true;
            const stamped = simulators[index]?.emit(next.value);
            if (!stamped) continue;
            const event = createEslEvent(Object.fromEntries(stamped), next.value.body);
            if (typeof event !== 'string' && recordedBySwitchboard(event)) sent[index]?.push(event);
          }
        }
        if (!more) return;
        await new Promise((resolve) => setTimeout(resolve, tickMs));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const victimNode = nodeIds[0] ?? '';
    const { victim, takeoverMs } = await leases.killOwner(victimNode);
    await pump;
    stopped = true;
    await leases.close();
    process.stdout.write(`scale-out: node ${victimNode} taken over ${takeoverMs} ms after SIGKILL of ${victim.name}\n`);
    expect(takeoverMs).toBeLessThan(5_000);

    // The reference: what one API fed the whole stream would have stored.
    let referenceCalls = 0;
    for (const [index, events] of sent.entries()) {
      const coreUuid = events[0]?.coreUuid ?? '';
      const reference = new CallAssembler();
      const calls = new Set<string>();
      for (const event of events) {
        const { callUuid } = reference.apply(event);
        if (callUuid) calls.add(callUuid);
      }
      referenceCalls += calls.size;
      const ended = [...calls].filter((uuid) => reference.record(uuid)?.endedAt !== undefined);
      const rowCount = async () =>
        Number((await db.query('SELECT count(*) AS n FROM "CallEvent" WHERE node = $1', [coreUuid])).rows[0].n);
      await eventuallyAsync(async () => (await rowCount()) >= events.length, 20_000, 'the event rows').catch(
        () => undefined,
      );
      const log = await checkEventLog(
        databaseUrl,
        coreUuid,
        events.map((event) => event.sequence),
      );
      expect(log.lost.slice(0, 20).map(String)).toEqual([]);
      expect({ stored: log.stored, duplicated: log.duplicated }).toEqual({ stored: events.length, duplicated: 0 });
      // Every call once, under the same uuid the reference gives it; the ended ones with their end.
      const records = await db.query<{ uuid: string; endedAt: Date | null }>(
        'SELECT uuid, "endedAt" FROM "Call" WHERE uuid = ANY($1::text[])',
        [[...calls]],
      );
      expect(new Set(records.rows.map((r) => r.uuid))).toEqual(calls);
      const endedStored = records.rows.filter((r) => r.endedAt !== null).map((r) => r.uuid);
      expect(new Set(endedStored)).toEqual(new Set(ended));
      process.stdout.write(
        `scale-out: node ${index + 1}: ${events.length} events sent, ${log.stored} stored (${log.duplicated} duplicated); ` +
          `${calls.size} calls (${ended.length} ended) in both the reference and the database\n`,
      );
    }
    // No call stored twice under another uuid (a takeover reassembling a call it joined midway would do that).
    const total = await db.query('SELECT count(*) AS n FROM "Call"');
    expect(Number((total.rows[0] as { n: string }).n)).toBe(referenceCalls);
  });
});
