import { createTestSoftphone, until, type TestSoftphone } from '../../testing/test-softphone';
import { header, uriOf } from '../../testing/sip-message';
import { FakeAudioContext } from '../../testing/fake-webrtc';
import { CallState, type CallInfo } from './types';

describe('transfers and conference', () => {
  let t: TestSoftphone;
  const progress: string[] = [];
  beforeEach(async () => {
    progress.length = 0;
    t = createTestSoftphone();
    await t.phone.start(t.account);
    t.server.onInvite = (invite) => invite.answer();
    t.phone.on('transferProgress', ({ status }) => progress.push(status));
  });
  afterEach(async () => t.dispose());

  const established = async (target: string): Promise<CallInfo> => {
    const call = await t.phone.dial(target);
    return t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
  };

  it('blind transfer: REFER with Refer-To and Referred-By, NOTIFY 200 ends our leg as transferred', async () => {
    const call = await established('2000');
    await t.phone.blindTransfer('3000', call.id);
    const refer = t.server.requests('REFER')[0];
    expect(uriOf(header(refer, 'refer-to'))).toBe('sip:3000@pbx.test');
    expect(header(refer, 'referred-by')).toBe('<sip:1001@pbx.test>');
    expect(header(refer, 'call-id')).toBe(call.sipCallId);
    const ended = await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ended);
    expect(ended.endReason).toBe('transferred');
    expect(progress).toEqual(['accepted', 'trying', 'succeeded']);
    // NOTIFYs were acknowledged with 200 by the softphone.
    await until(
      () => t.server.received.filter((m) => m.status === 200 && header(m, 'cseq').endsWith('NOTIFY')).length === 2,
    );
  });

  it('blind transfer that the far end reports as failed keeps the call', async () => {
    t.server.referOutcome = 486;
    const call = await established('2000');
    await expect(t.phone.blindTransfer('3000', call.id)).rejects.toMatchObject({
      name: 'TransferError',
      statusCode: 486,
    });
    expect(t.phone.calls.find((c) => c.id === call.id)?.state).toBe(CallState.Established);
    expect(progress.at(-1)).toBe('failed');
  });

  it('attended transfer: consultation holds the first call, then REFER carries Replaces of the consultation dialog', async () => {
    const original = await established('2000');
    const consultation = await t.phone.startConsultation('3000', original.id);
    expect(t.phone.calls.find((c) => c.id === original.id)?.onHold).toBe(true);
    await t.waitForCall((c) => c.id === consultation.id && c.state === CallState.Established);
    const [, consultInvite] = t.server.invites;

    await t.phone.attendedTransfer(consultation.id, original.id);
    const refer = t.server.requests('REFER')[0];
    expect(header(refer, 'call-id')).toBe(original.sipCallId);
    const referTo = uriOf(header(refer, 'refer-to'));
    const [target, query] = referTo.split('?Replaces=');
    expect(target).toBe('sip:3000@pbx.test');
    const fromTag = /tag=([^;]+)/.exec(header(consultInvite.request, 'from'))?.[1];
    expect(decodeURIComponent(query)).toBe(
      `${header(consultInvite.request, 'call-id')};to-tag=${consultInvite.toTag};from-tag=${fromTag}`,
    );
    await t.waitForCall((c) => c.id === original.id && c.state === CallState.Ended);
    const consultEnded = await t.waitForCall((c) => c.id === consultation.id && c.state === CallState.Ended);
    expect(consultEnded.endReason).toBe('transferred');
  });

  it('refuses to transfer a call that is still ringing', async () => {
    t.server.onInvite = (invite) => invite.ringing();
    const call = await t.phone.dial('2000');
    await t.waitForCall((c) => c.id === call.id && c.state === CallState.Ringing);
    await expect(t.phone.blindTransfer('3000', call.id)).rejects.toMatchObject({ name: 'CallStateError' });
  });

  it('conference: unholds the held call and sends each party our microphone mixed with the other party', async () => {
    const first = await established('2000');
    const second = await t.phone.startConsultation('3000', first.id);
    await t.waitForCall((c) => c.id === second.id && c.state === CallState.Established);
    const [pcFirst, pcSecond] = t.webrtc.peerConnections;
    const micFirst = pcFirst.getSenders()[0].track;

    await t.phone.conference(first.id, second.id);
    expect(t.phone.calls.map((c) => [c.state, c.conferenced])).toEqual([
      [CallState.Established, true],
      [CallState.Established, true],
    ]);
    const [ctx] = FakeAudioContext.instances.slice(-1);
    expect(pcFirst.getSenders()[0].track?.label).toBe('conference mix');
    expect(pcSecond.getSenders()[0].track?.label).toBe('conference mix');
    // Each mix = that call's microphone + the other call's remote audio.
    expect(ctx.sources).toHaveLength(4);
    expect(ctx.mixes).toHaveLength(2);
    expect(ctx.sources.filter((s) => s.connections.includes(ctx.mixes[0]))).toHaveLength(2);

    t.phone.mute(first.id);
    expect(micFirst?.enabled).toBe(false);
    expect(pcFirst.getSenders()[0].track?.enabled).toBe(true); // the other party still hears the third

    await t.phone.splitConference();
    expect(pcFirst.getSenders()[0].track).toBe(micFirst);
    expect(t.phone.calls.find((c) => c.id === second.id)).toMatchObject({ state: CallState.Held, conferenced: false });
    expect(ctx.closed).toBe(true);
  });
});
