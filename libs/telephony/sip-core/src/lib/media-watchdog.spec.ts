import { createTestSoftphone, type TestSoftphone } from '../../testing/test-softphone';
import type { AnySoftphoneError } from './errors';
import { CallState } from './types';

describe('media watchdog: a call confirmed in SIP without a media path', () => {
  let t: TestSoftphone;
  const errors: AnySoftphoneError[] = [];
  beforeEach(async () => {
    errors.length = 0;
    t = createTestSoftphone({ mediaTimeoutMs: 150 });
    t.phone.on('error', (error) => errors.push(error));
    await t.phone.start(t.account);
  });
  afterEach(async () => t.dispose());

  async function establish(): Promise<string> {
    t.server.onInvite = (invite) => invite.answer();
    const call = await t.phone.dial('2000');
    await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
    return call.id;
  }

  it('flags the call and emits a NoMediaError when ICE never connects and no packet arrives', async () => {
    t.webrtc.setMediaFlows(false);
    const id = await establish();
    const flagged = await t.waitForCall((c) => c.id === id && c.noMedia);
    expect(flagged.state).toBe(CallState.Established);
    expect(errors.map((e) => e.name)).toEqual(['NoMediaError']);
    expect(errors[0]?.message).toMatch(/no audio is coming through/);
  });

  it('stays quiet while packets arrive, even before ICE reports connected', async () => {
    const id = await establish();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(t.changes.filter((c) => c.id === id).some((c) => c.noMedia)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('stays quiet when the path is connected but nothing arrives (a call we hold gets no audio)', async () => {
    t.webrtc.setMediaFlows(false);
    const id = await establish();
    for (const pc of t.webrtc.peerConnections) pc.connectionState = 'connected';
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(t.changes.filter((c) => c.id === id).some((c) => c.noMedia)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('says nothing about a call that ended before the check', async () => {
    t.webrtc.setMediaFlows(false);
    const id = await establish();
    t.phone.hangup(id);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(errors).toEqual([]);
  });
});
