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

  it('a web call names its call button and the page the visitor called from, decoded', () => {
    const call = fakeCall({
      id: 'c3',
      state: CallState.Incoming,
      remoteIdentity: 'web-abc',
      remoteDisplayName: 'Web visitor',
      startedAt: 1_700_000_100_000,
      headers: {
        'X-Switchboard-Queue': 'Web shop',
        'X-Switchboard-Web-Button': 'Sales%2C%20EU%20%E2%80%94%20%C3%BCber',
        'X-Switchboard-Web-Page': 'https%3A%2F%2Fshop.example.com%2Fcontact',
      },
    });
    expect(incomingCallFacts(call).web).toEqual({ button: 'Sales, EU — über', page: 'https://shop.example.com/contact' });
  });

  it('a value that is not percent-encoding is shown as it came', () => {
    const call = fakeCall({
      id: 'c4',
      state: CallState.Incoming,
      remoteIdentity: 'web-abc',
      startedAt: 1,
      headers: { 'X-Switchboard-Web-Button': 'Help 100%' },
    });
    expect(incomingCallFacts(call).web).toEqual({ button: 'Help 100%', page: undefined });
  });
});
