import { createTestSoftphone, until, type TestSoftphone } from '../../testing/test-softphone';
import { CallState } from './types';

describe('ICE gathering and devices', () => {
  let t: TestSoftphone;
  afterEach(async () => t.dispose());

  it('sends the INVITE once host candidates exist even though gathering never completes', async () => {
    t = createTestSoftphone({ iceGatheringTimeoutMs: 3000 });
    await t.phone.start(t.account);
    t.webrtc.setIce({ completes: false });
    const startedAt = Date.now();
    await t.phone.dial('2000');
    const invite = await t.server.waitForRequest('INVITE', 2000, 0);
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(invite.body).toContain('m=audio');
  });

  it('with a STUN server, waits past host candidates for the first srflx one, bounded by the timeout', async () => {
    t = createTestSoftphone({ iceGatheringTimeoutMs: 400 }, { iceServers: [{ urls: 'stun:stun.invalid' }] });
    await t.phone.start(t.account);
    t.webrtc.setIce({ completes: false, candidates: ['candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host'] });
    const startedAt = Date.now();
    await t.phone.dial('2000');
    await t.server.waitForRequest('INVITE', 2000, 0);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(380);
  });

  it('switches the microphone of a live call with replaceTrack, keeping mute', async () => {
    t = createTestSoftphone();
    await t.phone.start(t.account);
    t.server.onInvite = (invite) => invite.answer();
    const call = await t.phone.dial('2000');
    await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
    t.phone.mute(call.id);
    const sender = t.webrtc.peerConnections[0].getSenders()[0];
    const before = sender.track;

    await t.phone.selectInput('mic-2');
    expect(sender.track?.deviceId).toBe('mic-2');
    expect(sender.track?.enabled).toBe(false);
    expect(before?.readyState).toBe('ended');
    expect(t.phone.devices.selectedInput).toBe('mic-2');
    const reinvites = t.server.requests('INVITE').length;
    expect(reinvites).toBe(1);
  });

  it('lists audio devices and remembers the chosen speaker', async () => {
    t = createTestSoftphone();
    const devices = await t.phone.refreshDevices();
    expect(devices.inputs.map((d) => d.deviceId)).toEqual(['mic-1', 'mic-2']);
    expect(devices.outputs.map((d) => d.label)).toEqual(['Headset', 'Speakers']);
    await t.phone.selectOutput('spk-2');
    await until(() => t.phone.devices.selectedOutput === 'spk-2');
  });
});
