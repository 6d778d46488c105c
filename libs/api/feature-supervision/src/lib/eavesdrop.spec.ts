import { eslCommand } from '@switchboard/api/data-access-esl';
import { monitorDialString } from './eavesdrop';

describe('monitorDialString', () => {
  const input = { extension: '2001', domain: 'sb.test', originationUuid: 'a1b2', agentLabel: '1001' };

  it("whisper speaks into what the agent's leg receives only; barge to both; listen to neither", () => {
    expect(monitorDialString({ ...input, mode: 'whisper' })).toContain(
      'eavesdrop_whisper_aleg=false,eavesdrop_whisper_bleg=true}',
    );
    expect(monitorDialString({ ...input, mode: 'barge' })).toContain(
      'eavesdrop_whisper_aleg=true,eavesdrop_whisper_bleg=true}',
    );
    expect(monitorDialString({ ...input, mode: 'listen' })).toContain(
      'eavesdrop_whisper_aleg=false,eavesdrop_whisper_bleg=false}',
    );
  });

  it('passes the safe command builder and ends with the user endpoint of the extension', () => {
    const command = eslCommand.originateEavesdrop(monitorDialString({ ...input, mode: 'listen' }), 'c0ffee-1');
    expect(String(command)).toMatch(
      /^originate \{origination_uuid=a1b2,.*\}user\/2001@sb\.test &eavesdrop\(c0ffee-1\)$/,
    );
  });

  it('cannot smuggle arguments through the extension', () => {
    expect(() =>
      eslCommand.originateEavesdrop(monitorDialString({ ...input, extension: '2001 &park()', mode: 'listen' }), 'x'),
    ).toThrow(/refusing dial string/);
  });
});
