import { createEslEvent } from '@switchboard/api/data-access-esl';
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

// Switchboard's own freeswitch/ config on FreeSWITCH 1.11.2 with WebRTC consoles (testing/fixtures/README.md). Every
// time is checked against FreeSWITCH's own Caller-Channel-*-Time headers, not the events' arrival.
describe('call records from real WebRTC calls through our FreeSWITCH config', () => {
  const assembled = (capture: string): CallAssembler => {
    const assembler = new CallAssembler();
    for (const { event } of captureEvents(capture)) assembler.apply(event);
    return assembler;
  };

  it("a queue call answered by an agent: times are FreeSWITCH's, though HANGUP_COMPLETE came 15 s late", () => {
    const record = assembled(CAPTURES.webrtcQueueAnswered).record('45aa0e4a-235a-42b2-9045-8005eea50327');
    expect(record).toMatchObject({
      direction: 'INTERNAL',
      fromNumber: '2002',
      toNumber: '9200',
      queueName: 'support@switchboard.local',
      agentName: '2001@switchboard.local',
      queueOutcome: 'ANSWERED',
      hangupCause: 'NORMAL_CLEARING',
      hangupSide: 'CALLER',
      waitSeconds: 1, // queue join 51.664 → agent bridged 52.30
      talkSeconds: 3, // bridged 52.30 → hangup 55.164 (not 70.2, when HANGUP_COMPLETE arrived)
      holdSeconds: 0,
    });
    expect(record?.channelUuids).toEqual(['45aa0e4a-235a-42b2-9045-8005eea50327', expect.stringMatching(/^b475c433-/)]);
    expect(record?.startedAt.toISOString()).toBe('2026-12-04T03:45:51.583Z');
    expect(record?.endedAt?.toISOString()).toBe('2026-12-04T03:45:55.163Z');
  });

  it('knows the end, cause and talk the moment the caller hangs up (CHANNEL_HANGUP), before HANGUP_COMPLETE', () => {
    const assembler = new CallAssembler();
    for (const { event } of captureEvents(CAPTURES.webrtcQueueAnswered)) {
      if (event.name === 'CHANNEL_HANGUP_COMPLETE') break;
      assembler.apply(event);
    }
    expect(assembler.record('45aa0e4a-235a-42b2-9045-8005eea50327')).toMatchObject({
      hangupCause: 'NORMAL_CLEARING',
      talkSeconds: 3,
      endedAt: new Date('2026-12-04T03:45:55.163Z'),
    });
  });

  it('a caller who gave up in the queue: ABANDONED, waited their time in queue, talked 0', () => {
    const record = assembled(CAPTURES.webrtcQueueAbandoned).record('f94e61f3-b3e1-4fef-8d9d-739b18ff7397');
    expect(record).toMatchObject({
      queueName: 'support@switchboard.local',
      agentName: undefined,
      queueOutcome: 'ABANDONED',
      ccCancelReason: 'BREAK_OUT',
      waitSeconds: 4, // joined 32.824 → left 36.384
      talkSeconds: 0, // FreeSWITCH answered the caller for music on hold; nobody talked
      hangupSide: 'CALLER',
    });
    expect(record?.endedAt?.toISOString()).toBe('2026-12-04T03:42:16.383Z');
  });

  it('an agent-to-agent call with hold: hold out of talk, the callee hung up', () => {
    const record = assembled(CAPTURES.webrtcHoldDtmf).record('8424cfb7-4fb1-4042-ae15-76ab0114f91b');
    expect(record).toMatchObject({
      fromNumber: '2002',
      toNumber: '2001',
      holdSeconds: 2, // 75.844 → 78.124
      talkSeconds: 3, // bridged 74.524 → hangup 80.144, minus 2.28 s on hold
      hangupSide: 'CALLEE',
    });
  });
});

describe('a call already up when the API starts (adopted from uuid_dump, then followed)', () => {
  it('gets the same record as if every event had been seen', () => {
    const events = captureEvents(CAPTURES.webrtcQueueAnswered).map(({ event }) => event);
    const cut = events.findIndex((event) => event.name === 'CHANNEL_HANGUP');
    // What `uuid_dump UUID json` would have said at the cut: each live channel's latest headers, as CHANNEL_DATA.
    const latest = new Map<string, Record<string, string>>();
    for (const event of events.slice(0, cut))
      if (event.channelUuid && event.name !== 'CUSTOM') latest.set(event.channelUuid, { ...event.headers });
    const dumps = [...latest.values()].map((headers) => {
      const dump = createEslEvent({ ...headers, 'Event-Name': 'CHANNEL_DATA' }, undefined);
      if (typeof dump === 'string') throw new Error(dump);
      return dump;
    });

    const restarted = new CallAssembler();
    for (const dump of dumps) restarted.adopt(dump);
    for (const event of events.slice(cut)) restarted.apply(event);
    const seenAll = new CallAssembler();
    for (const event of events) seenAll.apply(event);

    const uuid = '45aa0e4a-235a-42b2-9045-8005eea50327';
    const { queueJoinedAt, bridgedAt, ...adopted } = restarted.record(uuid) ?? {};
    const { queueJoinedAt: joinedLive, bridgedAt: bridgedLive, ...live } = seenAll.record(uuid) ?? {};
    expect(adopted).toEqual(live);
    // uuid_dump has the queue join in whole seconds (cc_queue_joined_epoch), and the bridge as FreeSWITCH timed it.
    expect(Math.abs((queueJoinedAt?.getTime() ?? 0) - (joinedLive?.getTime() ?? 0))).toBeLessThan(1000);
    expect(Math.abs((bridgedAt?.getTime() ?? 0) - (bridgedLive?.getTime() ?? 0))).toBeLessThan(100);
    expect(adopted).toMatchObject({
      queueName: 'support@switchboard.local',
      agentName: '2001@switchboard.local',
      talkSeconds: 3,
      queueOutcome: 'ANSWERED',
    });
  });
});
