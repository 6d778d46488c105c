import { eslCommand } from './esl-command';
import { STATUS_ECHO_TTL_MS, StatusEchoes } from './status-echoes';

describe('StatusEchoes', () => {
  const at = 1_000_000;

  it('tells the announcement of a status change sent here, once per command sent', () => {
    const echoes = new StatusEchoes();
    echoes.noteSent(eslCommand.callcenterAgentSetStatus('1001@sb.test', 'On Break'), at);
    echoes.noteSent(eslCommand.callcenterAgentSetStatus('1001@sb.test', 'On Break'), at); // a second node
    expect(echoes.take('1001@sb.test', 'Available', at + 5)).toBe(false);
    expect(echoes.take('1002@sb.test', 'On Break', at + 5)).toBe(false);
    expect(echoes.take('1001@sb.test', 'On Break', at + 5)).toBe(true);
    expect(echoes.take('1001@sb.test', 'On Break', at + 6)).toBe(true);
    // A third announcement was not asked for: mod_callcenter (or an operator) made that change.
    expect(echoes.take('1001@sb.test', 'On Break', at + 7)).toBe(false);
  });

  it('reads the command as text too (provisioning sends strings), one-word statuses unquoted', () => {
    const echoes = new StatusEchoes();
    echoes.noteSent('callcenter_config agent set status 1001@sb.test Available', at);
    echoes.noteSent("callcenter_config agent set status 1001@sb.test 'Available (On Demand)'", at);
    expect(echoes.take('1001@sb.test', 'Available', at)).toBe(true);
    expect(echoes.take('1001@sb.test', 'Available (On Demand)', at)).toBe(true);
  });

  it('ignores other commands, and forgets a change never announced', () => {
    const echoes = new StatusEchoes();
    echoes.noteSent(eslCommand.callcenterAgentSetState('1001@sb.test', 'Idle'), at);
    echoes.noteSent('callcenter_config agent set status', at);
    echoes.noteSent('status\nevil', at);
    expect(echoes.take('1001@sb.test', 'Idle', at)).toBe(false);
    echoes.noteSent(eslCommand.callcenterAgentSetStatus('1001@sb.test', 'Logged Out'), at);
    expect(echoes.take('1001@sb.test', 'Logged Out', at + STATUS_ECHO_TTL_MS + 1)).toBe(false);
  });
});
