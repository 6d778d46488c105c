import type { AddressInfo } from 'node:net';
import {
  type AgentReport,
  type IntervalReport,
  type QueueReport,
  type SupervisorSnapshot,
  agentStatusCodeOf,
} from '@switchboard/shared/contracts';
import { EslSimulator, delay, eventuallyAsync } from '@switchboard/api/data-access-esl/testing';
import { IngestionService } from '@switchboard/api/feature-calls';
import {
  DEMO_LIVE_AGENTS,
  DEMO_LIVE_QUEUE,
  DEMO_QUEUES,
  DEMO_AGENTS,
  DemoService,
  demoHistoryCoreUuid,
  removeDemoData,
  startDemoSimulator,
} from '@switchboard/api/feature-demo';
import { RealtimeTestClient } from '@switchboard/api/feature-realtime/testing';
import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

jest.setTimeout(180_000);

const DOMAIN = 'switchboard.local';
const DAY_MS = 86_400_000;

/** DEMO=1 as main.ts runs it: the demo simulator, an API on it, the demo seeded, a week of history, then removed. */
describe('demo contact center (DEMO=1, simulated FreeSWITCH, real PostgreSQL)', () => {
  let t: TestApp;
  let simulator: EslSimulator;
  let baseUrl = '';
  let token = '';
  let listenedAt = 0;
  let seeding: ReturnType<DemoService['seed']>;

  beforeAll(async () => {
    const demo = await startDemoSimulator(DOMAIN, 42);
    simulator = demo.simulator;
    t = await startTestApp({ DEMO: '1', SIP_DOMAIN: DOMAIN }, { eslNodes: [demo.node] });
    // As main.ts: the API listens first; provisioning (then history) follows in the background.
    token = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    await t.app.listen(0, '127.0.0.1');
    listenedAt = Date.now();
    seeding = t.app.get(DemoService).seed(simulator.identity.coreUuid);
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
    await simulator?.stop();
  });

  /** A fresh snapshot, as a supervisor opening the dashboard gets. */
  async function supervisorSnapshot(): Promise<SupervisorSnapshot> {
    const client = RealtimeTestClient.supervisor(baseUrl, token);
    try {
      return await client.next('snapshot');
    } finally {
      client.close();
    }
  }

  // How soon is measured in bench/demo (a figure with its load average), not asserted here.
  it('shows a living floor at once after listening, while the demo is still being provisioned', async () => {
    const names = DEMO_QUEUES.map((q) => `${q.name}@${DOMAIN}`);
    let snapshot = await supervisorSnapshot();
    while (Date.now() - listenedAt < 10_000) {
      const tiles = new Set(snapshot.queueStats.map((s) => s.queue));
      if (names.every((n) => tiles.has(n)) && snapshot.channels.length > 0) break;
      await delay(100);
      snapshot = await supervisorSnapshot();
    }
    const aliveMs = Date.now() - listenedAt;
    console.log(`demo floor alive ${aliveMs} ms after listen`);
    expect(snapshot.queueStats.map((s) => s.queue)).toEqual(expect.arrayContaining(names));
    expect(snapshot.channels.length).toBeGreaterThan(0);
    expect(snapshot.nodes).toEqual([{ node: 'demo-simulator', connected: true }]);
  });

  it('staffs every simulated queue once provisioned, and routes no simulated call to the live queue', async () => {
    const report = await seeding;
    console.log(`demo provisioned ${Date.now() - listenedAt} ms after listen`);
    expect(report.seeded).toBe(true);
    const snapshot = await supervisorSnapshot();
    expect(snapshot.agents.length).toBeGreaterThanOrEqual(DEMO_AGENTS.length);
    const staffed = snapshot.queueStats.filter((s) => s.agents.staffed > 0).map((s) => s.queue);
    expect(staffed).toEqual(expect.arrayContaining(DEMO_QUEUES.map((q) => `${q.name}@${DOMAIN}`)));
    // The live queue's agents are people: the simulator never moves them or rings their queue.
    const live = new Set(DEMO_LIVE_AGENTS.map((a) => `${a.extension}@${DOMAIN}`));
    expect(snapshot.agents.filter((a) => live.has(a.name) && a.status !== 'Logged Out')).toEqual([]);
    expect(snapshot.channels.filter((c) => c.queue === `${DEMO_LIVE_QUEUE.name}@${DOMAIN}`)).toEqual([]);
  });

  it('provisions through the services the REST API uses, so mod_callcenter hears of every queue, agent and tier', async () => {
    expect(await seeding).toMatchObject({ seeded: true, queues: 5, agents: 14, tiers: 26, notApplied: 0 });
    const lines = simulator.commandLines;
    for (const queue of DEMO_QUEUES)
      expect(lines).toContain(`api callcenter_config queue load ${queue.name}@${DOMAIN}`);
    expect(lines).toContain(`api callcenter_config tier add demo-sales@${DOMAIN} 3001@${DOMAIN} 1 1`);
    expect(lines).toContain(`api callcenter_config tier add demo-live@${DOMAIN} 3013@${DOMAIN} 1 1`);
    expect(await t.prisma.queue.findMany({ where: { demo: true }, select: { displayName: true } })).toHaveLength(5);
    expect(await t.prisma.agent.count({ where: { demo: true } })).toBe(14);
    expect(await t.prisma.tier.count({ where: { agent: { demo: true } } })).toBe(26);
    // A second start keeps what is there.
    expect(await t.app.get(DemoService).seed(simulator.identity.coreUuid)).toMatchObject({ seeded: false });
  });

  it('stores the simulated agents with the status the simulated switch gives them, as the floor shows it', async () => {
    await seeding;
    const onSwitch = () => new Map([...simulator.state.agents].map(([name, row]) => [name, row['status'] ?? '']));
    const names = DEMO_AGENTS.map((agent) => `${agent.extension}@${DOMAIN}`);
    // Provisioned logged out, while the simulated switch has them working since before the API connected.
    const before = await t.prisma.agent.findMany({ where: { name: { in: names } }, select: { status: true } });
    expect(before.filter((agent) => agent.status === 'LOGGED_OUT').length).toBeGreaterThan(0);
    const adopted = await t.app.get(DemoService).adoptSimulatedStatuses(onSwitch());
    expect(adopted).toBeGreaterThan(0);
    // The simulated switch goes on moving its agents (breaks), which the API records as they come: the stored
    // statuses follow the switch's, a second or so behind.
    const storedStatuses = async () =>
      (await t.prisma.agent.findMany({ where: { name: { in: names } }, select: { name: true, status: true } }))
        .map((agent) => `${agent.name} ${agent.status}`)
        .sort();
    const switchStatuses = () => names.map((name) => `${name} ${agentStatusCodeOf(onSwitch().get(name))}`).sort();
    await eventuallyAsync(
      async () => (await storedStatuses()).join() === switchStatuses().join(),
      10_000,
      'the stored statuses to be the simulated switch’s',
    );
    expect((await storedStatuses()).filter((line) => line.endsWith('LOGGED_OUT'))).toEqual([]);
    const rows = await t.prisma.agentStatusChange.findMany({
      where: { agent: { name: { in: names } } },
      select: { source: true },
    });
    expect(rows.length).toBeGreaterThanOrEqual(adopted);
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(['FREESWITCH']));
  });

  it('writes a week of history through ingestion, so the reports of the past week have shape', async () => {
    const now = Date.now();
    const history = await t.app.get(DemoService).fillHistory(BigInt(now - 15 * 60_000) * 1000n);
    console.log(`demo history: ${JSON.stringify(history)}`);
    expect(history.calls).toBeGreaterThan(500);
    const range = `from=${new Date(now - 7 * DAY_MS).toISOString()}&to=${new Date(now).toISOString()}`;
    const get = async <T>(path: string): Promise<T> =>
      (await t.http().get(path).set('authorization', `Bearer ${token}`).expect(200)).body as T;
    const queues = await get<QueueReport>(`/api/reports/queues?${range}`);
    const byQueue = new Map(queues.rows.map((row) => [row.queue, row]));
    for (const queue of DEMO_QUEUES) {
      const row = byQueue.get(queue.name) ?? byQueue.get(`${queue.name}@${DOMAIN}`);
      expect(row?.offered).toBeGreaterThan(20);
      expect(row?.answered).toBeGreaterThan(0);
      expect(row?.abandoned).toBeGreaterThan(0);
    }
    const days = await get<IntervalReport>(`/api/reports/intervals?${range}&interval=day`);
    expect(days.rows.filter((row) => row.offered > 0).length).toBeGreaterThanOrEqual(7);
    // The agents' working days too: staffed, available and break time, and an occupancy below 100 %.
    expect(history.statusChanges).toBeGreaterThan(12 * 6 * 6);
    const agents = await get<AgentReport>(`/api/reports/agents?${range}`);
    const simulated = agents.rows.filter((row) =>
      DEMO_AGENTS.some((agent) => row.agent.startsWith(`${agent.extension}@`)),
    );
    expect(simulated).toHaveLength(DEMO_AGENTS.length);
    for (const row of simulated) {
      // Six full days of 13 h at least, less the breaks (a little under 40 min a day).
      expect(row.staffedSeconds).toBeGreaterThan(6 * 12 * 3600);
      expect(row.breakSeconds).toBeGreaterThan(6 * 35 * 60);
      expect(row.availableSeconds).toBeLessThan(row.staffedSeconds);
      expect(row.occupancy).not.toBeNull();
      expect(row.occupancy ?? 1).toBeLessThan(1);
    }
    // Events and records came the ingestion way: the event log holds the calls' events.
    const coreUuid = demoHistoryCoreUuid(7);
    expect(await t.prisma.callEvent.count({ where: { node: coreUuid } })).toBe(history.events);
  });

  it('removes the demo and nothing else: also the real calls of the live queue, with their events', async () => {
    const real = await t.prisma.queue.create({ data: { name: 'real-queue', displayName: 'Real' } });
    // What a real FreeSWITCH (its own Core-UUID, no demo switch) leaves of a demo call and of a call of real-queue.
    const liveQueue = await t.prisma.queue.findUniqueOrThrow({ where: { name: DEMO_LIVE_QUEUE.name } });
    const realCall = (uuid: string, queue: { id: string; name: string }) => ({
      node: 'real-core-uuid',
      uuid,
      channelUuids: [uuid, `${uuid}-agent`],
      direction: 'INBOUND' as const,
      queueId: queue.id,
      queueName: `${queue.name}@${DOMAIN}`,
      startedAt: new Date(),
    });
    await t.prisma.call.createMany({ data: [realCall('live-1', liveQueue), realCall('real-1', real)] });
    await t.prisma.callEvent.createMany({
      data: ['live-1', 'live-1-agent', 'real-1'].map((channelUuid, i) => ({
        node: 'real-core-uuid',
        sequence: BigInt(i + 1),
        name: 'CHANNEL_CREATE',
        timestampUs: 1n,
        channelUuid,
        callUuid: channelUuid.replace('-agent', ''),
        headers: {},
      })),
    });
    simulator.stopTraffic();
    await delay(300);
    await t.app.get(IngestionService).drain();
    const removed = await removeDemoData(t.prisma.pool);
    expect(removed).toMatchObject({ queues: 5, agents: 14, extensions: 14, users: 14 });
    expect(removed.calls).toBeGreaterThan(500);
    const nodes = [simulator.identity.coreUuid, demoHistoryCoreUuid(7)];
    expect(
      await Promise.all([
        t.prisma.queue.count({ where: { demo: true } }),
        t.prisma.agent.count({ where: { demo: true } }),
        t.prisma.extension.count({ where: { demo: true } }),
        t.prisma.user.count({ where: { demo: true } }),
        t.prisma.tier.count(),
        t.prisma.demoNode.count(),
        t.prisma.call.count({ where: { node: { in: nodes } } }),
        t.prisma.callEvent.count({ where: { node: { in: nodes } } }),
        t.prisma.auditLog.count({ where: { action: { in: ['queue.create', 'agent.create', 'tier.create'] } } }),
      ]),
    ).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await t.prisma.queue.findUnique({ where: { id: real.id } })).not.toBeNull();
    expect((await t.prisma.call.findMany({ where: { node: 'real-core-uuid' } })).map((c) => c.uuid)).toEqual([
      'real-1',
    ]);
    expect(
      (await t.prisma.callEvent.findMany({ where: { node: 'real-core-uuid' } })).map((e) => e.channelUuid),
    ).toEqual(['real-1']);
    expect(await t.prisma.user.count({ where: { email: TEST_ADMIN.email } })).toBe(1);
  });
});
