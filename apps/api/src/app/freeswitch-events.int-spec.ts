import { Client } from 'pg';
import type { CallDetailDto, CallDto, Page } from '@switchboard/shared/contracts';
import { EslService } from '@switchboard/api/data-access-esl';
import { CAPTURES, EslSimulator, Prng, buildCall, eventually } from '@switchboard/api/data-access-esl/testing';
import { IngestionService, LiveStateService } from '@switchboard/api/feature-calls';
import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

jest.setTimeout(60_000);

const CALLER_UUID = 'b1027c8e-6525-4cc7-b6d3-86441ad2657b';

/** The API connected over real TCP to a simulated FreeSWITCH speaking the exact ESL wire protocol. */
describe('FreeSWITCH events → call records (ESL simulator, real PostgreSQL)', () => {
  let simulator: EslSimulator;
  let t: TestApp;
  let token = '';
  const calls = async (query = ''): Promise<Page<CallDto>> =>
    (await t.http().get(`/api/calls${query}`).set('authorization', `Bearer ${token}`).expect(200))
      .body as Page<CallDto>;

  beforeAll(async () => {
    simulator = new EslSimulator({ password: 'sim-secret', heartbeatIntervalMs: 0, seed: 7 });
    const port = await simulator.start();
    t = await startTestApp({}, { eslNodes: [{ id: 'fs-test', host: '127.0.0.1', port, password: 'sim-secret' }] });
    token = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    await eventually(() => t.app.get(EslService).isConnected('fs-test'), 10_000, 'the ESL connection');
  });
  afterAll(async () => {
    await t.close();
    await simulator.stop();
  });

  it('subscribes to exactly the events it needs and resynchronises live state after connecting', async () => {
    const subscription = simulator.commandLines.find((line) => line.startsWith('event '));
    expect(subscription).toContain('CHANNEL_HANGUP CHANNEL_HANGUP_COMPLETE');
    expect(subscription).toContain('CUSTOM callcenter::info sofia::register sofia::unregister sofia::expire');
    await eventually(() => simulator.commandLines.includes('api show channels as json'), 5_000, 'show channels');
    await eventually(() => simulator.commandLines.includes('api callcenter_config agent list'), 5_000, 'agent list');
    const health = (await t.http().get('/api/health').expect(200)).body as unknown;
    expect(health).toMatchObject({
      freeswitch: { configured: true, connected: true, nodes: [{ id: 'fs-test', connected: true }] },
    });
  });

  it('turns the real callcenter capture into the call record, with its event timeline', async () => {
    await simulator.replay(CAPTURES.callcenter);
    const ingestion = t.app.get(IngestionService);
    await eventually(
      () => ingestion.assembler.record(CALLER_UUID)?.endedAt !== undefined,
      5_000,
      'the capture to be ingested',
    );
    await ingestion.drain();
    const page = await calls('?queue=support&outcome=ANSWERED');
    expect(page.items).toEqual([
      expect.objectContaining({
        uuid: CALLER_UUID,
        direction: 'INBOUND',
        fromNumber: 'sipp',
        toNumber: '9200',
        queue: 'support@default',
        agent: 'agent1000@default',
        outcome: 'ANSWERED',
        waitSeconds: 0,
        talkSeconds: 15,
        hangupCause: 'NORMAL_CLEARING',
        hangupSide: 'CALLER',
        sources: ['esl'],
      }),
    ]);
    const detail = (await t.http().get(`/api/calls/${CALLER_UUID}`).set('authorization', `Bearer ${token}`).expect(200))
      .body as CallDetailDto;
    const actions = detail.timeline.filter((e) => e.subclass === 'callcenter::info').map((e) => e.summary['CC-Action']);
    expect(actions).toEqual([
      'member-queue-start',
      'agent-offering',
      'bridge-agent-start',
      'bridge-agent-end',
      'member-queue-end',
    ]);
    expect(detail.timeline.map((e) => BigInt(e.sequence))).toEqual(
      [...detail.timeline.map((e) => BigInt(e.sequence))].sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  it('replaying the same stream again changes nothing', async () => {
    const before = await t.prisma.callEvent.count();
    const record = await t.prisma.call.findUniqueOrThrow({ where: { uuid: CALLER_UUID } });
    await simulator.replay(CAPTURES.callcenter);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await t.app.get(IngestionService).drain();
    expect(await t.prisma.callEvent.count()).toBe(before);
    expect(await t.prisma.call.findUniqueOrThrow({ where: { uuid: CALLER_UUID } })).toEqual(record);
  });

  it('records calls across a forced disconnect: the client reconnects, resubscribes and resyncs', async () => {
    const esl = t.app.get(EslService);
    const resyncs = simulator.commands.filter((c) => c.line === 'api show channels as json').length;
    const subscriptions = simulator.commandLines.filter((line) => line.startsWith('event ')).length;
    simulator.dropConnections();
    await eventually(() => !esl.isConnected('fs-test'), 5_000, 'the drop to be noticed');
    await eventually(() => esl.isConnected('fs-test'), 15_000, 'the reconnect');
    await eventually(
      () => simulator.commandLines.filter((line) => line.startsWith('event ')).length > subscriptions,
      5_000,
      'a new subscription',
    );
    await eventually(
      () => simulator.commands.filter((c) => c.line === 'api show channels as json').length > resyncs,
      5_000,
      'a resync',
    );
    const call = buildCall('abandoned', {
      prng: new Prng(3),
      startUs: BigInt(Date.now()) * 1000n,
      queue: 'sales@default',
      queueExtension: '9300',
      callerNumber: '+15550001111',
      callerName: 'After Drop',
      timeScale: 0.001,
    });
    for (const { event } of call.events) simulator.emit(event);
    const ingestion = t.app.get(IngestionService);
    await eventually(
      () => call.callerUuid !== undefined && ingestion.assembler.record(call.callerUuid)?.endedAt !== undefined,
      5_000,
      'the call after the drop',
    );
    await ingestion.drain();
    const page = await calls('?queue=sales');
    expect(page.items).toEqual([
      expect.objectContaining({ fromNumber: '+15550001111', outcome: 'ABANDONED', cancelReason: 'BREAK_OUT' }),
    ]);
    expect(t.app.get(LiveStateService).snapshot().nodes).toEqual([{ node: 'fs-test', connected: true }]);
  });

  it('loses no event when ESL drops in the middle of a call: reconnects, resyncs the live channel, completes it', async () => {
    const esl = t.app.get(EslService);
    const ingestion = t.app.get(IngestionService);
    const call = buildCall('answered', {
      prng: new Prng(5),
      startUs: BigInt(Date.now()) * 1000n,
      queue: 'midcall@default',
      queueExtension: '9600',
      callerNumber: '+15550003333',
      callerName: 'Mid Call',
      agent: { name: 'agent1000@default', extension: '1000' },
      timeScale: 0.001,
    });
    const caller = call.callerUuid ?? '';
    // Up to the bridge: the caller and the agent are talking when the connection drops.
    const bridged = call.events.findIndex(({ event }) => event.name === 'CHANNEL_BRIDGE') + 1;
    expect(bridged).toBeGreaterThan(0);
    const sent: string[] = [];
    // FreeSWITCH sends only what the connection subscribed to (CALL_UPDATE, CHANNEL_ORIGINATE are not).
    const subscribed = (): Set<string> =>
      new Set(
        simulator.commandLines
          .filter((line) => line.startsWith('event '))
          .at(-1)
          ?.split(/\s+/) ?? [],
      );
    const send = (events: typeof call.events): void => {
      for (const { event } of events) {
        const stamped = simulator.emit(event);
        const header = (name: string) => stamped?.find(([key]) => key === name)?.[1];
        const sequence = header('Event-Sequence');
        const words = subscribed();
        if (sequence === undefined || !words.has(event.name)) continue;
        if (event.name === 'CUSTOM' && !words.has(header('Event-Subclass') ?? '')) continue;
        sent.push(sequence);
      }
    };
    send(call.events.slice(0, bridged));
    // What was on the wire when the connection broke is gone (ESL has no replay): drop once the API has read it all.
    // Events arrive in order, so the bridge (the last one sent) being read means all before it were.
    await eventually(() => ingestion.assembler.record(caller)?.bridgedAt !== undefined, 5_000, 'the bridge');
    const resyncs = simulator.commands.filter((c) => c.line === 'api show channels as json').length;
    simulator.dropConnections();
    await eventually(() => !esl.isConnected('fs-test'), 5_000, 'the drop to be noticed');
    await eventually(() => esl.isConnected('fs-test'), 15_000, 'the reconnect');
    await eventually(
      () => simulator.commands.filter((c) => c.line === 'api show channels as json').length > resyncs,
      5_000,
      'a resync',
    );
    send(call.events.slice(bridged));
    await eventually(() => ingestion.assembler.record(caller)?.endedAt !== undefined, 5_000, 'the hangup');
    await ingestion.drain();

    const stored = await t.prisma.callEvent.findMany({
      where: { node: simulator.identity.coreUuid, sequence: { in: sent.map((sequence) => BigInt(sequence)) } },
      select: { sequence: true },
    });
    expect(sent.length).toBeGreaterThan(15);
    expect(stored).toHaveLength(sent.length);
    expect((await calls('?queue=midcall')).items).toEqual([
      expect.objectContaining({
        uuid: caller,
        fromNumber: '+15550003333',
        outcome: 'ANSWERED',
        agent: 'agent1000@default',
        hangupCause: 'NORMAL_CLEARING',
      }),
    ]);
  });

  it('keeps events while PostgreSQL refuses connections and writes them all when it is back', async () => {
    const ingestion = t.app.get(IngestionService);
    const database = new URL(t.config.databaseUrl ?? '').pathname.slice(1);
    const admin = new Client({ connectionString: t.config.databaseUrl?.replace(`/${database}`, '/postgres') });
    await admin.connect();
    const before = await t.prisma.callEvent.count();
    try {
      // A real outage for this database: no new connections, existing ones killed.
      await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      const call = buildCall('timeout', {
        prng: new Prng(9),
        startUs: BigInt(Date.now()) * 1000n,
        queue: 'outage@default',
        queueExtension: '9400',
        callerNumber: '+15550002222',
        callerName: 'During Outage',
        timeScale: 0.001,
      });
      for (const { event } of call.events) simulator.emit(event);
      await eventually(() => ingestion.pending >= call.events.length, 5_000, 'events to be buffered');
      await expect(ingestion.drain()).rejects.toThrow();
      expect(ingestion.pending).toBeGreaterThanOrEqual(call.events.length);
    } finally {
      await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await eventually(() => ingestion.pending === 0, 20_000, 'the buffer to flush after the outage');
    await ingestion.drain();
    expect(await t.prisma.callEvent.count()).toBeGreaterThan(before);
    expect((await calls('?queue=outage')).items).toEqual([
      expect.objectContaining({ fromNumber: '+15550002222', outcome: 'TIMEOUT' }),
    ]);
  });
});
