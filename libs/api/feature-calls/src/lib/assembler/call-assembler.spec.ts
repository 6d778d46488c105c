import { CallAssembler } from './call-assembler';
import { type EslEvent, createEslEvent } from '@switchboard/api/data-access-esl';

const NODE = 'core-1';
const T0 = 1_795_305_600_000_000n; // 2026-11-22T00:00:00Z

/** Builds events in order with increasing Event-Sequence; `at` is seconds after T0. */
function stream() {
  let sequence = 100;
  return (name: string, at: number, headers: Record<string, string> = {}): EslEvent => {
    const event = createEslEvent(
      {
        'Event-Name': name,
        'Core-UUID': NODE,
        'Event-Sequence': String(sequence++),
        'Event-Date-Timestamp': String(T0 + BigInt(Math.round(at * 1e6))),
        ...headers,
      },
      undefined,
    );
    if (typeof event === 'string') throw new Error(event);
    return event;
  };
}

const cc = (action: string, extra: Record<string, string>) => ({
  'Event-Subclass': 'callcenter::info',
  'CC-Action': action,
  ...extra,
});

function queueCall(options: {
  answered: boolean;
  cancelReason?: string;
  holdFrom?: number;
  holdTo?: number;
  callerHangsUp?: boolean;
}): EslEvent[] {
  const e = stream();
  const a = {
    'Unique-ID': 'a-leg',
    'Call-Direction': 'inbound',
    'Caller-Caller-ID-Number': '+15551230000',
    'Caller-Caller-ID-Name': 'Pat Caller',
    'Caller-Destination-Number': '9200',
  };
  const member = { 'CC-Queue': 'support@default', 'CC-Member-UUID': 'member-1', 'CC-Member-Session-UUID': 'a-leg' };
  const events = [
    e('CHANNEL_CREATE', 0, a),
    e('CHANNEL_ANSWER', 0.5, a),
    e('CUSTOM', 1, cc('member-queue-start', member)),
  ];
  if (!options.answered) {
    events.push(
      e(
        'CUSTOM',
        31,
        cc('member-queue-end', {
          ...member,
          'CC-Cause': 'Cancel',
          'CC-Cancel-Reason': options.cancelReason ?? 'BREAK_OUT',
        }),
      ),
    );
    events.push(
      e('CHANNEL_HANGUP_COMPLETE', 31, {
        ...a,
        'Hangup-Cause': 'NORMAL_CLEARING',
        variable_sip_hangup_disposition: 'recv_bye',
      }),
    );
    return events;
  }
  const b = { 'Unique-ID': 'agent-leg', 'Call-Direction': 'outbound', variable_cc_member_session_uuid: 'a-leg' };
  events.push(
    e('CHANNEL_CREATE', 11, b),
    e('CHANNEL_ANSWER', 13, b),
    e(
      'CUSTOM',
      13,
      cc('bridge-agent-start', { ...member, 'CC-Agent': 'agent1000@default', 'CC-Agent-UUID': 'agent-leg' }),
    ),
    e('CHANNEL_BRIDGE', 13.1, { ...a, 'Other-Leg-Unique-ID': 'agent-leg' }),
  );
  if (options.holdFrom !== undefined && options.holdTo !== undefined) {
    events.push(e('CHANNEL_HOLD', options.holdFrom, b), e('CHANNEL_UNHOLD', options.holdTo, b));
  }
  const callerHangsUp = options.callerHangsUp ?? true;
  events.push(
    e('CHANNEL_HANGUP_COMPLETE', 73, {
      ...b,
      'Hangup-Cause': 'NORMAL_CLEARING',
      variable_sip_hangup_disposition: callerHangsUp ? 'send_bye' : 'recv_bye',
    }),
    e('CUSTOM', 73, cc('member-queue-end', { ...member, 'CC-Agent': 'agent1000@default', 'CC-Cause': 'Terminated' })),
    e('CHANNEL_HANGUP_COMPLETE', 73, {
      ...a,
      'Hangup-Cause': 'NORMAL_CLEARING',
      variable_sip_hangup_disposition: callerHangsUp ? 'recv_bye' : 'send_bye',
    }),
  );
  return events;
}

