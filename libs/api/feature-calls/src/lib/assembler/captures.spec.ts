import { CAPTURES, captureEvents } from '@switchboard/api/data-access-esl/testing';
import { CallAssembler } from './call-assembler';

// Expected values read off the real FreeSWITCH 1.11 captures by hand (see shared/fixtures/esl/README.md).
describe('call records from the real FreeSWITCH captures', () => {
  it('callcenter.esl: an outside caller queued on support@default and answered by agent1000', () => {
    const assembler = new CallAssembler();
    for (const { event } of captureEvents(CAPTURES.callcenter)) assembler.apply(event);
    const record = assembler.record('b1027c8e-6525-4cc7-b6d3-86441ad2657b');
    expect(record).toMatchObject({
      node: '75527a14-18f8-45ad-82f9-9ca7b878bf9c',
      channelUuids: ['b1027c8e-6525-4cc7-b6d3-86441ad2657b', '1fbf389a-bbb7-41e6-8e7a-9ade9591cb0f'],
      direction: 'INBOUND',
      fromNumber: 'sipp',
      fromName: 'sipp',
      toNumber: '9200',
      queueName: 'support@default',
      agentName: 'agent1000@default',
      queueOutcome: 'ANSWERED',
      waitSeconds: 0,
      talkSeconds: 15,
      holdSeconds: 0,
      hangupCause: 'NORMAL_CLEARING',
      hangupSide: 'CALLER',
    });
    // Caller-Channel-Created-Time 1795324809098892 µs; hangup of the caller leg 15 s later.
    expect(record?.startedAt.toISOString()).toBe('2026-11-22T05:20:09.098Z');
    expect(record?.answeredAt?.toISOString()).toMatch(/^2026-11-22T05:20:09\./);
    expect(record?.endedAt?.toISOString()).toMatch(/^2026-11-22T05:20:24\./);
    // The agent leg is part of the call, not a call of its own.
    expect(assembler.record('1fbf389a-bbb7-41e6-8e7a-9ade9591cb0f')).toBeUndefined();
  });

  it('sipp-call.esl: SIP user 1000 calls 9199, which plays a tone and hangs up', () => {
    const assembler = new CallAssembler();
    for (const { event } of captureEvents(CAPTURES.sippCall)) assembler.apply(event);
    const record = assembler.record('965976d0-2000-4ad1-a2e6-2cd4cb7631da');
    expect(record).toMatchObject({
      direction: 'INTERNAL',
      fromNumber: '1000',
      toNumber: '9199',
      queueName: undefined,
      talkSeconds: 3,
      waitSeconds: 0,
      hangupCause: 'NORMAL_CLEARING',
      // FreeSWITCH sent the BYE (send_bye) and no other leg existed: the system ended the call.
      hangupSide: 'SYSTEM',
    });
  });
});
