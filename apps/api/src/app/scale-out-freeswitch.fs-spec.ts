// Scale-out on real FreeSWITCH (the real-FreeSWITCH stage: `--selectProjects freeswitch`, inside the loopback-only
// network namespace): three API processes (the built product) share two FreeSWITCH processes through a Redis of the
// test's own. The configuration fixes FreeSWITCH's ports, so the two nodes listen on two loopback addresses, as two
// hosts would. FreeSWITCH reaches the API (mod_xml_curl, mod_json_cdr) through a TCP forwarder standing in for the
// reverse proxy of a real deployment, so killing a replica does not cut FreeSWITCH off from the API.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { type Server, type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createDatabase } from '@switchboard/api/data-access-db/testing';
import { eventuallyAsync } from '@switchboard/api/data-access-esl/testing';
import { TestRedisServer } from '@switchboard/api/data-access-redis/testing';
import { FreeswitchProcess, findFreeswitchBinary } from '@switchboard/shared/util-freeswitch';
import { type ApiReplica, startReplica, stopReplica } from '../testing/api-process';
import { NodeLeases } from '../testing/node-leases';

jest.setTimeout(180_000);

const run = promisify(execFile);
const ESL_PASSWORD = 'scale-out-esl-secret';
const HTTP = { user: 'freeswitch', password: 'scale-out-http-secret' };
const ADMIN = { email: 'admin@example.com', password: 'Adm1n-pass-123!' };
const SIP_DOMAIN = 'switchboard.test';
/** The two nodes: same ports (the configuration's), two loopback addresses. */
const HOSTS = ['127.0.0.1', '127.0.0.3'];
const NODE_IDS = HOSTS.map((host) => `${host}:8021`);
const QUEUE = { name: 'scaleout', displayName: 'Scale-out', number: '9300' };
/** The events of a caller's leg that every call has. */
const CALLER_EVENTS = ['CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_HANGUP', 'CHANNEL_HANGUP_COMPLETE'];
/** Calls started per node per second, each held 1.5 s by its caller. */
const CALLS_PER_SECOND = 2;

/** What FreeSWITCH at `host` answers to an API command, through its own fs_cli (not through the product). */
async function fsCli(host: string, command: string): Promise<string> {
  const binary = findFreeswitchBinary() ?? '';
  const args = ['-H', host, '-P', '8021', '-p', ESL_PASSWORD, '-x', command];
  return (await run(join(dirname(binary), 'fs_cli'), args, { timeout: 10_000 })).stdout.trim();
}

