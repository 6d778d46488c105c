import { fakeCall } from '../../../testing/fake-softphone-client';
import { CallState } from '@switchboard/telephony/sip-core';
import { incomingCallFacts } from './incoming-call';

describe('incomingCallFacts', () => {
  it('reads the queue without its domain and the queue entry time FreeSWITCH gives in epoch seconds', () => {
    const call = fakeCall({
      id: 'c1',
      state: CallState.Incoming,
      remoteIdentity: '+4930123',
      remoteDisplayName: 'Berta',
      startedAt: 1_700_000_100_000,
      headers: { 'X-Switchboard-Queue': 'support@pbx.test', 'X-Switchboard-Queue-Joined': '1700000040' },
    });
    expect(incomingCallFacts(call)).toEqual({ caller: 'Berta', number: '+4930123', queue: 'support', waitingSince: 1_700_000_040_000 });
  });

  it('shows the number as caller when there is no name, and counts waiting from the INVITE for direct calls', () => {
    const call = fakeCall({ id: 'c2', state: CallState.Incoming, remoteIdentity: '2002', startedAt: 123, headers: {} });
    expect(incomingCallFacts(call)).toEqual({ caller: '2002', number: '2002', queue: undefined, waitingSince: 123 });
  });
});
