import { EslUnsafeArgumentError } from './errors';
import { assertSingleLine, commandText, eslCommand } from './esl-command';

describe('eslCommand', () => {
  it('builds the commands Switchboard sends, as FreeSWITCH expects them', () => {
    expect(eslCommand.callcenterAgentAdd('agent1000@default').text).toBe('callcenter_config agent add agent1000@default callback');
    expect(eslCommand.callcenterAgentSetContact('agent1000@default', '[call_timeout=10]sofia/external/agent@192.0.2.2:5090').text).toBe(
      'callcenter_config agent set contact agent1000@default [call_timeout=10]sofia/external/agent@192.0.2.2:5090',
    );
    expect(eslCommand.callcenterAgentSetStatus('agent1000@default', 'On Break').text).toBe("callcenter_config agent set status agent1000@default 'On Break'");
    expect(eslCommand.callcenterAgentSetStatus('agent1000@default', 'Available').text).toBe('callcenter_config agent set status agent1000@default Available');
    expect(eslCommand.callcenterTierAdd('support@default', 'agent1000@default', 1, 2).text).toBe('callcenter_config tier add support@default agent1000@default 1 2');
    expect(eslCommand.callcenterQueueMembers('support@default').text).toBe('callcenter_config queue list members support@default');
    expect(eslCommand.uuidKill('1fbf389a-bbb7-41e6-8e7a-9ade9591cb0f', 'USER_BUSY').text).toBe('uuid_kill 1fbf389a-bbb7-41e6-8e7a-9ade9591cb0f USER_BUSY');
    expect(eslCommand.originate('{origination_caller_id_number=1000}user/1002', '1002').text).toBe('originate {origination_caller_id_number=1000}user/1002 1002 XML default');
    expect(eslCommand.api('uuid_getvar', 'abc-123', 'cc_queue').text).toBe('uuid_getvar abc-123 cc_queue');
  });

  const hostile = [
    'agent1000@default\n\napi shutdown',
    'agent1000@default\r\nexit',
    'agent1000@default api shutdown',
    "agent1000@default' 'x",
    'agent"1000',
    '${system(rm -rf /)}',
    'agent%0Aapi',
    'agent\u0000x',
    'agent１０００',
    '',
    'a'.repeat(200),
  ];

  it.each(hostile)('refuses the agent name %j before anything is sent', (name) => {
    expect(() => eslCommand.callcenterAgentSetStatus(name, 'Available')).toThrow(EslUnsafeArgumentError);
    expect(() => eslCommand.callcenterTierAdd('support@default', name)).toThrow(EslUnsafeArgumentError);
  });

  it('refuses hostile dial strings, causes, statuses and command names', () => {
    expect(() => eslCommand.originate('user/1002 &bridge(user/1003)', '1002')).toThrow(/refusing dial string/);
    expect(() => eslCommand.originate('{x=${system(id)}}user/1002', '1002')).toThrow(EslUnsafeArgumentError);
    expect(() => eslCommand.uuidKill('abc', 'normal clearing')).toThrow(/refusing hangup cause/);
    expect(() => eslCommand.callcenterAgentSetStatus('a@b', 'On Break\nexit' as 'On Break')).toThrow(/expected one of/);
    expect(() => eslCommand.api('status\nexit')).toThrow(/refusing command name/);
    expect(() => eslCommand.api('echo', 'hi there')).toThrow(/refusing argument 1/);
  });

  it('lets literal command strings through only when they are one line', () => {
    expect(commandText('show channels as json')).toBe('show channels as json');
    expect(commandText(eslCommand.status())).toBe('status');
    for (const bad of ['status\n\nexit', 'status\rexit', 'status\u0000', '   ']) expect(() => assertSingleLine(bad)).toThrow(EslUnsafeArgumentError);
  });
});
