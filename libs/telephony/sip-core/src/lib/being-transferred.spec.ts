import { createTestSoftphone, until, type TestSoftphone } from '../../testing/test-softphone';
import { header, tagOf } from '../../testing/sip-message';
import { CallState, type CallInfo } from './types';

describe('being transferred by the far end', () => {
  let t: TestSoftphone;
  let call: CallInfo;
  beforeEach(async () => {
    t = createTestSoftphone();
    await t.phone.start(t.account);
    t.server.onInvite = (invite) => invite.answer();
    const dialled = await t.phone.dial('2000');
    call = await t.waitForCall((c) => c.id === dialled.id && c.state === CallState.Established);
  });
  afterEach(async () => t.dispose());

  it('follows a REFER: 202, calls the Refer-To target, and reports progress in NOTIFY sipfrag', async () => {
    const receivedBefore = t.server.received.length;
    expect(
      t.server.sendInDialog(call.sipCallId, 'REFER', [
        ['Refer-To', '<sip:3000@pbx.test>'],
        ['Referred-By', '<sip:2000@pbx.test>'],
      ]),
    ).toBe(true);
    const invite = await t.server.waitForRequest('INVITE', 4000, receivedBefore);
    expect(invite.uri).toBe('sip:3000@pbx.test');
    expect(t.server.received.some((m) => m.status === 202 && header(m, 'cseq').endsWith('REFER'))).toBe(true);
    const notify = await t.server.waitFor((m) => m.method === 'NOTIFY' && m.body.startsWith('SIP/2.0 200'));
    expect(header(notify, 'event')).toMatch(/^refer/);
    const newCall = await t.waitForCall(
      (c) => c.sipCallId === header(invite, 'call-id') && c.state === CallState.Established,
    );
    expect(newCall.direction).toBe('outgoing');
    // The transferor hangs up its leg once the transfer worked.
    t.server.hangup(call.sipCallId);
    const ended = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('transferred');
  });

  it('accepts an INVITE with Replaces for a live call without ringing, and ends the replaced call', async () => {
    const incoming: CallInfo[] = [];
    t.phone.on('incomingCall', (c) => incoming.push(c));
    const ourInvite = t.server.requests('INVITE')[0];
    const ourTag = tagOf(header(ourInvite, 'from'));
    const theirTag = t.server.invites[0].toTag;
    const { final } = t.server.sendInvite('1001', {
      from: '3000',
      headers: [['Replaces', `${call.sipCallId};to-tag=${ourTag};from-tag=${theirTag}`]],
    });
    expect((await final).status).toBe(200);
    const ended = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('transferred');
    await until(() => t.phone.calls.length === 1 && t.phone.calls[0].state === CallState.Established);
    expect(t.phone.calls[0].remoteIdentity).toBe('3000');
    expect(incoming).toEqual([]);
  });
});
