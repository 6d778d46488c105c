import { createTestSoftphone, type TestSoftphone } from '../../testing/test-softphone';
import { describeSipMessage, RingBuffer, SipTrace } from './trace';
import { CallState } from './types';

const message = (callId: string, n: number): string =>
  `OPTIONS sip:x@y SIP/2.0\r\nCall-ID: ${callId}\r\nCSeq: ${n} OPTIONS\r\nContent-Length: 0\r\n\r\n`;

describe('SIP trace', () => {
  it('keeps only the newest entries in a bounded ring buffer', () => {
    const buffer = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i += 1) buffer.push(i);
    expect(buffer.toArray()).toEqual([3, 4, 5]);
    expect(buffer.size).toBe(3);
  });

  it('bounds the whole trace, each dialog, and the number of dialogs', () => {
    const trace = new SipTrace(5, 2, 2);
    for (let i = 1; i <= 4; i += 1) trace.record(describeSipMessage(message('a', i), 'out', i));
    trace.record(describeSipMessage(message('b', 1), 'in', 5));
    trace.record(describeSipMessage(message('c', 1), 'in', 6));
    expect(trace.entries()).toHaveLength(5);
    expect(trace.entries('a')).toEqual([]); // least recent dialog forgotten once a third appeared
    expect(trace.entries('b').map((e) => e.at)).toEqual([5]);
    expect(trace.entries('c')[0]?.summary).toBe('OPTIONS');
  });

  it('summarises responses with their CSeq method', () => {
    const entry = describeSipMessage('SIP/2.0 180 Ringing\r\nCall-ID: z\r\nCSeq: 1 INVITE\r\n\r\n', 'in', 1);
    expect(entry).toMatchObject({ summary: '180 Ringing (INVITE)', callId: 'z', direction: 'in' });
  });

  describe('in a softphone', () => {
    let t: TestSoftphone;
    afterEach(async () => t.dispose());

    it('records every SIP message of a call, in and out, retrievable per call', async () => {
      t = createTestSoftphone({ traceSize: 50, tracePerCallSize: 20 });
      await t.phone.start(t.account);
      t.server.onInvite = (invite) => {
        invite.ringing();
        invite.answer();
      };
      const call = await t.phone.dial('2000');
      await t.waitForCall((c) => c.id === call.id && c.state === CallState.Established);
      const summaries = t.phone.traceOf(call.id).map((e) => `${e.direction} ${e.summary}`);
      expect(summaries.slice(0, 4)).toEqual([
        'out INVITE',
        'in 100 Trying (INVITE)',
        'in 180 Ringing (INVITE)',
        'in 200 OK (INVITE)',
      ]);
      expect(summaries).toContain('out ACK');
      expect(t.phone.traceOf().some((e) => e.summary.startsWith('REGISTER'))).toBe(true);
      expect(t.phone.traceOf().length).toBeLessThanOrEqual(50);
    });
  });
});
