import {
  UnsafeCommandArgumentError,
  agentContact,
  callcenterCommands as commands,
  fsQueueName,
} from './callcenter-commands';

describe('callcenter_config command builder', () => {
  it('builds the commands mod_callcenter documents, one line each', () => {
    expect(commands.agentAdd('1001@switchboard.local')).toBe(
      'callcenter_config agent add 1001@switchboard.local callback',
    );
    expect(
      commands.agentSetContact('1001@switchboard.local', agentContact({ number: '1001', domain: 'switchboard.local' })),
    ).toBe('callcenter_config agent set contact 1001@switchboard.local [leg_timeout=30]user/1001@switchboard.local');
    expect(commands.agentSetTimer('wrapUpTime', 'ann', 15)).toBe('callcenter_config agent set wrap_up_time ann 15');
    expect(commands.agentSetTimer('maxNoAnswer', 'ann', 0)).toBe('callcenter_config agent set max_no_answer ann 0');
    expect(commands.tierAdd(fsQueueName('support', 'switchboard.local'), 'ann', 1, 2)).toBe(
      'callcenter_config tier add support@switchboard.local ann 1 2',
    );
    expect(commands.tierSet('position', 'support@sb.local', 'ann', 5)).toBe(
      'callcenter_config tier set position support@sb.local ann 5',
    );
    expect(commands.tierDel('support@sb.local', 'ann')).toBe('callcenter_config tier del support@sb.local ann');
    expect(commands.queueLoad('support@sb.local')).toBe('callcenter_config queue load support@sb.local');
    expect(commands.queueReload('support@sb.local')).toBe('callcenter_config queue reload support@sb.local');
    expect(commands.queueUnload('support@sb.local')).toBe('callcenter_config queue unload support@sb.local');
    expect(commands.agentDel('ann')).toBe('callcenter_config agent del ann');
    // A status of two words stays one argument for switch_separate_string.
    expect(commands.agentSetStatus('ann', 'ON_BREAK')).toBe("callcenter_config agent set status ann 'On Break'");
    expect(commands.agentSetStatus('ann', 'AVAILABLE')).toBe("callcenter_config agent set status ann 'Available'");
  });

  it('gives an agent without extension a contact that fails at once instead of ringing nobody', () => {
    expect(agentContact(null)).toBe('error/user_not_registered');
  });

  it.each([
    ['a line break that would start a second ESL command', 'ann\napi shutdown'],
    ['a carriage return', 'ann\r\nexit'],
    ['a space that shifts mod_callcenter arguments', 'ann callback'],
    ['a percent escape', 'ann%0aapi'],
    ['double quotes', '"ann"'],
    ['single quotes', "ann'"],
    ['a variable expansion', '${system(id)}'],
    ['shell syntax', 'ann;reboot'],
    ['a backtick', '`id`'],
    ['an empty name', ''],
  ])('refuses an agent name with %s', (_what, hostile) => {
    expect(() => commands.agentAdd(hostile)).toThrow(UnsafeCommandArgumentError);
    expect(() => commands.tierDel('support@sb.local', hostile)).toThrow(UnsafeCommandArgumentError);
  });

  it('refuses hostile queue names, domains, numbers and contacts', () => {
    expect(() => fsQueueName('support\n api', 'sb.local')).toThrow(UnsafeCommandArgumentError);
    expect(() => fsQueueName('Support Team', 'sb.local')).toThrow(UnsafeCommandArgumentError);
    expect(() => fsQueueName('support', 'sb.local; rm')).toThrow(UnsafeCommandArgumentError);
    expect(() => commands.queueLoad('support')).toThrow(UnsafeCommandArgumentError);
    expect(() => commands.tierAdd('support@sb.local', 'ann', -1, 1)).toThrow(UnsafeCommandArgumentError);
    expect(() => commands.tierAdd('support@sb.local', 'ann', 1.5, 1)).toThrow(UnsafeCommandArgumentError);
    expect(() => commands.agentSetTimer('wrapUpTime', 'ann', Number.NaN)).toThrow(UnsafeCommandArgumentError);
    expect(() => agentContact({ number: '10 01', domain: 'sb.local' })).toThrow(UnsafeCommandArgumentError);
    expect(() => commands.agentSetContact('ann', '{origination_caller_id_name=x}user/1001@sb.local')).toThrow(
      UnsafeCommandArgumentError,
    );
    expect(() => commands.agentSetContact('ann', 'sofia/internal/1001@evil.example.com')).toThrow(
      UnsafeCommandArgumentError,
    );
  });

  it('names the offending value without echoing a long payload', () => {
    expect(() => commands.agentAdd(`ann\n${'x'.repeat(500)}`)).toThrow(
      /^refusing agent "ann\\nx{76}": it does not match/,
    );
  });
});