function assemble(events: EslEvent[]) {
  const assembler = new CallAssembler();
  for (const event of events) assembler.apply(event);
  return assembler;
}

describe('CallAssembler', () => {
  it('builds one record for an answered queue call across the caller and agent legs', () => {
    const record = assemble(queueCall({ answered: true })).record('a-leg');
    expect(record).toMatchObject({
      uuid: 'a-leg',
      node: NODE,
      channelUuids: ['a-leg', 'agent-leg'],
      direction: 'INBOUND',
      fromNumber: '+15551230000',
      fromName: 'Pat Caller',
      toNumber: '9200',
      queueName: 'support@default',
      agentName: 'agent1000@default',
      waitSeconds: 12,
      talkSeconds: 60,
      holdSeconds: 0,
      hangupCause: 'NORMAL_CLEARING',
      hangupSide: 'CALLER',
      queueOutcome: 'ANSWERED',
    });
    expect(record?.startedAt.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(record?.bridgedAt?.toISOString()).toBe('2026-11-22T00:00:13.000Z');
    expect(record?.endedAt?.toISOString()).toBe('2026-11-22T00:01:13.000Z');
  });

  it('takes hold time out of talk time', () => {
    const record = assemble(queueCall({ answered: true, holdFrom: 20, holdTo: 35 })).record('a-leg');
    expect(record).toMatchObject({ holdSeconds: 15, talkSeconds: 45 });
  });

  it('says the agent hung up when the agent leg received the BYE', () => {
    expect(assemble(queueCall({ answered: true, callerHangsUp: false })).record('a-leg')?.hangupSide).toBe('CALLEE');
  });

  it.each([
    ['BREAK_OUT', 'ABANDONED'],
    ['TIMEOUT', 'TIMEOUT'],
    ['NO_AGENT_TIMEOUT', 'NO_AGENT'],
  ])('records a caller who left the queue with %s as %s, waiting until they left', (reason, outcome) => {
    const record = assemble(queueCall({ answered: false, cancelReason: reason })).record('a-leg');
    expect(record).toMatchObject({
      queueOutcome: outcome,
      ccCancelReason: reason,
      waitSeconds: 30,
      agentName: undefined,
    });
    // FreeSWITCH answered the caller's leg (music on hold), but no agent ever talked with them.
    expect(record?.talkSeconds).toBe(0);
  });

  it('ignores a replayed stream: same record, nothing reported as changed', () => {
    const events = queueCall({ answered: true });
    const assembler = assemble(events);
    const before = assembler.record('a-leg');
    const changes = events.map((event) => assembler.apply(event).changed).filter(Boolean);
    expect(changes).toEqual([]);
    expect(assembler.record('a-leg')).toEqual(before);
  });

  it('applies an event delivered after a later-numbered one (FreeSWITCH does not always deliver in order)', () => {
    const events = queueCall({ answered: true });
    const hangup = events.length - 1;
    const reordered = [...events.slice(0, hangup - 1), events[hangup], events[hangup - 1]].filter(
      (e): e is EslEvent => e !== undefined,
    );
    expect(assemble(reordered).record('a-leg')).toMatchObject({
      queueOutcome: 'ANSWERED',
      hangupSide: 'CALLER',
      talkSeconds: 60,
    });
  });

  it('does not invent a call from the middle of one (connected after it started)', () => {
    const e = stream();
    const assembler = new CallAssembler();
    expect(assembler.apply(e('CHANNEL_ANSWER', 1, { 'Unique-ID': 'unknown' }))).toEqual({});
    expect(assembler.record('unknown')).toBeUndefined();
  });

  it('classifies calls by who placed them: internal between users, outbound to long numbers', () => {
    const e = stream();
    const user = { variable_sip_authorized: 'true', 'Call-Direction': 'inbound' };
    const assembler = assemble([
      e('CHANNEL_CREATE', 0, { ...user, 'Unique-ID': 'x1', 'Caller-Destination-Number': '1002' }),
      e('CHANNEL_CREATE', 0, { ...user, 'Unique-ID': 'x2', 'Caller-Destination-Number': '+442071234567' }),
      e('CHANNEL_CREATE', 0, { 'Unique-ID': 'x3', 'Call-Direction': 'inbound', 'Caller-Destination-Number': '9200' }),
    ]);
    expect(['x1', 'x2', 'x3'].map((uuid) => assembler.record(uuid)?.direction)).toEqual([
      'INTERNAL',
      'OUTBOUND',
      'INBOUND',
    ]);
  });

  it('keeps a blind-transferred call as one record: the new leg joins through Channel-Call-UUID', () => {
    const e = stream();
    const assembler = assemble([
      e('CHANNEL_CREATE', 0, {
        'Unique-ID': 'caller',
        'Call-Direction': 'inbound',
        'Caller-Destination-Number': '1001',
      }),
      e('CHANNEL_CREATE', 1, { 'Unique-ID': 'first', 'Channel-Call-UUID': 'caller' }),
      e('CHANNEL_BRIDGE', 3, { 'Unique-ID': 'caller', 'Other-Leg-Unique-ID': 'first' }),
      e('CHANNEL_HANGUP_COMPLETE', 20, { 'Unique-ID': 'first', variable_endpoint_disposition: 'BLIND_TRANSFER' }),
      e('CHANNEL_CREATE', 20, { 'Unique-ID': 'second', 'Channel-Call-UUID': 'caller' }),
      e('CHANNEL_HANGUP_COMPLETE', 50, {
        'Unique-ID': 'caller',
        'Hangup-Cause': 'NORMAL_CLEARING',
        variable_sip_hangup_disposition: 'recv_bye',
      }),
    ]);
    expect(assembler.record('caller')).toMatchObject({
      channelUuids: ['caller', 'first', 'second'],
      talkSeconds: 47,
      hangupSide: 'CALLER',
    });
    expect(assembler.record('second')).toBeUndefined();
  });

  it('taken in mid-call from uuid_dump, gives the call to an agent whose leg answered, not to one still ringing', () => {
    const e = stream();
    const caller = e('CHANNEL_DATA', 1, {
      'Unique-ID': 'caller',
      'Call-Direction': 'inbound',
      'Caller-Destination-Number': '9200',
      'Caller-Channel-Answered-Time': '1795324800000000',
      variable_cc_queue: 'support@default',
    });
    const agentLeg = (answeredUs: string) =>
      e('CHANNEL_DATA', 1, {
        'Unique-ID': 'agent-leg',
        'Call-Direction': 'outbound',
        'Caller-Channel-Answered-Time': answeredUs,
        variable_cc_side: 'agent',
        variable_cc_agent: 'agent1000@default',
        variable_cc_member_session_uuid: 'caller',
      });
    const ringing = new CallAssembler();
    ringing.adopt(caller);
    ringing.adopt(agentLeg('0'));
    expect(ringing.record('caller')?.agentName).toBeUndefined();
    const talking = new CallAssembler();
    talking.adopt(caller);
    talking.adopt(agentLeg('1795324810000000'));
    expect(talking.record('caller')?.agentName).toBe('agent1000@default');
  });

  describe('a call placed by originate loopback/<number> (the demo caller)', () => {
    /** The A leg plays the caller, the B leg runs the dialplan into the queue; only other_loopback_leg_uuid links them. */
    function loopbackCall(bLegFirst: boolean): EslEvent[] {
      const e = stream();
      const caller = { 'Caller-Caller-ID-Number': '+15550199', 'Caller-Caller-ID-Name': 'Demo caller' };
      const aLeg = {
        ...caller,
        'Unique-ID': 'loop-a',
        'Call-Direction': 'outbound',
        'Caller-Destination-Number': '3104',
        variable_other_loopback_leg_uuid: 'loop-b',
      };
      const bLeg = {
        ...caller,
        'Unique-ID': 'loop-b',
        'Call-Direction': 'inbound',
        'Caller-Destination-Number': '3104',
        variable_other_loopback_leg_uuid: 'loop-a',
      };
      const member = { 'CC-Queue': 'live@default', 'CC-Member-UUID': 'm-loop', 'CC-Member-Session-UUID': 'loop-b' };
      const creates = [e('CHANNEL_CREATE', 0, aLeg), e('CHANNEL_CREATE', 0, bLeg)];
      const agent = {
        'Unique-ID': 'agent-leg',
        'Call-Direction': 'outbound',
        variable_cc_member_session_uuid: 'loop-b',
      };
      return [
        ...(bLegFirst ? creates.reverse() : creates),
        e('CHANNEL_ANSWER', 0.2, { ...bLeg, 'Caller-Channel-Answered-Time': String(T0 + 200_000n) }),
        e('CHANNEL_ANSWER', 0.2, { ...aLeg, 'Caller-Callee-ID-Name': 'Outbound Call' }),
        e('CUSTOM', 0.3, cc('member-queue-start', member)),
        e('CHANNEL_CREATE', 5, agent),
        e('CHANNEL_ANSWER', 7, { ...agent, 'Caller-Callee-ID-Name': 'Ada Agent' }),
        e(
          'CUSTOM',
          7,
          cc('bridge-agent-start', { ...member, 'CC-Agent': 'agent1000@default', 'CC-Agent-UUID': 'agent-leg' }),
        ),
        e('CHANNEL_BRIDGE', 7.1, { ...bLeg, 'Other-Leg-Unique-ID': 'agent-leg' }),
        e('CHANNEL_HANGUP', 30, { ...aLeg, 'Hangup-Cause': 'NORMAL_CLEARING' }),
        e('CHANNEL_HANGUP_COMPLETE', 30, { ...aLeg, 'Hangup-Cause': 'NORMAL_CLEARING' }),
        e('CHANNEL_HANGUP_COMPLETE', 30, { ...agent, 'Hangup-Cause': 'NORMAL_CLEARING' }),
        e(
          'CUSTOM',
          30,
          cc('member-queue-end', { ...member, 'CC-Agent': 'agent1000@default', 'CC-Cause': 'Terminated' }),
        ),
        e('CHANNEL_HANGUP_COMPLETE', 30, { ...bLeg, 'Hangup-Cause': 'NORMAL_CLEARING' }),
      ];
    }

    it.each([
      ['the A leg', false],
      ['the B leg', true],
    ])('makes one call of both legs when FreeSWITCH announces %s first, told by the B leg', (_, bLegFirst) => {
      const events = loopbackCall(bLegFirst);
      const assembler = new CallAssembler();
      const calls = new Set(events.map((event) => assembler.apply(event).callUuid).filter(Boolean));
      expect([...calls]).toEqual(['loop-b']);
      expect(assembler.record('loop-a')).toBeUndefined();
      expect(assembler.record('loop-b')).toMatchObject({
        channelUuids: expect.arrayContaining(['loop-a', 'loop-b', 'agent-leg']),
        fromName: 'Demo caller',
        toName: 'Ada Agent',
        queueName: 'live@default',
        agentName: 'agent1000@default',
        queueOutcome: 'ANSWERED',
        waitSeconds: 7,
        talkSeconds: 23,
      });
      expect(assembler.callOf('loop-a')).toBe('loop-b');
    });

    it('groups a loopback pair taken in mid-call from uuid_dump, in either order', () => {
      const e = stream();
      const dump = (uuid: string, leg: 'A' | 'B', other: string, direction: string) =>
        e('CHANNEL_DATA', 1, {
          'Unique-ID': uuid,
          'Call-Direction': direction,
          'Caller-Destination-Number': '3104',
          variable_loopback_leg: leg,
          variable_other_loopback_leg_uuid: other,
        });
      for (const order of [
        ['A', 'B'],
        ['B', 'A'],
      ]) {
        const assembler = new CallAssembler();
        for (const leg of order)
          assembler.adopt(
            leg === 'A' ? dump('loop-a', 'A', 'loop-b', 'outbound') : dump('loop-b', 'B', 'loop-a', 'inbound'),
          );
        expect(assembler.record('loop-a')).toBeUndefined();
        expect(assembler.callOf('loop-a')).toBe('loop-b');
      }
    });
  });
});