/** The reverse proxy in front of the replicas: each connection goes to the first replica that accepts it. */
function forwarder(replicas: () => ApiReplica[]): Promise<{ server: Server; url: string }> {
  const server = createServer((client) => {
    const targets = replicas().map((replica) => new URL(replica.base));
    const attempt = (index: number): void => {
      const target = targets[index];
      if (!target) return void client.destroy();
      const upstream: Socket = connect({ host: target.hostname, port: Number(target.port) });
      upstream.once('connect', () => {
        client.pipe(upstream).pipe(client);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      });
      // A dead replica refuses the connection: try the next, as a proxy's health check would.
      upstream.once('error', () => attempt(index + 1));
    };
    attempt(0);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

describe('scale-out on two real FreeSWITCH nodes', () => {
  let redis: TestRedisServer;
  let proxy: { server: Server; url: string };
  let databaseUrl: string;
  const replicas: ApiReplica[] = [];
  const nodes: FreeswitchProcess[] = [];
  let leases: NodeLeases | undefined;

  beforeAll(async () => {
    const binary = findFreeswitchBinary();
    if (!binary) throw new Error('no FreeSWITCH binary (FREESWITCH_BIN, /opt/freeswitch/bin/freeswitch, PATH)');
    const adminUrl = process.env['SB_FS_PG_ADMIN_URL'];
    if (!adminUrl) throw new Error('run with the freeswitch project: its global setup starts PostgreSQL');
    redis = await TestRedisServer.start();
    databaseUrl = await createDatabase(adminUrl, `${process.env['SB_FS_DB_PREFIX'] ?? 'sb_fs'}_scale_out`);
    proxy = await forwarder(() =>
      replicas.filter((replica) => replica.process.exitCode === null && replica.process.signalCode === null),
    );
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      FREESWITCH_ESL: HOSTS.map((host) => `esl://:${ESL_PASSWORD}@${host}:8021`).join(','),
      FREESWITCH_HTTP_USER: HTTP.user,
      FREESWITCH_HTTP_PASSWORD: HTTP.password,
      SIP_DOMAIN,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      DEMO: 'false',
    };
    // One at a time: the first one migrates the empty database.
    for (const name of ['fs-replica-a', 'fs-replica-b', 'fs-replica-c']) replicas.push(await startReplica(name, env));
    for (const host of HOSTS)
      nodes.push(
        await FreeswitchProcess.start({
          binary,
          confDir: join(__dirname, '..', '..', '..', '..', 'freeswitch'),
          workDir: mkdtempSync(join(tmpdir(), `sb-fs-scale-${host}-`)),
          settings: {
            sipDomain: SIP_DOMAIN,
            eslPassword: ESL_PASSWORD,
            eslListenIp: host,
            apiUrl: proxy.url,
            httpUser: HTTP.user,
            httpPassword: HTTP.password,
            bindIp: host,
          },
        }),
      );
    leases = await NodeLeases.connect(redis.url, replicas);
    await leases.waitForOwners(NODE_IDS);
  }, 180_000);

  afterAll(async () => {
    await leases?.close();
    await Promise.all(replicas.map((replica) => stopReplica(replica)));
    await Promise.all(nodes.map((node) => node.stop()));
    proxy?.server.close();
    await redis?.stop();
  });

  it('a queue created through replica C appears in both nodes’ mod_callcenter', async () => {
    const base = replicas[2]?.base ?? '';
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const created = await fetch(`${base}/api/queues`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(QUEUE),
    });
    expect(created.status).toBe(201);
    for (const host of HOSTS)
      await eventuallyAsync(
        async () => (await fsCli(host, 'callcenter_config queue list')).includes(`${QUEUE.name}@${SIP_DOMAIN}`),
        10_000,
        `queue ${QUEUE.name} in mod_callcenter of ${host}`,
      );
  });

  it('kill -9 of a node owner while calls flow: another replica takes the node within 5 s, every call recorded once and complete', async () => {
    const started: string[][] = HOSTS.map(() => []);
    let calling = true;
    // Each call: a loopback pair into the queue's number (answered, music on hold), hung up by its caller after 1.5 s.
    const callers = HOSTS.map(async (host, index) => {
      for (let n = 0; calling; n++) {
        const uuid = randomUUID();
        const reply = await fsCli(
          host,
          `originate {origination_uuid=${uuid},origination_caller_id_number=55500${n}}loopback/${QUEUE.number}/default &sleep(1500)`,
        ).catch((error: unknown) => String(error));
        // Only the calls FreeSWITCH set up count; one refused while its API lookup was cut is not a record to find.
        if (reply.startsWith('+OK')) started[index]?.push(uuid);
        await new Promise((resolve) => setTimeout(resolve, 1000 / CALLS_PER_SECOND));
      }
    });

    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const victimNode = NODE_IDS[0] ?? '';
    const { victim, takeoverMs } = await (leases as NodeLeases).killOwner(victimNode);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    calling = false;
    await Promise.all(callers);
    process.stdout.write(
      `scale-out (FreeSWITCH): ${victimNode} taken over ${takeoverMs} ms after SIGKILL of ${victim.name}\n`,
    );
    expect(takeoverMs).toBeLessThan(5_000);
    for (const host of HOSTS)
      await eventuallyAsync(
        async () => (await fsCli(host, 'show channels count')).startsWith('0 total'),
        15_000,
        `no calls left on ${host}`,
      );

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      for (const [index, uuids] of started.entries()) {
        expect(uuids.length).toBeGreaterThan(10);
        // The caller's leg of every call: its four channel events stored once each, and one ended call holding it.
        const missingEvents = async (): Promise<string[]> => {
          const { rows } = await db.query<{ channel: string; name: string; n: string }>(
            `SELECT "channelUuid" AS channel, name, count(*) AS n FROM "CallEvent"
              WHERE "channelUuid" = ANY($1::text[]) AND name = ANY($2::text[]) GROUP BY 1, 2`,
            [uuids, CALLER_EVENTS],
          );
          const stored = new Map(rows.map((row) => [`${row.channel} ${row.name}`, Number(row.n)]));
          return uuids.flatMap((uuid) =>
            CALLER_EVENTS.filter((name) => stored.get(`${uuid} ${name}`) !== 1).map(
              (name) => `${uuid} ${name} ×${stored.get(`${uuid} ${name}`) ?? 0}`,
            ),
          );
        };
        // The API writes in batches: wait for the last ones, then look at what is there.
        await eventuallyAsync(async () => (await missingEvents()).length === 0, 20_000, 'every event').catch(
          () => undefined,
        );
        expect(await missingEvents()).toEqual([]);
        const calls = await db.query<{ uuid: string; channel: string; ended: boolean }>(
          `SELECT c.uuid, ch AS channel, c."endedAt" IS NOT NULL AS ended FROM "Call" c, unnest(c."channelUuids") ch
            WHERE ch = ANY($1::text[])`,
          [uuids],
        );
        const callsOf = new Map<string, number>();
        for (const row of calls.rows) callsOf.set(row.channel, (callsOf.get(row.channel) ?? 0) + 1);
        expect(uuids.filter((uuid) => callsOf.get(uuid) !== 1)).toEqual([]);
        expect(calls.rows.filter((row) => !row.ended).map((row) => row.uuid)).toEqual([]);
        process.stdout.write(
          `scale-out (FreeSWITCH): node ${HOSTS[index]}: ${uuids.length} calls, each recorded once with its 4 caller-leg events, all ended\n`,
        );
      }
    } finally {
      await db.end();
    }
  });
});
