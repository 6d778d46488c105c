import type {
  ApiErrorBody,
  ForcedAgentStatusResult,
  HangupCallResult,
  MonitorCallResult,
} from '@switchboard/shared/contracts';
import { EslService } from '@switchboard/api/data-access-esl';
import { EslSimulator, Prng, buildCall, eventually } from '@switchboard/api/data-access-esl/testing';
import { LiveStateService, SWITCH_STATUS_SETTLE_MS } from '@switchboard/api/feature-calls';
import { emitLiveQueueCall } from '../testing/live-call';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

jest.setTimeout(60_000);

const DOMAIN = 'sb.test';
const ANN = `1001@${DOMAIN}`;
const MISSING_CALL = '00000000-0000-4000-8000-000000000000';

/** Supervisor actions against a simulated FreeSWITCH (real ESL over TCP) that records every command it receives. */
describe('supervisor actions (ESL simulator, real PostgreSQL)', () => {
  let simulator: EslSimulator;
  let t: TestApp;
  let sue = { authorization: '' };
  let sueId = '';
  let agentToken = { authorization: '' };
  let annAgentId = '';
  let seed = 20;

  /** A queue call answered by Ann and still going: every event of the scenario up to the first hang-up. */
  const liveCall = async (): Promise<{ callerUuid: string; agentUuid: string }> => {
    const { callerUuid, agentUuid } = emitLiveQueueCall(simulator, { seed: seed++, domain: DOMAIN, agent: ANN });
    const live = t.app.get(LiveStateService);
    await eventually(
      () => live.snapshot().channels.some((c) => c.uuid === callerUuid && c.bridgedTo === agentUuid && c.agent === ANN),
      5_000,
      'the bridged queue call in live state',
    );
    return { callerUuid, agentUuid };
  };
  const post = async <T>(path: string, body: object, status: number, auth = sue) =>
    (await t.http().post(path).set(auth).send(body).expect(status)).body as T & ApiErrorBody;
  const auditOf = (action: string) => t.prisma.auditLog.findMany({ where: { action }, orderBy: { at: 'asc' } });
  const newCommand = async (prefix: string, since: number) => {
    await eventually(() => simulator.commandLines.slice(since).some((l) => l.startsWith(prefix)), 5_000, prefix);
    return simulator.commandLines.slice(since).filter((l) => l.startsWith(prefix));
  };

  beforeAll(async () => {
    simulator = new EslSimulator({ password: 'sim-secret', heartbeatIntervalMs: 0, seed: 7 });
    const port = await simulator.start();
    t = await startTestApp(
      { SIP_DOMAIN: DOMAIN },
      { eslNodes: [{ id: 'fs-test', host: '127.0.0.1', port, password: 'sim-secret' }] },
    );
    await eventually(() => t.app.get(EslService).isConnected('fs-test'), 10_000, 'the ESL connection');
    const adminToken = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    const admin = { authorization: `Bearer ${adminToken}` };
    const create = async (path: string, body: object): Promise<string> =>
      ((await t.http().post(path).set(admin).send(body).expect(201)).body as { id: string }).id;
    sueId = await createUser(t, adminToken, {
      email: 'sue@example.com',
      role: 'SUPERVISOR',
      password: 'Sue-pass-12345',
    });
    const annId = await createUser(t, adminToken, {
      email: 'ann@example.com',
      role: 'AGENT',
      password: 'Ann-pass-12345',
    });
    annAgentId = await create('/api/agents', {
      userId: annId,
      extensionId: await create('/api/extensions', { number: '1001', displayName: 'Ann' }),
    });
    // Sue takes calls too: her own extension is the phone that rings for listen/whisper/barge.
    await create('/api/agents', {
      userId: sueId,
      extensionId: await create('/api/extensions', { number: '2001', displayName: 'Sue' }),
    });
    await create('/api/extensions', { number: '2002', displayName: 'Desk phone' });
    sue = { authorization: `Bearer ${(await signIn(t, 'sue@example.com', 'Sue-pass-12345')).token}` };
    agentToken = { authorization: `Bearer ${(await signIn(t, 'ann@example.com', 'Ann-pass-12345')).token}` };
    await eventually(
      () =>
        t.app
          .get(LiveStateService)
          .snapshot()
          .agents.some((a) => a.name === ANN),
      5_000,
      'Ann in live state',
    );
  });
  afterAll(async () => {
    await t.close();
    await simulator.stop();
  });

  describe('listen, whisper, barge', () => {
    const expectedVars: Record<string, string> = {
      listen: 'eavesdrop_whisper_aleg=false,eavesdrop_whisper_bleg=false',
      whisper: 'eavesdrop_whisper_aleg=false,eavesdrop_whisper_bleg=true',
      barge: 'eavesdrop_whisper_aleg=true,eavesdrop_whisper_bleg=true',
    };

    it.each(['listen', 'whisper', 'barge'] as const)(
      '%s: rings the supervisor’s own extension and eavesdrops on the agent’s leg',
      async (mode) => {
        const { callerUuid, agentUuid } = await liveCall();
        const since = simulator.commandLines.length;
        const result = await post<MonitorCallResult>(`/api/supervision/calls/${callerUuid}/monitor`, { mode }, 202);
        expect(result).toMatchObject({
          mode,
          callUuid: callerUuid,
          agentChannelUuid: agentUuid,
          agent: ANN,
          extension: '2001',
          node: 'fs-test',
        });
        const [line] = await newCommand('bgapi originate ', since);
        expect(line).toBe(
          `bgapi originate {origination_uuid=${result.monitorChannelUuid},origination_caller_id_name=${mode[0]?.toUpperCase()}${mode.slice(1)},` +
            `origination_caller_id_number=1001,eavesdrop_enable_dtmf=false,eavesdrop_bridge_aleg=true,eavesdrop_bridge_bleg=true,` +
            `${expectedVars[mode]}}user/2001@${DOMAIN} &eavesdrop(${agentUuid})`,
        );
        const audit = (await auditOf('supervision.monitor')).at(-1);
        expect(audit).toMatchObject({
          actorId: sueId,
          targetType: 'call',
          targetId: callerUuid,
          details: { mode, agentChannelUuid: agentUuid, extension: '2001' },
        });
      },
    );

    it('rings another provisioned extension when asked, and refuses one that does not exist', async () => {
      const { callerUuid } = await liveCall();
      const since = simulator.commandLines.length;
      await post(`/api/supervision/calls/${callerUuid}/monitor`, { mode: 'listen', extension: '2002' }, 202);
      expect((await newCommand('bgapi originate ', since))[0]).toContain(`}user/2002@${DOMAIN} &eavesdrop(`);
      const refused = await post(
        `/api/supervision/calls/${callerUuid}/monitor`,
        { mode: 'listen', extension: '7777' },
        409,
      );
      expect(refused).toMatchObject({
        error: 'NoSupervisorExtension',
        message: 'Extension 7777 is not provisioned or is disabled.',
      });
    });

    it('refuses bad input, unknown calls and calls with no agent yet', async () => {
      const bad = await post(`/api/supervision/calls/${MISSING_CALL}/monitor`, { mode: 'spy' }, 400);
      expect(bad.message).toContain('mode must be one of listen, whisper, barge');
      await post(`/api/supervision/calls/${MISSING_CALL}/monitor`, { mode: 'listen', extension: '1 2' }, 400);
      await post('/api/supervision/calls/not-a-uuid/monitor', { mode: 'listen' }, 400);
      expect(await post(`/api/supervision/calls/${MISSING_CALL}/monitor`, { mode: 'listen' }, 404)).toMatchObject({
        error: 'CallNotLive',
      });
      // A caller still waiting in the queue: live, but nobody to listen to.
      const waiting = buildCall('abandoned', {
        prng: new Prng(99),
        startUs: BigInt(Date.now()) * 1000n,
        queue: `support@${DOMAIN}`,
        queueExtension: '9000',
        callerNumber: '+15550003333',
        callerName: 'Waiting',
        timeScale: 0.001,
      });
      for (const { event } of waiting.events) {
        if (event.name.startsWith('CHANNEL_HANGUP')) break;
        simulator.emit(event);
      }
      const uuid = waiting.callerUuid ?? '';
      await eventually(
        () =>
          t.app
            .get(LiveStateService)
            .snapshot()
            .channels.some((c) => c.uuid === uuid),
        5_000,
        'the waiting caller',
      );
      expect(await post(`/api/supervision/calls/${uuid}/monitor`, { mode: 'listen' }, 409)).toMatchObject({
        error: 'NotMonitorable',
      });
    });
  });

  describe('hang up', () => {
    it('kills the call’s A leg and records it', async () => {
      const { callerUuid } = await liveCall();
      const since = simulator.commandLines.length;
      const result = await post<HangupCallResult>(`/api/supervision/calls/${callerUuid}/hangup`, {}, 200);
      expect(result).toEqual({ callUuid: callerUuid, channelUuid: callerUuid, node: 'fs-test' });
      expect(simulator.commandLines.slice(since)).toContain(`api uuid_kill ${callerUuid}`);
      expect((await auditOf('supervision.hangup')).at(-1)).toMatchObject({ actorId: sueId, targetId: callerUuid });
      // FreeSWITCH hung it up: it is no longer live.
      await eventually(
        () =>
          !t.app
            .get(LiveStateService)
            .snapshot()
            .channels.some((c) => c.uuid === callerUuid && c.state !== 'hangup'),
        5_000,
        'the call to end',
      );
      expect(await post(`/api/supervision/calls/${callerUuid}/hangup`, {}, 404)).toMatchObject({
        error: 'CallNotLive',
      });
    });
  });

  describe('agent status', () => {
    it('forces a break: mod_callcenter, stored status, history with source SUPERVISOR, audit', async () => {
      const since = simulator.commandLines.length;
      const result = await post<ForcedAgentStatusResult>(
        `/api/supervision/agents/${ANN}/status`,
        { status: 'ON_BREAK', reasonCode: 'COACHING' },
        200,
      );
      expect(result).toMatchObject({ agent: ANN, status: 'ON_BREAK', reasonCode: 'COACHING' });
      expect(simulator.commandLines.slice(since)).toEqual([`api callcenter_config agent set status ${ANN} 'On Break'`]);
      // mod_callcenter announced the change (before the override stored it): the history keeps one row, not two.
      await new Promise((resolve) => setTimeout(resolve, SWITCH_STATUS_SETTLE_MS + 500));
      expect(await t.prisma.agentStatusChange.count({ where: { agentId: annAgentId, source: 'FREESWITCH' } })).toBe(0);
      expect(await t.prisma.agent.findUniqueOrThrow({ where: { id: annAgentId } })).toMatchObject({
        status: 'ON_BREAK',
      });
      const change = await t.prisma.agentStatusChange.findFirstOrThrow({
        where: { agentId: annAgentId },
        orderBy: { at: 'desc' },
      });
      expect(change).toMatchObject({
        status: 'ON_BREAK',
        reasonCode: 'COACHING',
        source: 'SUPERVISOR',
        changedById: sueId,
      });
      expect((await auditOf('supervision.agent-status')).at(-1)).toMatchObject({
        actorId: sueId,
        targetType: 'agent',
        targetId: annAgentId,
        details: { agent: ANN, to: 'ON_BREAK', reasonCode: 'COACHING' },
      });
    });

    it('logs an agent out', async () => {
      const since = simulator.commandLines.length;
      await post(`/api/supervision/agents/${ANN}/logout`, {}, 200);
      expect(simulator.commandLines.slice(since)).toEqual([
        `api callcenter_config agent set status ${ANN} 'Logged Out'`,
      ]);
      expect(await t.prisma.agent.findUniqueOrThrow({ where: { id: annAgentId } })).toMatchObject({
        status: 'LOGGED_OUT',
      });
      expect((await auditOf('supervision.agent-status')).at(-1)).toMatchObject({
        details: { agent: ANN, from: 'ON_BREAK', to: 'LOGGED_OUT' },
      });
    });

    it('refuses unknown agents and bad statuses, and stores nothing when FreeSWITCH refuses', async () => {
      expect(await post('/api/supervision/agents/9999@sb.test/status', { status: 'AVAILABLE' }, 404)).toMatchObject({
        error: 'AgentNotFound',
      });
      await post(`/api/supervision/agents/${ANN}/status`, { status: 'BUSY' }, 400);
      await post(`/api/supervision/agents/${ANN}/status`, { status: 'AVAILABLE', reasonCode: 'LUNCH' }, 400);
      const agent = simulator.state.agents.get(ANN);
      simulator.state.agents.delete(ANN);
      const changes = await t.prisma.agentStatusChange.count({ where: { agentId: annAgentId } });
      try {
        expect(await post(`/api/supervision/agents/${ANN}/status`, { status: 'AVAILABLE' }, 502)).toMatchObject({
          error: 'FreeswitchRefused',
        });
      } finally {
        if (agent) simulator.state.agents.set(ANN, agent);
      }
      expect(await t.prisma.agentStatusChange.count({ where: { agentId: annAgentId } })).toBe(changes);
    });
  });

  it('answers 503 while FreeSWITCH is not connected', async () => {
    const { callerUuid } = await liveCall();
    const esl = t.app.get(EslService);
    simulator.pauseHeartbeats(true);
    await simulator.stop();
    await eventually(() => !esl.isConnected('fs-test'), 10_000, 'the disconnect');
    expect(await post(`/api/supervision/agents/${ANN}/status`, { status: 'AVAILABLE' }, 503)).toMatchObject({
      error: 'FreeswitchUnavailable',
    });
    // The live store keeps the node's calls until it resynchronises, so the call is known but cannot be reached.
    expect(await post(`/api/supervision/calls/${callerUuid}/hangup`, {}, 503)).toMatchObject({
      error: 'FreeswitchUnavailable',
      message: 'FreeSWITCH node fs-test is not connected.',
    });
    expect(await post(`/api/supervision/calls/${callerUuid}/monitor`, { mode: 'barge' }, 503)).toMatchObject({
      error: 'FreeswitchUnavailable',
    });
  });

  it('is for supervisors only: an agent gets 403 on every action', async () => {
    for (const path of [
      `/api/supervision/calls/${MISSING_CALL}/monitor`,
      `/api/supervision/calls/${MISSING_CALL}/hangup`,
      `/api/supervision/agents/${ANN}/status`,
      `/api/supervision/agents/${ANN}/logout`,
    ])
      expect(await post(path, { mode: 'listen', status: 'AVAILABLE' }, 403, agentToken)).toMatchObject({
        error: 'Forbidden',
      });
  });
});
