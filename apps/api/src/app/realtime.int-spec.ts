import { delay, eventually } from '@switchboard/api/data-access-esl/testing';
import { RealtimeTestClient, callcenterEvent, channelEvent } from '@switchboard/api/feature-realtime/testing';
import {
  type RealtimeFixture,
  provisionAgent,
  startRealtimeApi,
  tokenExpiringIn,
  userWithToken,
} from '../testing/realtime-fixtures';

jest.setTimeout(60_000);

/** The realtime API over real socket.io, fed by a simulated FreeSWITCH over real ESL. */
describe('realtime gateway (socket.io, ESL simulator, real PostgreSQL)', () => {
  let f: RealtimeFixture;
  let supervisorToken = '';
  let agentToken = '';
  let agentName = '';
  const clients: { close(): void }[] = [];
  // `null`: connect without a token.
  const supervisor = (token: string | null = supervisorToken) =>
    track(RealtimeTestClient.supervisor(f.baseUrl, token ?? undefined));
  const agent = (token: string = agentToken) => track(RealtimeTestClient.agent(f.baseUrl, token));
  const track = <T extends { close(): void }>(client: T): T => (clients.push(client), client);
  const agentStatus = (name: string, status: string) =>
    f.simulator.emit(callcenterEvent('agent-status-change', { 'CC-Agent': name, 'CC-Agent-Status': status }));
  const joinQueue = (queue: string, member: string) =>
    f.simulator.emit(
      callcenterEvent('member-queue-start', {
        'CC-Queue': queue,
        'CC-Member-UUID': member,
        'CC-Member-Session-UUID': `session-${member}`,
        'CC-Member-CID-Number': '5551234',
      }),
    );

  beforeAll(async () => {
    f = await startRealtimeApi('fs-realtime');
    supervisorToken = (await userWithToken(f, 'sup@example.com', 'SUPERVISOR')).token;
    const agentUser = await userWithToken(f, 'agent@example.com', 'AGENT');
    agentToken = agentUser.token;
    agentName = await provisionAgent(f, agentUser.id, '2001', ['support']);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await f.close();
  });

  describe('authentication', () => {
    it('refuses a missing or forged token with an error, then disconnects', async () => {
      for (const token of [null, '', 'not-a-jwt', `${supervisorToken.slice(0, -4)}AAAA`]) {
        const client = supervisor(token);
        expect(await client.next('error')).toEqual({ code: 'Unauthenticated', message: expect.any(String) });
        await client.disconnected();
        expect(client.all('snapshot')).toEqual([]);
      }
    });

    it('refuses an expired token with TokenExpired', async () => {
      const client = supervisor(tokenExpiringIn(f, supervisorToken, -5));
      expect(await client.next('error')).toMatchObject({ code: 'TokenExpired' });
      await client.disconnected();
    });

    it('refuses the token of a session that was signed out', async () => {
      const { token } = await userWithToken(f, 'leaver@example.com', 'SUPERVISOR');
      await f.t.http().post('/api/auth/logout').set('authorization', `Bearer ${token}`).expect(204);
      const client = supervisor(token);
      expect(await client.next('error')).toMatchObject({
        code: 'Unauthenticated',
        message: expect.stringContaining('session'),
      });
      await client.disconnected();
    });

    it('refuses an agent on /supervisor', async () => {
      const client = supervisor(agentToken);
      expect(await client.next('error')).toMatchObject({ code: 'Forbidden' });
      await client.disconnected();
      expect(client.all('snapshot')).toEqual([]);
    });

    it('keeps a socket whose token is renewed, and ends one whose token runs out', async () => {
      const renewed = supervisor(tokenExpiringIn(f, supervisorToken, 3));
      const lapsing = supervisor(tokenExpiringIn(f, supervisorToken, 3));
      await renewed.next('snapshot');
      await lapsing.next('snapshot');
      const answer = await renewed.socket.emitWithAck('auth.renew', { token: supervisorToken });
      expect(answer).toEqual({ ok: true, expiresAt: expect.any(String) });
      expect(await lapsing.next('error', undefined, 6_000)).toMatchObject({ code: 'TokenExpired' });
      await lapsing.disconnected();
      await delay(300);
      expect(renewed.socket.connected).toBe(true);
      agentStatus('agent9000@default', 'On Break');
      await renewed.next('delta', (d) => d.event.type === 'agent.status' && d.event.agent.name === 'agent9000@default');
    });

    it('refuses a renewal with another user’s token and keeps the socket', async () => {
      const client = supervisor();
      await client.next('snapshot');
      const other = await userWithToken(f, 'other-sup@example.com', 'SUPERVISOR');
      expect(await client.socket.emitWithAck('auth.renew', { token: other.token })).toMatchObject({
        ok: false,
        error: { code: 'Forbidden' },
      });
      expect(await client.socket.emitWithAck('auth.renew', { token: 42 })).toMatchObject({
        ok: false,
        error: { code: 'ValidationError' },
      });
      expect(client.socket.connected).toBe(true);
    });
  });

  describe('/supervisor', () => {
    it('sends a snapshot, then floor deltas numbered one by one', async () => {
      const client = supervisor();
      const snapshot = await client.next('snapshot');
      expect(snapshot.nodes).toContainEqual({ node: 'fs-realtime', connected: true });
      for (const status of ['Available', 'On Break', 'Available', 'Logged Out'])
        agentStatus('agent3000@default', status);
      await client.next('delta', (d) => d.event.type === 'agent.status' && d.event.agent.status === 'Logged Out');
      const seqs = client.all('delta').map((d) => d.seq);
      expect(seqs).toEqual(seqs.map((_, i) => snapshot.seq + 1 + i));
      expect(seqs.length).toBeGreaterThanOrEqual(4);
    });

    it('answers snapshot.request after a gap with a snapshot whose seq the next delta continues', async () => {
      const client = supervisor();
      await client.next('snapshot');
      agentStatus('agent3001@default', 'Available');
      const seen = await client.next(
        'delta',
        (d) => d.event.type === 'agent.status' && d.event.agent.name === 'agent3001@default',
      );
      const answer = (await client.socket.emitWithAck('snapshot.request')) as { ok: true; seq: number };
      const fresh = client.all('snapshot').at(-1);
      expect(fresh?.seq).toBe(answer.seq);
      expect(answer.seq).toBeGreaterThanOrEqual(seen.seq);
      expect(fresh?.agents).toContainEqual(expect.objectContaining({ name: 'agent3001@default', status: 'Available' }));
      agentStatus('agent3001@default', 'On Break');
      const next = await client.next(
        'delta',
        (d) =>
          d.event.type === 'agent.status' &&
          d.event.agent.status === 'On Break' &&
          d.event.agent.name === 'agent3001@default',
      );
      expect(next.seq).toBe(answer.seq + 1);
    });

    it('sends a queue’s member events and tiles only to sockets subscribed to it', async () => {
      const subscribed = supervisor();
      const other = supervisor();
      await subscribed.next('snapshot');
      await other.next('snapshot');
      const answer = await subscribed.socket.emitWithAck('queue.subscribe', { queues: ['support@default'] });
      expect(answer).toMatchObject({ ok: true, queues: [{ queue: 'support@default', seq: 0, members: [] }] });
      joinQueue('support@default', 'm-support-1');
      joinQueue('sales@default', 'm-sales-1');
      const delta = await subscribed.next('queue.delta');
      expect(delta).toMatchObject({
        queue: 'support@default',
        seq: 1,
        event: { type: 'queue.joined', member: { memberUuid: 'm-support-1' } },
      });
      expect(await subscribed.next('queue.stats', (s) => s.queue === 'support@default')).toMatchObject({ waiting: 1 });
      agentStatus('agent3002@default', 'Available');
      await other.next('delta', (d) => d.event.type === 'agent.status' && d.event.agent.name === 'agent3002@default');
      await delay(400);
      expect(other.all('queue.delta')).toEqual([]);
      expect(other.all('queue.stats')).toEqual([]);
      expect(subscribed.all('queue.delta').map((d) => d.queue)).toEqual(['support@default']);

      await subscribed.socket.emitWithAck('queue.unsubscribe', { queues: ['support@default'] });
      joinQueue('support@default', 'm-support-2');
      agentStatus('agent3002@default', 'On Break');
      await subscribed.next(
        'delta',
        (d) =>
          d.event.type === 'agent.status' &&
          d.event.agent.status === 'On Break' &&
          d.event.agent.name === 'agent3002@default',
      );
      await delay(400);
      expect(subscribed.all('queue.delta')).toHaveLength(1);
    });

    it('delivers the same numbered deltas in batches to a socket that asks for them', async () => {
      const batched = track(RealtimeTestClient.supervisor(f.baseUrl, supervisorToken, { batch: true }));
      const start = (await batched.next('snapshot')).seq;
      await batched.socket.emitWithAck('queue.subscribe', { queues: ['batch@default'] });
      for (let i = 0; i < 50; i++) agentStatus('agent4000@default', i % 2 ? 'Available' : 'On Break');
      for (let i = 0; i < 20; i++) joinQueue('batch@default', `batch-${i}`);
      await batched.next('queue.stats', (s) => s.queue === 'batch@default' && s.waiting === 20);
      await eventually(() => batched.all('batch').flatMap((b) => b.deltas).length >= 50, 5_000, '50 batched deltas');
      const floor = batched.all('batch').flatMap((b) => b.deltas);
      expect(floor.map((d) => d.seq)).toEqual(floor.map((_, i) => start + 1 + i));
      expect(batched.all('batch').length).toBeLessThan(10);
      const queue = batched.all('batch').flatMap((b) => b.queueDeltas);
      expect(queue.map((d) => [d.queue, d.seq])).toEqual(
        Array.from({ length: 20 }, (_, i) => ['batch@default', i + 1]),
      );
      expect(batched.all('delta')).toEqual([]);
      expect(batched.all('queue.delta')).toEqual([]);
    });

    it('shows today’s figures of a queue from the call records, as the reports compute them', async () => {
      const client = supervisor();
      await client.next('snapshot');
      await client.socket.emitWithAck('queue.subscribe', { queues: ['today@default'] });
      const session = 'c0ffee00-0000-4000-8000-000000000001';
      const member = {
        'CC-Queue': 'today@default',
        'CC-Member-UUID': 'today-member',
        'CC-Member-Session-UUID': session,
      };
      f.simulator.emit(
        channelEvent('CHANNEL_CREATE', session, {
          'Caller-Caller-ID-Number': '5550100',
          'Caller-Destination-Number': '9300',
        }),
      );
      f.simulator.emit(callcenterEvent('member-queue-start', member));
      f.simulator.emit(
        callcenterEvent('member-queue-end', { ...member, 'CC-Cause': 'Cancel', 'CC-Cancel-Reason': 'BREAK_OUT' }),
      );
      f.simulator.emit(channelEvent('CHANNEL_HANGUP_COMPLETE', session, { 'Hangup-Cause': 'NORMAL_CLEARING' }));
      const tile = await client.next(
        'queue.stats',
        (s) => s.queue === 'today@default' && (s.today?.offered ?? 0) > 0,
        20_000,
      );
      expect(tile.today).toEqual({
        offered: 1,
        answered: 0,
        abandoned: 1,
        serviceLevel: null,
        asaSeconds: null,
        ahtSeconds: null,
      });
      expect(tile.waiting).toBe(0);
    });

    it('refuses a malformed subscription with a ValidationError', async () => {
      const client = supervisor();
      await client.next('snapshot');
      expect(await client.socket.emitWithAck('queue.subscribe', { queues: [] })).toMatchObject({
        ok: false,
        error: { code: 'ValidationError' },
      });
    });

    it('coalesces a storm of 500 queue events into a few tiles whose last one is right', async () => {
      const client = supervisor();
      await client.next('snapshot');
      await client.socket.emitWithAck('queue.subscribe', { queues: ['storm@default'] });
      const started = Date.now();
      for (let i = 0; i < 500; i++) joinQueue('storm@default', `storm-${i}`);
      await client.next('queue.stats', (s) => s.queue === 'storm@default' && s.waiting === 500, 10_000);
      await delay(600);
      const elapsed = Date.now() - started;
      const tiles = client.all('queue.stats').filter((s) => s.queue === 'storm@default');
      expect(client.all('queue.delta')).toHaveLength(500);
      // 250 ms interval: at most one tile per interval, plus the one in flight.
      expect(tiles.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
      expect(tiles.length).toBeLessThan(20);
      expect(tiles.at(-1)).toMatchObject({ waiting: 500, longestWaitSince: expect.any(String) });
    });
    it('gives a queue provisioned at run time a tile on the floor before any caller, and takes a removed one away', async () => {
      const client = supervisor();
      await client.next('snapshot');
      const admin = { authorization: `Bearer ${f.adminToken}` };
      const created = await f.t
        .http()
        .post('/api/queues')
        .set(admin)
        .send({ name: 'runtime', displayName: 'Runtime' })
        .expect(201);
      const added = await client.next('queues.changed', (c) => c.added.some((q) => q.startsWith('runtime@')), 10_000);
      const name = added.added.find((q) => q.startsWith('runtime@')) ?? '';
      expect(added.removed).toEqual([]);
      const answer = await client.socket.emitWithAck('queue.subscribe', { queues: [name] });
      expect(answer).toMatchObject({
        ok: true,
        queues: [{ queue: name, members: [], stats: { queue: name, waiting: 0 } }],
      });
      const late = supervisor();
      expect((await late.next('snapshot')).queueStats.map((stats) => stats.queue)).toContain(name);

      await f.t
        .http()
        .delete(`/api/queues/${(created.body as { id: string }).id}`)
        .set(admin)
        .expect(200);
      expect(await client.next('queues.changed', (c) => c.removed.includes(name), 10_000)).toEqual({
        added: [],
        removed: [name],
      });
      const after = supervisor();
      expect((await after.next('snapshot')).queueStats.map((stats) => stats.queue)).not.toContain(name);
    });
  });

  describe('/agent', () => {
    it('sends the agent only its own agent state and its own calls', async () => {
      const client = agent();
      const snapshot = await client.next('snapshot');
      expect(snapshot).toMatchObject({ agentName, seq: expect.any(Number), channels: [] });
      const start = (snapshot as { seq: number }).seq;
      agentStatus('agent2999@default', 'Available');
      agentStatus(agentName, 'Available');
      f.simulator.emit(channelEvent('CHANNEL_CREATE', 'leg-other', { 'Caller-Destination-Number': '2999' }));
      f.simulator.emit(channelEvent('CHANNEL_CREATE', 'leg-mine', { 'Caller-Destination-Number': '2001' }));
      f.simulator.emit(channelEvent('CHANNEL_HANGUP_COMPLETE', 'leg-mine', { 'Hangup-Cause': 'NORMAL_CLEARING' }));
      await client.next('delta', (d) => d.event.type === 'call.ended');
      const deltas = client.all('delta');
      expect(deltas.map((d) => d.event.type)).toEqual(['agent.status', 'call.started', 'call.ended']);
      expect(deltas.map((d) => d.seq)).toEqual([start + 1, start + 2, start + 3]);
      expect(JSON.stringify(deltas)).not.toContain('agent2999');
      expect(JSON.stringify(deltas)).not.toContain('leg-other');
    });

    it('refuses a user who is not provisioned as an agent', async () => {
      const client = agent(supervisorToken);
      expect(await client.next('error')).toMatchObject({ code: 'NotAnAgent' });
      await client.disconnected();
    });

    it('passes the softphone’s health report on to supervisors, and checks it', async () => {
      const watcher = supervisor();
      await watcher.next('snapshot');
      const client = agent();
      await client.next('snapshot');
      const report = { registration: 'registered', mos: 4.2, rttMs: 35, jitterMs: 4, packetLossPct: 0.5 };
      expect(await client.socket.emitWithAck('phone.health', report)).toEqual({ ok: true });
      expect(await watcher.next('agent.phoneHealth')).toMatchObject({ ...report, agent: agentName });
      expect(await client.socket.emitWithAck('phone.health', { registration: 'fine', mos: 9 })).toMatchObject({
        ok: false,
        error: { code: 'ValidationError', message: expect.stringContaining('mos') },
      });
      client.close();
      expect(await watcher.next('agent.phoneHealth', (h) => h.registration === 'unregistered')).toMatchObject({
        agent: agentName,
        mos: null,
      });
    });
  });
});
