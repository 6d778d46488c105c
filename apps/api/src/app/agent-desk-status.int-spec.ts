import { randomUUID } from 'node:crypto';
import type {
  AgentCallDto,
  AgentStatusChangeResult,
  AgentStatusDto,
  ApiErrorBody,
  Page,
  WrapUpResultDto,
} from '@switchboard/shared/contracts';
import { EslService } from '@switchboard/api/data-access-esl';
import { CAPTURES, EslSimulator, eventually, eventuallyAsync } from '@switchboard/api/data-access-esl/testing';
import { IngestionService, SWITCH_STATUS_SETTLE_MS } from '@switchboard/api/feature-calls';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

jest.setTimeout(60_000);

const DOMAIN = 'sb.test';
const ANN_AGENT = `1001@${DOMAIN}`;
/** The caller's A-leg UUID in the real mod_callcenter capture (agent `agent1000@default`). */
const CAPTURED_CALL = 'b1027c8e-6525-4cc7-b6d3-86441ad2657b';
const statusCommand = (status: string) => `api callcenter_config agent set status ${ANN_AGENT} ${status}`;

/** The API connected over real TCP to a simulated FreeSWITCH, which records every command it receives. */
describe('agent desk: status, queued changes, wrap-up and call history (ESL simulator, real PostgreSQL)', () => {
  let simulator: EslSimulator;
  let t: TestApp;
  let token = '';
  let annAgentId = '';
  let bobAgentId = '';
  let admin = { authorization: '' };
  const me = () => ({ authorization: `Bearer ${token}` });
  const getStatus = async (): Promise<AgentStatusDto> =>
    (await t.http().get('/api/me/status').set(me()).expect(200)).body as AgentStatusDto;
  const putStatus = async (body: object, expected = 200) =>
    (await t.http().put('/api/me/status').set(me()).send(body).expect(expected)).body as AgentStatusChangeResult &
      ApiErrorBody;
  const wrapUp = async (uuid: string, body: object, expected = 200) =>
    (await t.http().put(`/api/me/calls/${uuid}/wrap-up`).set(me()).send(body).expect(expected))
      .body as WrapUpResultDto & ApiErrorBody;
  /** A call record as ingestion writes it from FreeSWITCH's events. */
  const call = async (
    agentId: string,
    times: { startedAt: Date; endedAt?: Date },
    extra: object = {},
  ): Promise<string> => {
    const uuid = randomUUID();
    await t.prisma.call.create({
      data: {
        node: 'fs-test',
        uuid,
        channelUuids: [uuid],
        direction: 'INBOUND',
        fromNumber: '+4930123456',
        queueName: `support@${DOMAIN}`,
        agentId,
        ...times,
        ...extra,
      },
    });
    return uuid;
  };
  const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);
  const statusCommandsSent = () =>
    simulator.commandLines.filter((line) => line.startsWith(`api callcenter_config agent set status ${ANN_AGENT}`));

  beforeAll(async () => {
    simulator = new EslSimulator({ password: 'sim-secret', heartbeatIntervalMs: 0, seed: 11 });
    const port = await simulator.start();
    t = await startTestApp(
      { SIP_DOMAIN: DOMAIN },
      { eslNodes: [{ id: 'fs-test', host: '127.0.0.1', port, password: 'sim-secret' }] },
    );
    await eventually(() => t.app.get(EslService).isConnected('fs-test'), 10_000, 'the ESL connection');
    admin = { authorization: `Bearer ${(await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token}` };
    const create = async (path: string, body: object): Promise<string> =>
      ((await t.http().post(path).set(admin).send(body).expect(201)).body as { id: string }).id;
    const annId = await createUser(t, admin.authorization.slice(7), {
      email: 'ann@example.com',
      role: 'AGENT',
      password: 'Ann-pass-12345',
    });
    const bobId = await createUser(t, admin.authorization.slice(7), {
      email: 'bob@example.com',
      role: 'AGENT',
      password: 'Bob-pass-12345',
    });
    // Created while connected, so the simulated mod_callcenter knows the agents (`callcenter_config agent add`).
    annAgentId = await create('/api/agents', {
      userId: annId,
      extensionId: await create('/api/extensions', { number: '1001', displayName: 'Ann' }),
    });
    bobAgentId = await create('/api/agents', {
      userId: bobId,
      extensionId: await create('/api/extensions', { number: '1002', displayName: 'Bob' }),
    });
    token = (await signIn(t, 'ann@example.com', 'Ann-pass-12345')).token;
  });
  afterAll(async () => {
    await t.close();
    await simulator.stop();
  });

  describe('status', () => {
    it('starts logged out and idle', async () => {
      expect(await getStatus()).toMatchObject({
        agentId: annAgentId,
        agentName: ANN_AGENT,
        extensionNumber: '1001',
        status: 'LOGGED_OUT',
        reasonCode: null,
        setBy: null,
        activity: 'IDLE',
        wrapUp: null,
        next: null,
      });
    });

    it('goes available: stored, recorded as the agent’s own change, and sent to mod_callcenter', async () => {
      const result = await putStatus({ status: 'AVAILABLE' });
      expect(result).toMatchObject({ status: 'AVAILABLE', setBy: 'agent', pbxSync: { status: 'applied' } });
      expect(simulator.commandLines).toContain(statusCommand('Available'));
      const change = await t.prisma.agentStatusChange.findFirstOrThrow({
        where: { agentId: annAgentId },
        orderBy: { at: 'desc' },
      });
      expect(change).toMatchObject({ status: 'AVAILABLE', source: 'AGENT', reasonCode: null });
      expect(new Date(result.since).getTime()).toBe(change.at.getTime());
    });

    it('needs a break reason, and keeps it', async () => {
      const refused = await putStatus({ status: 'ON_BREAK' }, 400);
      expect(refused.details).toEqual([{ path: 'reasonCode', message: 'reasonCode is required when going on break' }]);
      await putStatus({ status: 'ON_BREAK', reasonCode: 'COFFEE' }, 400);
      const onBreak = await putStatus({ status: 'ON_BREAK', reasonCode: 'LUNCH' });
      expect(onBreak).toMatchObject({ status: 'ON_BREAK', reasonCode: 'LUNCH', pbxSync: { status: 'applied' } });
      expect(simulator.commandLines).toContain(statusCommand("'On Break'"));
      expect(await getStatus()).toMatchObject({ status: 'ON_BREAK', reasonCode: 'LUNCH' });
      await putStatus({ status: 'AVAILABLE' });
    });

    it('reports a refusal by FreeSWITCH as failed, with its answer, and keeps the stored change', async () => {
      const agent = simulator.state.agents.get(ANN_AGENT);
      simulator.state.agents.delete(ANN_AGENT);
      try {
        const result = await putStatus({ status: 'ON_BREAK', reasonCode: 'PERSONAL' });
        expect(result.pbxSync).toEqual({
          status: 'failed',
          message: `FreeSWITCH answered "-ERR Invalid Agent!" to: callcenter_config agent set status ${ANN_AGENT} 'On Break'`,
        });
        expect(result.status).toBe('ON_BREAK');
      } finally {
        if (agent) simulator.state.agents.set(ANN_AGENT, agent);
      }
      // Sending the same status again re-aligns mod_callcenter without recording a second change.
      const changes = await t.prisma.agentStatusChange.count({ where: { agentId: annAgentId } });
      expect(await putStatus({ status: 'ON_BREAK', reasonCode: 'PERSONAL' })).toMatchObject({
        pbxSync: { status: 'applied' },
      });
      expect(await t.prisma.agentStatusChange.count({ where: { agentId: annAgentId } })).toBe(changes);
      await putStatus({ status: 'AVAILABLE' });
    });

    it('a change made while FreeSWITCH is away reaches mod_callcenter when the node connects', async () => {
      const esl = t.app.get(EslService);
      await simulator.stop();
      await eventually(() => !esl.isConnected('fs-test'), 5_000, 'the node to go away');
      const result = await putStatus({ status: 'ON_BREAK', reasonCode: 'LUNCH' });
      expect(result).toMatchObject({ status: 'ON_BREAK', pbxSync: { status: 'pending' } });
      expect(simulator.state.agents.get(ANN_AGENT)?.['status']).toBe('Available');
      // FreeSWITCH comes back on the same port (mod_callcenter keeps its agents, as its database does).
      await simulator.start();
      esl.reconnectNow('fs-test');
      await eventually(() => simulator.state.agents.get(ANN_AGENT)?.['status'] === 'On Break', 10_000, 'the status');
      expect(simulator.commandLines).toContain(statusCommand("'On Break'"));
      await putStatus({ status: 'AVAILABLE' });
    });
  });

  describe('queued status and wrap-up', () => {
    it('queues a break during a call, holds it through wrap-up, and applies it when the disposition is submitted', async () => {
      const uuid = await call(annAgentId, { startedAt: secondsAgo(30) });
      const queued = await putStatus({ status: 'ON_BREAK', reasonCode: 'TRAINING', when: 'after-call' });
      expect(queued).toMatchObject({
        status: 'AVAILABLE',
        activity: 'ON_CALL',
        pbxSync: null,
        next: { status: 'ON_BREAK', reasonCode: 'TRAINING' },
      });
      const sentBefore = statusCommandsSent().length;

      const endedAt = secondsAgo(2);
      await t.prisma.call.update({ where: { uuid }, data: { endedAt } });
      const wrapping = await getStatus();
      expect(wrapping).toMatchObject({ status: 'AVAILABLE', activity: 'WRAP_UP', next: { status: 'ON_BREAK' } });
      // The agent's wrapUpTime (10 s by default) from the end of the call.
      expect(wrapping.wrapUp).toEqual({
        callUuid: uuid,
        endedAt: endedAt.toISOString(),
        deadline: new Date(endedAt.getTime() + 10_000).toISOString(),
      });
      expect(statusCommandsSent()).toHaveLength(sentBefore);

      const result = await wrapUp(uuid, { disposition: 'RESOLVED', notes: '  Customer moved; address updated.  ' });
      expect(result.call).toMatchObject({ uuid, disposition: 'RESOLVED', notes: 'Customer moved; address updated.' });
      expect(result.call.wrapUpSeconds).toBeGreaterThanOrEqual(2);
      expect(result.call.wrapUpSeconds).toBeLessThan(10);
      expect(result.status).toMatchObject({ status: 'ON_BREAK', reasonCode: 'TRAINING', activity: 'IDLE', next: null });
      expect(result.pbxSync).toMatchObject({ status: 'applied' });
      expect(statusCommandsSent().at(-1)).toBe(statusCommand("'On Break'"));
      const stored = await t.prisma.call.findUniqueOrThrow({ where: { uuid } });
      expect(stored.wrappedUpAt).toBeInstanceOf(Date);
      const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'call.wrap-up', targetId: uuid } });
      expect(audit.details).toMatchObject({ disposition: 'RESOLVED', notesLength: 32 });
      await putStatus({ status: 'AVAILABLE' });
    });

    it('applies a queued status by itself when the wrap-up time runs out', async () => {
      await t.prisma.agent.update({ where: { id: annAgentId }, data: { wrapUpTime: 2 } });
      const uuid = await call(annAgentId, { startedAt: secondsAgo(60), endedAt: secondsAgo(1) });
      const queued = await putStatus({ status: 'LOGGED_OUT', when: 'after-call' });
      expect(queued).toMatchObject({ status: 'AVAILABLE', activity: 'WRAP_UP', next: { status: 'LOGGED_OUT' } });
      await eventually(
        () => statusCommandsSent().at(-1) === statusCommand("'Logged Out'"),
        6_000,
        'the queued status to be applied',
      );
      expect(await getStatus()).toMatchObject({ status: 'LOGGED_OUT', activity: 'IDLE', next: null });
      // Back to the default wrap-up time, with the call long over so it does not count as being wrapped up again.
      await t.prisma.call.update({ where: { uuid }, data: { endedAt: secondsAgo(60) } });
      await t.prisma.agent.update({ where: { id: annAgentId }, data: { wrapUpTime: 10 } });
    });

    it('applies "after-call" at once when the agent is idle, and "now" at once even during a call (cancelling a queued one)', async () => {
      expect(await putStatus({ status: 'AVAILABLE', when: 'after-call' })).toMatchObject({
        status: 'AVAILABLE',
        next: null,
        pbxSync: { status: 'applied' },
      });
      const uuid = await call(annAgentId, { startedAt: secondsAgo(5) });
      await putStatus({ status: 'LOGGED_OUT', when: 'after-call' });
      const now = await putStatus({ status: 'ON_BREAK', reasonCode: 'MEETING' });
      expect(now).toMatchObject({
        status: 'ON_BREAK',
        activity: 'ON_CALL',
        next: null,
        pbxSync: { status: 'applied' },
      });
      await t.prisma.call.update({ where: { uuid }, data: { endedAt: new Date() } });
      await wrapUp(uuid, { disposition: 'FOLLOW_UP' });
      expect(await getStatus()).toMatchObject({ status: 'ON_BREAK', reasonCode: 'MEETING' });
    });
  });

  describe('wrap-up rules', () => {
    it('refuses calls the agent did not handle, calls in progress, and a second submission', async () => {
      const bobs = await call(bobAgentId, { startedAt: secondsAgo(60), endedAt: secondsAgo(30) });
      expect((await wrapUp(bobs, { disposition: 'RESOLVED' }, 404)).message).toMatch(/only calls you handled/);
      await wrapUp('not-a-uuid', { disposition: 'RESOLVED' }, 400);
      const live = await call(annAgentId, { startedAt: secondsAgo(5) });
      expect((await wrapUp(live, { disposition: 'RESOLVED' }, 409)).message).toMatch(/still in progress/);
      await t.prisma.call.update({ where: { uuid: live }, data: { endedAt: new Date() } });
      await wrapUp(live, { disposition: 'SALE' });
      expect((await wrapUp(live, { disposition: 'NO_SALE' }, 409)).message).toMatch(/already wrapped up/);
      expect((await t.prisma.call.findUniqueOrThrow({ where: { uuid: live } })).disposition).toBe('SALE');
    });

    it('validates the disposition and the length of the notes', async () => {
      const uuid = await call(annAgentId, { startedAt: secondsAgo(60), endedAt: secondsAgo(30) });
      expect((await wrapUp(uuid, { disposition: 'MAYBE' }, 400)).details?.[0]?.path).toBe('disposition');
      const tooLong = await wrapUp(uuid, { disposition: 'OTHER', notes: 'x'.repeat(2001) }, 400);
      expect(tooLong.details).toEqual([{ path: 'notes', message: 'notes must be at most 2000 characters' }]);
      expect((await t.prisma.call.findUniqueOrThrow({ where: { uuid } })).wrappedUpAt).toBeNull();
    });
  });

  describe('a call FreeSWITCH reported', () => {
    it('shows up in the agent’s history and can be wrapped up (real callcenter capture through ingestion)', async () => {
      const userId = await createUser(t, admin.authorization.slice(7), {
        email: 'cara@example.com',
        role: 'AGENT',
        password: 'Cara-pass-12345',
      });
      await t.http().post('/api/agents').set(admin).send({ userId, name: 'agent1000@default' }).expect(201);
      const cara = { authorization: `Bearer ${(await signIn(t, 'cara@example.com', 'Cara-pass-12345')).token}` };
      await simulator.replay(CAPTURES.callcenter);
      const ingestion = t.app.get(IngestionService);
      await eventually(
        () => ingestion.assembler.record(CAPTURED_CALL)?.endedAt !== undefined,
        5_000,
        'the capture to be ingested',
      );
      await ingestion.drain();
      const history = (await t.http().get('/api/me/calls').set(cara).expect(200)).body as Page<AgentCallDto>;
      expect(history.items).toEqual([
        expect.objectContaining({
          uuid: CAPTURED_CALL,
          queue: 'support@default',
          outcome: 'ANSWERED',
          talkSeconds: 15,
          disposition: null,
        }),
      ]);
      const result = (
        await t
          .http()
          .put(`/api/me/calls/${CAPTURED_CALL}/wrap-up`)
          .set(cara)
          .send({ disposition: 'ESCALATED' })
          .expect(200)
      ).body as WrapUpResultDto;
      // The capture is from the past, so the whole time since the call ended counts as after-call work.
      expect(result.call.wrapUpSeconds).toBeGreaterThan(60);
      expect(result.call.disposition).toBe('ESCALATED');
      // Ann cannot see or wrap up Cara's call.
      await wrapUp(CAPTURED_CALL, { disposition: 'OTHER' }, 404);
    });
  });

  describe('GET /api/me/calls', () => {
    it('lists only the agent’s own calls, newest first, a page at a time', async () => {
      const first = (await t.http().get('/api/me/calls?pageSize=2').set(me()).expect(200)).body as Page<AgentCallDto>;
      const own = await t.prisma.call.findMany({ where: { agentId: annAgentId }, orderBy: { startedAt: 'desc' } });
      expect(first.total).toBe(own.length);
      expect(first.items.map((c) => c.uuid)).toEqual(own.slice(0, 2).map((c) => c.uuid));
      const second = (await t.http().get('/api/me/calls?pageSize=2&page=2').set(me()).expect(200))
        .body as Page<AgentCallDto>;
      expect(second.items.map((c) => c.uuid)).toEqual(own.slice(2, 4).map((c) => c.uuid));
      const bobs = await t.prisma.call.findMany({ where: { agentId: bobAgentId }, select: { uuid: true } });
      const all = (await t.http().get('/api/me/calls?pageSize=100').set(me()).expect(200)).body as Page<AgentCallDto>;
      expect(all.items.map((c) => c.uuid)).not.toEqual(expect.arrayContaining(bobs.map((c) => c.uuid)));
      await t.http().get('/api/me/calls?pageSize=500').set(me()).expect(400);
    });

    it('names the queue as the admin named it, and keeps mod_callcenter’s name beside it', async () => {
      const queue = await t.prisma.queue.create({ data: { name: 'history-names', displayName: 'Billing questions' } });
      const linked = await call(annAgentId, { startedAt: secondsAgo(5) }, { queueId: queue.id });
      const unlinked = await call(annAgentId, { startedAt: secondsAgo(4) });
      const page = (await t.http().get('/api/me/calls?pageSize=100').set(me()).expect(200)).body as Page<AgentCallDto>;
      const byUuid = new Map(page.items.map((c) => [c.uuid, c]));
      expect(byUuid.get(linked)).toMatchObject({ queue: `support@${DOMAIN}`, queueDisplayName: 'Billing questions' });
      expect(byUuid.get(unlinked)).toMatchObject({ queue: `support@${DOMAIN}`, queueDisplayName: null });
      await t.prisma.call.deleteMany({ where: { uuid: { in: [linked, unlinked] } } });
      await t.prisma.queue.delete({ where: { id: queue.id } });
    });
  });

  describe('changes made on the switch', () => {
    it('records a change made on the switch itself, once, and none of the changes Switchboard made', async () => {
      const bob = `1002@${DOMAIN}`;
      const switchChanges = (agentId: string) =>
        t.prisma.agentStatusChange.findMany({ where: { agentId, source: 'FREESWITCH' }, orderBy: { at: 'asc' } });
      // Every change above went to mod_callcenter, which announced each (agent-status-change): echoes, not changes.
      await new Promise((resolve) => setTimeout(resolve, SWITCH_STATUS_SETTLE_MS + 500));
      expect(await switchChanges(annAgentId)).toEqual([]);

      // An operator sets Bob Available in fs_cli (mod_callcenter announces it as it does its own max-no-answer break).
      const seen = Date.now();
      const announce = (status: string) =>
        simulator.emit({
          name: 'CUSTOM',
          subclass: 'callcenter::info',
          headers: [
            ['CC-Agent', bob],
            ['CC-Action', 'agent-status-change'],
            ['CC-Agent-Status', status],
          ],
        });
      announce('Available');
      announce('Available');
      await eventuallyAsync(
        async () => (await switchChanges(bobAgentId)).length > 0,
        10_000,
        'the switch change recorded',
      );
      await new Promise((resolve) => setTimeout(resolve, SWITCH_STATUS_SETTLE_MS + 500));
      const recorded = await switchChanges(bobAgentId);
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({ status: 'AVAILABLE', reasonCode: null, changedById: null });
      expect(Math.abs((recorded[0]?.at.getTime() ?? 0) - seen)).toBeLessThan(1_000);
      const stored = await t.prisma.agent.findUniqueOrThrow({ where: { id: bobAgentId } });
      expect(stored).toMatchObject({ status: 'AVAILABLE', statusChangedAt: recorded[0]?.at });

      // A status mod_callcenter never sends, and an agent Switchboard does not know, are left alone.
      announce('Napping');
      simulator.emit({
        name: 'CUSTOM',
        subclass: 'callcenter::info',
        headers: [
          ['CC-Agent', `9999@${DOMAIN}`],
          ['CC-Action', 'agent-status-change'],
          ['CC-Agent-Status', 'On Break'],
        ],
      });
      await new Promise((resolve) => setTimeout(resolve, SWITCH_STATUS_SETTLE_MS + 500));
      expect(await switchChanges(bobAgentId)).toHaveLength(1);
    });

    it('takes an announcement older than the agent’s own change for old news, not for a change on the switch', async () => {
      const switchChanges = () =>
        t.prisma.agentStatusChange.count({ where: { agentId: annAgentId, source: 'FREESWITCH' } });
      const before = await switchChanges();
      // A node re-importing callcenter.conf (`queue load` while its configuration is re-applied) announces every
      // agent as the configuration had it a moment ago; Ann goes on break right after.
      simulator.emit({
        name: 'CUSTOM',
        subclass: 'callcenter::info',
        headers: [
          ['CC-Agent', ANN_AGENT],
          ['CC-Action', 'agent-status-change'],
          ['CC-Agent-Status', 'Available (On Demand)'],
        ],
      });
      await putStatus({ status: 'ON_BREAK', reasonCode: 'LUNCH' });
      await new Promise((resolve) => setTimeout(resolve, SWITCH_STATUS_SETTLE_MS + 500));
      expect(await switchChanges()).toBe(before);
      expect(await getStatus()).toMatchObject({ status: 'ON_BREAK', setBy: 'agent' });
      await putStatus({ status: 'AVAILABLE' });
    });
  });

  describe('signing out', () => {
    it('logs the agent out of mod_callcenter when the session holding the phone signs out, and only then', async () => {
      const userId = await createUser(t, admin.authorization.slice(7), {
        email: 'dan@example.com',
        role: 'AGENT',
        password: 'Dan-pass-12345',
      });
      const extensionId = (
        (await t.http().post('/api/extensions').set(admin).send({ number: '1009', displayName: 'Dan' }).expect(201))
          .body as { id: string }
      ).id;
      await t.http().post('/api/agents').set(admin).send({ userId, extensionId }).expect(201);
      const sent = (status: string) =>
        simulator.commandLines.filter(
          (line) => line === `api callcenter_config agent set status 1009@${DOMAIN} ${status}`,
        ).length;
      const signInDan = async () => ({
        authorization: `Bearer ${(await signIn(t, 'dan@example.com', 'Dan-pass-12345')).token}`,
      });

      // A second session without the phone (a report tab, say) signs out: the agent stays available.
      const console = await signInDan();
      await t.http().get('/api/me/sip').set(console).expect(200);
      await t.http().put('/api/me/status').set(console).send({ status: 'AVAILABLE' }).expect(200);
      const other = await signInDan();
      await t.http().post('/api/auth/logout').set(other).expect(204);
      expect(((await t.http().get('/api/me/status').set(console).expect(200)).body as AgentStatusDto).status).toBe(
        'AVAILABLE',
      );
      expect(sent("'Logged Out'")).toBe(0);

      // The console's session signs out: the agent is logged out, in the database and in mod_callcenter.
      await t.http().post('/api/auth/logout').set(console).expect(204);
      await eventually(() => sent("'Logged Out'") === 1, 5_000, 'callcenter_config agent set status ... Logged Out');
      const agent = await t.prisma.agent.findUniqueOrThrow({ where: { userId } });
      expect(agent.status).toBe('LOGGED_OUT');
      const change = await t.prisma.agentStatusChange.findFirstOrThrow({
        where: { agentId: agent.id },
        orderBy: { at: 'desc' },
      });
      expect(change).toMatchObject({ status: 'LOGGED_OUT', source: 'SYSTEM' });
    });
  });
});
