import { Logger } from '@nestjs/common';
import type { AppConfig } from '@switchboard/api/util-config';
import { RecordingFreeswitchCommands } from '../../../testing/recording-freeswitch-commands';
import { type AgentSnapshot, CallcenterSync } from './callcenter-sync.service';

const config = { sip: { domain: 'sb.local' } } as AppConfig;
const agent: AgentSnapshot = {
  name: '1001@sb.local',
  extension: { number: '1001', domain: 'sb.local' },
  wrapUpTime: 10,
  maxNoAnswer: 3,
  noAnswerDelayTime: 10,
  rejectDelayTime: 10,
  busyDelayTime: 60,
};

describe('CallcenterSync', () => {
  let freeswitch: RecordingFreeswitchCommands;
  let sync: CallcenterSync;

  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    freeswitch = new RecordingFreeswitchCommands();
    sync = new CallcenterSync(freeswitch, config);
  });

  afterEach(() => jest.restoreAllMocks());

  it('adds an agent with its contact and every timer', async () => {
    await expect(sync.agentCreated(agent)).resolves.toEqual({
      status: 'applied',
      message: 'FreeSWITCH applied 7 commands.',
    });
    expect(freeswitch.commands).toEqual([
      'callcenter_config agent add 1001@sb.local callback',
      'callcenter_config agent set contact 1001@sb.local [leg_timeout=30]user/1001@sb.local',
      'callcenter_config agent set max_no_answer 1001@sb.local 3',
      'callcenter_config agent set wrap_up_time 1001@sb.local 10',
      'callcenter_config agent set reject_delay_time 1001@sb.local 10',
      'callcenter_config agent set busy_delay_time 1001@sb.local 60',
      'callcenter_config agent set no_answer_delay_time 1001@sb.local 10',
    ]);
  });

  it('sends only what changed', async () => {
    await sync.agentUpdated(agent, { ...agent, wrapUpTime: 30, extension: null });
    expect(freeswitch.commands).toEqual([
      'callcenter_config agent set contact 1001@sb.local error/user_not_registered',
      'callcenter_config agent set wrap_up_time 1001@sb.local 30',
    ]);
    await expect(sync.agentUpdated(agent, agent)).resolves.toEqual({
      status: 'applied',
      message: 'Nothing to change in FreeSWITCH.',
    });
  });

  it('treats an agent or tier FreeSWITCH already has (from callcenter.conf) as done, and still sets level and position', async () => {
    freeswitch.answer(/agent add/, '-ERR Agent already exist!\n').answer(/tier add/, '-ERR Tier already exist!\n');
    await expect(sync.agentCreated(agent)).resolves.toMatchObject({ status: 'applied' });
    freeswitch.take();
    await expect(
      sync.tierCreated({ queueName: 'support', agentName: agent.name, level: 2, position: 4 }),
    ).resolves.toMatchObject({ status: 'applied' });
    expect(freeswitch.commands).toEqual([
      'callcenter_config tier add support@sb.local 1001@sb.local 2 4',
      'callcenter_config tier set level support@sb.local 1001@sb.local 2',
      'callcenter_config tier set position support@sb.local 1001@sb.local 4',
    ]);
  });

  it('reports the reply and stops at the first command FreeSWITCH refuses', async () => {
    freeswitch.answer(/queue load/, '-ERR Invalid Queue not found!\n');
    await expect(sync.queueCreated('support')).resolves.toEqual({
      status: 'failed',
      message: 'FreeSWITCH answered "-ERR Invalid Queue not found!" to: callcenter_config queue load support@sb.local',
    });
    expect(warn).toHaveBeenCalledWith(
      {
        command: 'callcenter_config queue load support@sb.local',
        reply: '-ERR Invalid Queue not found!',
        error: undefined,
      },
      'FreeSWITCH refused a provisioning command',
    );
    freeswitch.answer(/agent add/, '-ERR Agent type invalid!\n');
    freeswitch.take();
    await expect(sync.agentCreated(agent)).resolves.toMatchObject({ status: 'failed' });
    expect(freeswitch.commands).toHaveLength(1);
  });

  it('reports pending, and sends nothing, while FreeSWITCH is not connected', async () => {
    freeswitch.connected = false;
    const report = await sync.queueUpdated('support');
    expect(report.status).toBe('pending');
    expect(report.message).toMatch(/saved.*\/freeswitch\/configuration/);
    expect(freeswitch.commands).toEqual([]);
  });

  it("reports a connection that drops mid-change as failed, without blaming FreeSWITCH's answer", async () => {
    jest.spyOn(freeswitch, 'api').mockRejectedValueOnce(new Error('socket closed'));
    await expect(sync.queueUpdated('support')).resolves.toEqual({
      status: 'failed',
      message: 'FreeSWITCH did not answer callcenter_config queue reload support@sb.local: socket closed',
    });
  });

  it('gives up on a command FreeSWITCH never answers', async () => {
    jest.useFakeTimers();
    try {
      jest.spyOn(freeswitch, 'api').mockReturnValueOnce(new Promise<string>(() => undefined));
      const report = sync.queueUpdated('support');
      await jest.advanceTimersByTimeAsync(5_000);
      await expect(report).resolves.toEqual({
        status: 'failed',
        message: 'FreeSWITCH did not answer callcenter_config queue reload support@sb.local: no reply within 5 s',
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('removes the tiers of a deleted queue or agent before the queue or agent itself', async () => {
    const tiers = [{ queueName: 'support', agentName: agent.name, level: 1, position: 1 }];
    await sync.queueDeleted('support', tiers);
    await sync.agentDeleted(agent.name, tiers);
    expect(freeswitch.commands).toEqual([
      'callcenter_config tier del support@sb.local 1001@sb.local',
      'callcenter_config queue unload support@sb.local',
      'callcenter_config tier del support@sb.local 1001@sb.local',
      'callcenter_config agent del 1001@sb.local',
    ]);
  });

  it('refuses to send a stored value that no longer fits a command, without throwing', async () => {
    await expect(sync.agentContactChanged('legacy name', null)).resolves.toMatchObject({
      status: 'failed',
      message: /^Not sent to FreeSWITCH: refusing agent/,
    });
    expect(freeswitch.commands).toEqual([]);
  });

  describe('reapply (a node that connects)', () => {
    const statusLines = () =>
      freeswitch.commands.filter((line) => line.startsWith('callcenter_config agent set status'));

    it('sends the statuses last, as stored when they are sent, after the queues, agents and tiers', async () => {
      const statuses = jest.fn().mockResolvedValue(new Map([['1001@sb.local', 'ON_BREAK']]));
      await sync.reapply('fs1', { queues: ['support'], agents: [agent], tiers: [], statuses });
      expect(freeswitch.commands[0]).toBe('callcenter_config queue load support@sb.local');
      expect(freeswitch.commands.at(-1)).toBe("callcenter_config agent set status 1001@sb.local 'On Break'");
      expect(statusLines()).toHaveLength(1);
      expect(statuses).toHaveBeenCalledTimes(2);
    });

    it('sends a status again when the agent changed it while the configuration was being sent', async () => {
      // Read as Logged Out; the agent goes Available (stored, then sent) before the stale status reaches the node.
      const statuses = jest
        .fn()
        .mockResolvedValueOnce(new Map([['1001@sb.local', 'LOGGED_OUT']]))
        .mockResolvedValueOnce(new Map([['1001@sb.local', 'AVAILABLE']]));
      await sync.reapply('fs1', { queues: [], agents: [agent], tiers: [], statuses });
      expect(statusLines()).toEqual([
        "callcenter_config agent set status 1001@sb.local 'Logged Out'",
        "callcenter_config agent set status 1001@sb.local 'Available'",
      ]);
    });
  });
});
