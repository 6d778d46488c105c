import type { AgentStatusDto, SupervisorSnapshot } from '@switchboard/shared/contracts';
import { eventuallyAsync } from '@switchboard/api/data-access-esl/testing';
import { RealtimeTestClient, callcenterEvent } from '@switchboard/api/feature-realtime/testing';
import {
  type RealtimeFixture,
  provisionAgent,
  startRealtimeApi,
  testRedis,
  userWithToken,
} from '../testing/realtime-fixtures';

jest.setTimeout(90_000);

/** Two API replicas on one database and one Redis, each connected to its own FreeSWITCH node. */
describe('realtime gateway across two API replicas (real Redis)', () => {
  let redis: Awaited<ReturnType<typeof testRedis>>;
  let a: RealtimeFixture;
  let b: RealtimeFixture;
  let token = '';
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    redis = await testRedis();
    a = await startRealtimeApi('fs-a', { REDIS_URL: redis.url });
    b = await startRealtimeApi('fs-b', { REDIS_URL: redis.url }, a.t.databaseUrl);
    token = (await userWithToken(a, 'replica-sup@example.com', 'SUPERVISOR')).token;
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await redis.stop();
  });

  it('shows a supervisor on replica B the whole floor, and a change on replica A’s node within a moment', async () => {
    const onB = RealtimeTestClient.supervisor(b.baseUrl, token);
    clients.push(onB);
    await onB.next('snapshot');
    // Replica B learns replica A's floor from its hello (or the periodic partition) and announces nothing new.
    for (let attempt = 0; ; attempt++) {
      const snapshot = await onB.socket.emitWithAck('snapshot.request');
      expect(snapshot.ok).toBe(true);
      const nodes = (onB.all('snapshot').at(-1) as SupervisorSnapshot).nodes.map((n) => n.node).sort();
      if (nodes.join() === 'fs-a,fs-b') break;
      if (attempt > 50) throw new Error(`replica B knows only ${nodes.join()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await onB.socket.emitWithAck('queue.subscribe', { queues: ['support@default'] });
    a.simulator.emit(
      callcenterEvent('agent-status-change', { 'CC-Agent': 'agent7000@default', 'CC-Agent-Status': 'Available' }),
    );
    a.simulator.emit(
      callcenterEvent('member-queue-start', {
        'CC-Queue': 'support@default',
        'CC-Member-UUID': 'member-from-a',
        'CC-Member-Session-UUID': 'session-from-a',
      }),
    );
    const delta = await onB.next(
      'delta',
      (d) => d.event.type === 'agent.status' && d.event.agent.name === 'agent7000@default',
    );
    expect(delta.event).toMatchObject({ agent: { status: 'Available' } });
    expect(await onB.next('queue.delta')).toMatchObject({
      queue: 'support@default',
      seq: 1,
      event: { type: 'queue.joined' },
    });
    expect(await onB.next('queue.stats', (s) => s.waiting === 1)).toMatchObject({ queue: 'support@default' });
    await onB.socket.emitWithAck('snapshot.request');
    const fresh = onB.all('snapshot').at(-1) as SupervisorSnapshot;
    expect(fresh.agents).toContainEqual(expect.objectContaining({ name: 'agent7000@default', status: 'Available' }));
    expect(fresh.queues).toEqual([
      expect.objectContaining({
        queue: 'support@default',
        members: [expect.objectContaining({ memberUuid: 'member-from-a' })],
      }),
    ]);
  });

  it('numbers deltas from both nodes in one sequence per replica', async () => {
    const onA = RealtimeTestClient.supervisor(a.baseUrl, token);
    clients.push(onA);
    const start = (await onA.next('snapshot')).seq;
    a.simulator.emit(
      callcenterEvent('agent-status-change', { 'CC-Agent': 'agent7001@default', 'CC-Agent-Status': 'On Break' }),
    );
    b.simulator.emit(
      callcenterEvent('agent-status-change', { 'CC-Agent': 'agent7002@default', 'CC-Agent-Status': 'On Break' }),
    );
    await onA.next('delta', (d) => d.event.type === 'agent.status' && d.event.agent.name === 'agent7001@default');
    await onA.next('delta', (d) => d.event.type === 'agent.status' && d.event.agent.name === 'agent7002@default');
    const seqs = onA.all('delta').map((d) => d.seq);
    expect(seqs).toEqual(seqs.map((_, i) => start + 1 + i));
  });

  it('keeps an agent’s console on replica B in step with changes made through replica A', async () => {
    const agentUser = await userWithToken(a, 'replica-agent@example.com', 'AGENT');
    const name = await provisionAgent(a, agentUser.id, '7010', ['support']);
    const agentConsole = RealtimeTestClient.agent(b.baseUrl, agentUser.token);
    clients.push(agentConsole);
    await agentConsole.next('snapshot');
    const myStatus = async () =>
      (
        await b.t
          .http()
          .get('/api/me/status')
          .set({ authorization: `Bearer ${agentUser.token}` })
          .expect(200)
      ).body as AgentStatusDto;
    const liveStatus = (status: string) =>
      agentConsole.next('delta', (d) => d.event.type === 'agent.status' && d.event.agent.status === status);

    // mod_callcenter on replica A's node puts the agent on break by itself (max-no-answer, or an operator in fs_cli).
    a.simulator.emit(callcenterEvent('agent-status-change', { 'CC-Agent': name, 'CC-Agent-Status': 'On Break' }));
    expect((await liveStatus('On Break')).event).toMatchObject({ agent: { name } });
    // Replica A records it; the console's read through replica B then says who made it.
    await eventuallyAsync(async () => (await myStatus()).status === 'ON_BREAK', 10_000, 'the switch’s break stored');
    expect(await myStatus()).toMatchObject({ status: 'ON_BREAK', setBy: 'switch' });

    // A supervisor signed in on replica A makes the agent Available again.
    await a.t
      .http()
      .post(`/api/supervision/agents/${name}/status`)
      .set({ authorization: `Bearer ${token}` })
      .send({ status: 'AVAILABLE' })
      .expect(200);
    await liveStatus('Available');
    expect(await myStatus()).toMatchObject({ status: 'AVAILABLE', setBy: 'supervisor' });
    // mod_callcenter's echo of the supervisor's command is not taken for a change made on the switch.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const history = await a.t.prisma.agentStatusChange.findMany({
      where: { agent: { name } },
      orderBy: { at: 'asc' },
      select: { status: true, source: true },
    });
    expect(history).toEqual([
      { status: 'ON_BREAK', source: 'FREESWITCH' },
      { status: 'AVAILABLE', source: 'SUPERVISOR' },
    ]);
  });
});
