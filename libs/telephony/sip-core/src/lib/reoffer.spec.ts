import { createTestSoftphone, until, type TestSoftphone } from '../../testing/test-softphone';
import { header } from '../../testing/sip-message';
import { sdpDirection } from '../../testing/fake-sdp';
import { glareBackoffMs } from './reoffer-queue';
import { CallState, type CallInfo } from './types';

describe('hold, mute, DTMF and session timers in an established call', () => {
  let t: TestSoftphone;
  let call: CallInfo;
  beforeEach(async () => {
    t = createTestSoftphone();
    await t.phone.start(t.account);
    t.server.onInvite = (invite) => invite.answer();
    call = await t.phone.dial('2000');
    await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
  });
  afterEach(async () => t.dispose());

  const reinvites = (): ReturnType<TestSoftphone['server']['requests']> =>
    t.server.requests('INVITE').filter((m) => header(m, 'to').includes('tag='));

  it('holds with a sendonly re-INVITE and unholds with sendrecv', async () => {
    await t.phone.hold(call.id);
    expect(t.phone.calls[0]).toMatchObject({ state: CallState.Held, onHold: true });
    await t.phone.unhold(call.id);
    expect(t.phone.calls[0]).toMatchObject({ state: CallState.Established, onHold: false });
    expect(reinvites().map((m) => sdpDirection(m.body))).toEqual(['sendonly', 'sendrecv']);
  });

  it('sends one re-INVITE at a time: hold, hold and unhold in a row wait for each other', async () => {
    t.server.holdReinvites = true;
    const first = t.phone.hold(call.id);
    const second = t.phone.hold(call.id);
    const third = t.phone.unhold(call.id);
    await until(() => t.server.heldReinvites.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reinvites()).toHaveLength(1);

    t.server.releaseReinvite();
    await first;
    await second; // already on hold: no second re-INVITE
    await until(() => t.server.heldReinvites.length === 1);
    t.server.releaseReinvite();
    await third;
    expect(reinvites().map((m) => sdpDirection(m.body))).toEqual(['sendonly', 'sendrecv']);
    expect(t.server.overlappingReinvites).toBe(0);
    expect(t.phone.calls[0]?.state).toBe(CallState.Established);
  });

  it('retries re-INVITEs refused with 491 Request Pending after a backoff, and the call stays up', async () => {
    // JsSIP's dialog layer re-sends the first 491 after 1 s; the queue retries the second after 2.1–4 s (RFC 3261 §14.1).
    t.server.reinviteScript.push(491, 491);
    const startedAt = Date.now();
    await t.phone.hold(call.id);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(3100);
    expect(reinvites().map((m) => sdpDirection(m.body))).toEqual(['sendonly', 'sendonly', 'sendonly']);
    expect(t.phone.calls[0]).toMatchObject({ state: CallState.Held, onHold: true });
  }, 10_000);

  it('retries a re-INVITE refused with 422 using the Min-SE as Session-Expires', async () => {
    t.server.minSe = 3600;
    t.server.reinviteScript.push(422);
    await t.phone.hold(call.id);
    const [refused, retried] = reinvites();
    expect(header(refused, 'session-expires')).toMatch(/^1800/);
    expect(header(retried, 'session-expires')).toMatch(/^3600/);
    expect(t.phone.calls[0]?.onHold).toBe(true);
  });

  it('keeps the call and reverts the hold when the re-INVITE fails for good', async () => {
    t.server.reinviteScript.push(488);
    await expect(t.phone.hold(call.id)).rejects.toMatchObject({ name: 'RenegotiationError', statusCode: 488 });
    expect(t.phone.calls[0]).toMatchObject({ state: CallState.Established, onHold: false });
    expect(t.server.requests('BYE')).toHaveLength(0);
  });

  it('refuses to hold a call that is not established', async () => {
    t.server.onInvite = (invite) => invite.ringing();
    const ringing = await t.phone.dial('2001');
    expect(() => t.phone.hold(ringing.id)).toThrow(expect.objectContaining({ name: 'CallStateError' }));
  });

  it('mutes and unmutes the microphone track without renegotiating', () => {
    const track = t.webrtc.peerConnections[0].getSenders()[0].track;
    t.phone.mute(call.id);
    expect(track?.enabled).toBe(false);
    expect(t.phone.calls[0]?.muted).toBe(true);
    t.phone.unmute(call.id);
    expect(track?.enabled).toBe(true);
    expect(reinvites()).toHaveLength(0);
  });

  it('sends DTMF as RFC 4733 through the RTP sender by default', () => {
    t.phone.sendDtmf('12#', call.id);
    expect(t.webrtc.peerConnections[0].getSenders()[0].dtmf.sent).toEqual(['12#']);
    expect(t.server.requests('INFO')).toHaveLength(0);
  });

  it('rejects digits that are not DTMF', () => {
    expect(() => t.phone.sendDtmf('12x', call.id)).toThrow(expect.objectContaining({ name: 'InvalidDtmfError' }));
  });
});

describe('DTMF over SIP INFO and 422 on the initial INVITE', () => {
  let t: TestSoftphone;
  afterEach(async () => t.dispose());

  it('sends each digit as an INFO with application/dtmf-relay when configured', async () => {
    t = createTestSoftphone({ dtmfMode: 'info' });
    await t.phone.start(t.account);
    t.server.onInvite = (invite) => invite.answer();
    const call = await t.phone.dial('2000');
    await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
    t.phone.sendDtmf('5', call.id);
    const info = await t.server.waitForRequest('INFO', 4000, 0);
    expect(header(info, 'content-type')).toBe('application/dtmf-relay');
    expect(info.body).toContain('Signal=5');
  });

  it('redials with the Min-SE after 422 Session Interval Too Small, keeping the same call', async () => {
    t = createTestSoftphone();
    await t.phone.start(t.account);
    t.server.minSe = 3600;
    t.server.onInvite = (invite) => invite.answer();
    const call = await t.phone.dial('2000');
    const established = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
    const invites = t.server.requests('INVITE');
    expect(invites.map((m) => header(m, 'session-expires').split(';')[0])).toEqual(['1800', '3600']);
    expect(established.sipCallId).toBe(header(invites[1], 'call-id'));
  });

  it('computes the RFC 3261 §14.1 glare backoff ranges', () => {
    expect(glareBackoffMs(true, () => 0)).toBe(2100);
    expect(glareBackoffMs(true, () => 0.999)).toBe(3990);
    expect(glareBackoffMs(false, () => 0)).toBe(0);
    expect(glareBackoffMs(false, () => 0.999)).toBe(1990);
  });
});
