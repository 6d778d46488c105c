import type { AddressInfo } from 'node:net';
import type { HealthResponse, MonitorCallResult } from '@switchboard/shared/contracts';
import { EslService } from '@switchboard/api/data-access-esl';
import { EslSimulator, Prng, buildCall, eventually, eventuallyAsync } from '@switchboard/api/data-access-esl/testing';
import { TestRedisServer } from '@switchboard/api/data-access-redis/testing';
import { IngestionService, LiveStateService, NodeOwnership } from '@switchboard/api/feature-calls';
import { RealtimeTestClient, callcenterEvent } from '@switchboard/api/feature-realtime/testing';
import { emitLiveQueueCall } from '../testing/live-call';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

jest.setTimeout(120_000);

const DOMAIN = 'sb.test';
const ANN = `1001@${DOMAIN}`;
const NODES = ['fs-1', 'fs-2'] as const;

/**
 * Three API replicas on one database and one Redis of the test's own, each connected to both of two simulated
 * FreeSWITCH nodes: nodes owned by leases, the floor shared on a Redis Stream, commands and provisioning from any
 * replica. (Killing an owner with SIGKILL needs separate processes: see the e2e scale-out spec.)
 */
describe('scale-out: 3 API replicas, 2 FreeSWITCH nodes, Redis', () => {
  let redis: TestRedisServer;
  const simulators = new Map<string, EslSimulator>();
  const replicas: { name: string; t: TestApp; base: string }[] = [];
  let admin = { authorization: '' };
  let supervisorToken = '';
  const clients: { close(): void }[] = [];

  const ownersOf = (node: string) => replicas.filter((r) => r.t.app.get(NodeOwnership).owns(node));
  const ownerOf = (node: string) => {
    const owners = ownersOf(node);
    if (owners.length !== 1) throw new Error(`${node} has ${owners.length} owners`);
    return owners[0];
  };
  const http = (replica: (typeof replicas)[number]) => replica.t.http();
  const health = async (replica: (typeof replicas)[number]) =>
    (await http(replica).get('/api/health')).body as HealthResponse;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    for (const [index, node] of NODES.entries()) {
      const simulator = new EslSimulator({
        password: 'sim-secret',
        heartbeatIntervalMs: 0,
        seed: 30 + index,
        hostname: node,
      });
      simulators.set(node, simulator);
    }
    const eslNodes = [];
    for (const [node, simulator] of simulators)
      eslNodes.push({ id: node, host: '127.0.0.1', port: await simulator.start(), password: 'sim-secret' });
    let databaseUrl: string | undefined;
    for (const name of ['A', 'B', 'C']) {
      const t = await startTestApp({ REDIS_URL: redis.url, SIP_DOMAIN: DOMAIN }, { eslNodes, databaseUrl });
      databaseUrl = t.databaseUrl;
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      replicas.push({ name, t, base: `http://127.0.0.1:${port}` });
    }
    const [a] = replicas;
    if (!a) throw new Error('no replica');
    for (const r of replicas)
      await eventually(() => NODES.every((n) => r.t.app.get(EslService).isConnected(n)), 10_000, 'ESL');
    // One owner per node, and not the same one: replica A, up first, took both and hands one over.
    await eventually(
      () => NODES.every((node) => ownersOf(node).length === 1) && new Set(NODES.map(ownerOf)).size === NODES.length,
      15_000,
      'one owner per node, the nodes spread over the replicas',
    );
    admin = { authorization: `Bearer ${(await signIn(a.t, TEST_ADMIN.email, TEST_ADMIN.password)).token}` };
    const create = async (path: string, body: object): Promise<string> =>
      ((await a.t.http().post(path).set(admin).send(body).expect(201)).body as { id: string }).id;
    const sueId = await createUser(a.t, admin.authorization.slice(7), {
      email: 'sue@example.com',
      role: 'SUPERVISOR',
      password: 'Sue-pass-12345',
    });
    const annId = await createUser(a.t, admin.authorization.slice(7), {
      email: 'ann@example.com',
      role: 'AGENT',
      password: 'Ann-pass-12345',
    });
    await create('/api/agents', {
      userId: annId,
      extensionId: await create('/api/extensions', { number: '1001', displayName: 'Ann' }),
    });
    await create('/api/agents', {
      userId: sueId,
      extensionId: await create('/api/extensions', { number: '2001', displayName: 'Sue' }),
    });
    supervisorToken = (await signIn(a.t, 'sue@example.com', 'Sue-pass-12345')).token;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.t.close();
    for (const simulator of simulators.values()) await simulator.stop();
    await redis.stop();
  });

  it('has exactly one replica ingest each node, and shows every node’s calls to supervisors on every replica', async () => {
    for (const node of NODES) expect(ownersOf(node)).toHaveLength(1);
    const uuids = NODES.map((node) => {
      const call = buildCall('answered', {
        prng: new Prng(node.length * 7 + Number(node.slice(-1))),
        startUs: BigInt(Date.now()) * 1000n,
        queue: `support@${DOMAIN}`,
        queueExtension: '9000',
        callerNumber: '+15550001111',
        callerName: 'Caller',
        agent: { name: ANN, extension: '1001' },
        timeScale: 0.001,
      });
      simulators.get(node)?.emit(call.events[0]?.event ?? callcenterEvent('agent-add', {}));
      return call.callerUuid ?? '';
    });
    for (const replica of replicas)
      await eventually(
        () => {
          const channels = replica.t.app.get(LiveStateService).snapshot().channels;
          return uuids.every((uuid) => channels.some((c) => c.uuid === uuid));
        },
        5_000,
        `replica ${replica.name} sees both nodes' calls`,
      );
    // Each node's events were ingested by its owner only: no other replica's assembler has heard of the call.
    for (const [index, node] of NODES.entries()) {
      const owner = ownerOf(node);
      for (const replica of replicas)
        expect(replica.t.app.get(IngestionService).assembler.callOf(uuids[index] ?? '') !== undefined).toBe(
          replica === owner,
        );
    }
    await eventuallyAsync(
      async () => (await replicas[0]?.t.prisma.callEvent.count({ where: { channelUuid: { in: uuids } } })) === 2,
      5_000,
      'both CHANNEL_CREATE rows',
    );
  });

  it('lets a supervisor on a replica that does not own the node barge into a call there', async () => {
    const node = 'fs-1';
    const owner = ownerOf(node);
    const other = replicas.find((r) => r !== owner) as (typeof replicas)[number];
    const simulator = simulators.get(node) as EslSimulator;
    const { callerUuid, agentUuid } = emitLiveQueueCall(simulator, { seed: 77, domain: DOMAIN, agent: ANN });
    await eventually(
      () =>
        other.t.app
          .get(LiveStateService)
          .snapshot()
          .channels.some((c) => c.uuid === callerUuid && c.bridgedTo === agentUuid && c.agent === ANN),
      5_000,
      `the bridged call on replica ${other.name}`,
    );
    const since = simulator.commandLines.length;
    const result = (
      await http(other)
        .post(`/api/supervision/calls/${callerUuid}/monitor`)
        .set({ authorization: `Bearer ${supervisorToken}` })
        .send({ mode: 'barge' })
        .expect(202)
    ).body as MonitorCallResult;
    expect(result).toMatchObject({ node, agentChannelUuid: agentUuid, extension: '2001' });
    await eventually(
      () => simulator.commandLines.slice(since).some((l) => l.startsWith('bgapi originate ')),
      5_000,
      'the originate on the node',
    );
    const line = simulator.commandLines.slice(since).find((l) => l.startsWith('bgapi originate ')) ?? '';
    expect(line).toContain('eavesdrop_whisper_aleg=true,eavesdrop_whisper_bleg=true');
    expect(line).toContain(`user/2001@${DOMAIN} &eavesdrop(${agentUuid})`);
  });

  it('sends an agent’s own status and a supervisor’s forced status to both nodes’ mod_callcenter', async () => {
    const [a, b] = replicas;
    if (!a || !b) throw new Error('no replicas');
    const statusOn = (node: string) => simulators.get(node)?.state.agents.get(ANN)?.['status'];
    await eventually(
      () =>
        a.t.app
          .get(LiveStateService)
          .snapshot()
          .agents.some((agent) => agent.name === ANN),
      5_000,
      'the agent on the floor',
    );
    const ann = (await signIn(a.t, 'ann@example.com', 'Ann-pass-12345')).token;
    const own = await http(a)
      .put('/api/me/status')
      .set({ authorization: `Bearer ${ann}` })
      .send({ status: 'AVAILABLE' });
    expect(own.status).toBe(200);
    expect((own.body as { pbxSync: { status: string; message: string } }).pbxSync).toEqual({
      status: 'applied',
      message: `FreeSWITCH set ${ANN} to Available.`,
    });
    expect(NODES.map(statusOn)).toEqual(['Available', 'Available']);
    await http(b)
      .post(`/api/supervision/agents/${ANN}/status`)
      .set({ authorization: `Bearer ${supervisorToken}` })
      .send({ status: 'ON_BREAK', reasonCode: 'COACHING' })
      .expect(200);
    expect(NODES.map(statusOn)).toEqual(['On Break', 'On Break']);
  });

  it('loads a queue created through replica C into both nodes’ mod_callcenter', async () => {
    const c = replicas[2];
    const since = new Map(NODES.map((node) => [node, simulators.get(node)?.commandLines.length ?? 0]));
    const response = await http(c)
      .post('/api/queues')
      .set(admin)
      .send({ name: 'scaleout', displayName: 'Scale-out', number: '9300' })
      .expect(201);
    expect((response.body as { pbxSync: { status: string } }).pbxSync.status).toBe('applied');
    for (const node of NODES) {
      const simulator = simulators.get(node) as EslSimulator;
      await eventually(
        () =>
          simulator.commandLines
            .slice(since.get(node))
            .some((l) => l === `api callcenter_config queue load scaleout@${DOMAIN}`),
        5_000,
        `queue load on ${node}`,
      );
      expect(simulator.state.queues.has(`scaleout@${DOMAIN}`)).toBe(true);
    }
  });

  it('survives a Redis restart mid-stream: health says what is degraded, then the floor flows again', async () => {
    const [a, b] = replicas as [(typeof replicas)[number], (typeof replicas)[number]];
    const onB = RealtimeTestClient.supervisor(b.base, supervisorToken);
    clients.push(onB);
    await onB.next('snapshot');
    const node = 'fs-2';
    const simulator = simulators.get(node) as EslSimulator;
    const status = (agent: string, value: string) =>
      simulator.emit(callcenterEvent('agent-status-change', { 'CC-Agent': agent, 'CC-Agent-Status': value }));
    status('agent8001@default', 'Available');
    await onB.next('delta', (d) => d.event.type === 'agent.status' && d.event.agent.name === 'agent8001@default');

    await redis.stop('SIGKILL');
    await eventuallyAsync(async () => (await health(a)).redis?.status === 'down', 5_000, 'health to see Redis down');
    const down = await health(a);
    expect(down.status).toBe('degraded');
    expect(down.redis?.degraded.join(' ')).toMatch(/node ownership/);
    status('agent8002@default', 'On Break');
    await redis.restart();

    await eventuallyAsync(
      async () => {
        const back = await health(a);
        return back.redis?.status === 'up' && back.status === 'ok';
      },
      10_000,
      'health to see Redis back',
    );
    // The owner resends its node's floor: what changed during the outage reaches replica B's supervisor.
    await onB.next('delta', (d) => d.event.type === 'live.resynced' && d.event.node === node);
    await eventually(
      () =>
        b.t.app
          .get(LiveStateService)
          .snapshot()
          .agents.some((agent) => agent.name === 'agent8002@default' && agent.status === 'On Break'),
      10_000,
      'the change made during the outage on replica B',
    );
    status('agent8003@default', 'Available');
    await onB.next('delta', (d) => d.event.type === 'agent.status' && d.event.agent.name === 'agent8003@default');
    await eventually(() => NODES.every((n) => ownersOf(n).length === 1), 10_000, 'one owner per node again');
  });
});
