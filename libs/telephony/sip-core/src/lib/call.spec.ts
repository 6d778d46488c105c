import { createTestSoftphone, type TestSoftphone } from '../../testing/test-softphone';
import { header } from '../../testing/sip-message';
import { sdpDirection } from '../../testing/fake-sdp';
import { CallState, type CallInfo } from './types';

describe('calls against a fake PBX', () => {
  let t: TestSoftphone;
  beforeEach(async () => {
    t = createTestSoftphone();
    await t.phone.start(t.account);
  });
  afterEach(async () => t.dispose());

  const states = (id: string): CallState[] =>
    t.changes
      .filter((c) => c.id === id)
      .map((c) => c.state)
      .filter((s, i, all) => s !== all[i - 1]);

  it('dials: Dialing → Ringing with local ringback on 180 → Established on 200, then hangs up with BYE', async () => {
    const call = await t.phone.dial('2000');
    const invite = await t.server.waitForRequest('INVITE', 4000, 0);
    expect(invite.uri).toBe('sip:2000@pbx.test');
    expect(sdpDirection(invite.body)).toBe('sendrecv');
    expect(header(invite, 'session-expires')).toMatch(/^1800/);

    const ringing = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ringing);
    expect(ringing.ringback).toBe(true);
    t.server.invites[0].answer();
    const established = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
    expect(established.ringback).toBe(false);
    expect(established.sipCallId).toBe(header(invite, 'call-id'));
    await t.server.waitForRequest('ACK', 4000, 0);

    t.phone.hangup(call.id);
    await t.server.waitForRequest('BYE', 4000, 0);
    const ended = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('hangup-local');
    expect(states(call.id)).toEqual([CallState.Dialing, CallState.Ringing, CallState.Established, CallState.Ended]);
    expect(t.phone.calls).toHaveLength(0);
  });

  it('keeps a call up when the PBX answers without BUNDLE, as FreeSWITCH does (no BYE 488 after the ACK)', async () => {
    const call = await t.phone.dial('2000');
    await t.server.waitForRequest('INVITE', 4000, 0);
    t.server.invites[0].answer();
    await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
    await t.server.waitForRequest('ACK', 4000, 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.server.requests('BYE')).toHaveLength(0);
    expect(t.phone.calls.map((c) => c.state)).toEqual([CallState.Established]);
  });

  it('plays early media on 183 with SDP instead of a local ringback', async () => {
    t.server.onInvite = (invite) => invite.ringing(true);
    const call = await t.phone.dial('2000');
    const early = await t.waitForCall((c) => c.id === call.id && c.state === CallState.EarlyMedia);
    expect(early.ringback).toBe(false);
  });

  it('reports a busy callee (486) as ended with reason busy', async () => {
    t.server.onInvite = (invite) => invite.reject(486, 'Busy Here');
    const call = await t.phone.dial('2000');
    const ended = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('busy');
    expect(ended.endStatusCode).toBe(486);
  });

  it('cancels a ringing outgoing call on hangup', async () => {
    const call = await t.phone.dial('2000');
    await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ringing);
    t.phone.hangup(call.id);
    await t.server.waitForRequest('CANCEL', 4000, 0);
    const ended = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('canceled');
  });

  it('rings an incoming call with its X- headers and answers it with 200 + SDP', async () => {
    const incoming = new Promise<CallInfo>((resolve) => t.phone.on('incomingCall', resolve));
    const { final } = t.server.sendInvite('1001', { from: '5559876', headers: [['X-Queue', 'sales']] });
    const ringing = await incoming;
    expect(ringing.state).toBe(CallState.Incoming);
    expect(ringing.remoteIdentity).toBe('5559876');
    expect(ringing.headers['X-Queue']).toBe('sales');

    await t.phone.answer();
    const response = await final;
    expect(response.status).toBe(200);
    expect(sdpDirection(response.body)).toBe('sendrecv');
    await t.waitForCall((c) => c.id === ringing.id && c.state === CallState.Established);
  });

  it('rejects an incoming call with 486 Busy Here', async () => {
    const incoming = new Promise<CallInfo>((resolve) => t.phone.on('incomingCall', resolve));
    const { final } = t.server.sendInvite('1001');
    const ringing = await incoming;
    t.phone.reject(ringing.id);
    expect((await final).status).toBe(486);
    const ended = await t.waitForCall((c) => c.id === ringing.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('rejected');
  });

  it('tells a call answered on another device (CANCEL with Reason cause=200) from one the caller gave up on', async () => {
    const ring = async (): Promise<[CallInfo, ReturnType<TestSoftphone['server']['sendInvite']>]> => {
      const incoming = new Promise<CallInfo>((resolve) => t.phone.once('incomingCall', resolve));
      const sent = t.server.sendInvite('1001');
      return [await incoming, sent];
    };
    const [elsewhere, first] = await ring();
    // As Asterisk 23 sends it when another contact of the extension answers.
    first.cancel('SIP;cause=200;text="Call completed elsewhere"');
    expect((await first.final).status).toBe(487);
    const ended = await t.waitForCall((c) => c.id === elsewhere.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('answered-elsewhere');

    const [abandoned, second] = await ring();
    second.cancel();
    const gaveUp = await t.waitForCall((c) => c.id === abandoned.id && c.state === CallState.Ended);
    expect(gaveUp.endReason).toBe('canceled');
  });

  it('ends the call when the far end sends BYE', async () => {
    t.server.onInvite = (invite) => invite.answer();
    const call = await t.phone.dial('2000');
    const established = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
    expect(t.server.hangup(established.sipCallId)).toBe(true);
    const ended = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('hangup-remote');
  });

  it('answers receive-only (recvonly) when the microphone is denied, and reports why', async () => {
    t.webrtc.mediaDevices.denyMicrophone = true;
    const errors: string[] = [];
    t.phone.on('error', (error) => errors.push(error.name));
    const incoming = new Promise<CallInfo>((resolve) => t.phone.on('incomingCall', resolve));
    const { final } = t.server.sendInvite('1001');
    await incoming;
    await t.phone.answer();
    const response = await final;
    expect(sdpDirection(response.body)).toBe('recvonly');
    expect(errors).toEqual(['MediaDeviceError']);
    expect(t.phone.calls[0]?.receiveOnly).toBe(true);
  });

  it('places a receive-only call with a recvonly transceiver when asked', async () => {
    await t.phone.dial('2000', { receiveOnly: true });
    const invite = await t.server.waitForRequest('INVITE', 4000, 0);
    expect(sdpDirection(invite.body)).toBe('recvonly');
    expect(t.webrtc.mediaDevices.requests).toHaveLength(0);
  });

  it('applies codec preferences with setCodecPreferences: PCMA only keeps PCMA and telephone-event', async () => {
    await t.phone.dial('2000', { codecs: 'pcma-only' });
    const invite = await t.server.waitForRequest('INVITE', 4000, 0);
    expect(/m=audio \d+ \S+ (.*)/.exec(invite.body)?.[1]).toBe('8 13 126');
    const transceiver = t.webrtc.peerConnections[0].transceivers[0];
    expect(transceiver.codecPreferenceCalls[0]?.map((c) => c.mimeType)).toEqual([
      'audio/PCMA',
      'audio/CN',
      'audio/telephone-event',
    ]);
  });
});
