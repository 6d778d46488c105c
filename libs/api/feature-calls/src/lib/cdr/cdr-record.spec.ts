import { InvalidCdrError, recordFromCdr } from './cdr-record';

// Values as mod_json_cdr writes them for the queue call in shared/fixtures/esl/callcenter.esl.
const aLeg = {
  'core-uuid': '75527a14-18f8-45ad-82f9-9ca7b878bf9c',
  switchname: 'vm',
  variables: {
    uuid: 'b1027c8e-6525-4cc7-b6d3-86441ad2657b',
    call_uuid: 'b1027c8e-6525-4cc7-b6d3-86441ad2657b',
    direction: 'inbound',
    caller_id_number: 'sipp',
    caller_id_name: 'sipp',
    destination_number: '9200',
    start_uepoch: '1795324809098892',
    answer_uepoch: '1795324809098892',
    bridge_uepoch: '1795324809178901',
    end_uepoch: '1795324824138903',
    hold_accum_usec: '0',
    hangup_cause: 'NORMAL_CLEARING',
    sip_hangup_disposition: 'recv_bye',
    cc_queue: 'support@default',
    cc_agent: 'agent1000@default',
    cc_cause: 'answered',
    cc_queue_joined_epoch: '1795324809',
    cc_queue_answered_epoch: '1795324809',
    cc_queue_terminated_epoch: '1795324824',
  },
};

describe('recordFromCdr', () => {
  it('builds the same record the live events give for the fixture queue call', () => {
    const { record, legOf } = recordFromCdr(aLeg);
    expect(legOf).toBeUndefined();
    expect(record).toMatchObject({
      uuid: 'b1027c8e-6525-4cc7-b6d3-86441ad2657b',
      direction: 'INBOUND',
      fromNumber: 'sipp',
      toNumber: '9200',
      queueName: 'support@default',
      agentName: 'agent1000@default',
      queueOutcome: 'ANSWERED',
      hangupCause: 'NORMAL_CLEARING',
      hangupSide: 'CALLER',
      talkSeconds: 15,
      waitSeconds: 0,
    });
    expect(record.endedAt?.toISOString()).toBe('2026-11-22T05:20:24.138Z');
  });

  it('attaches an agent leg CDR to its caller call instead of making a call of it', () => {
    const { record, legOf } = recordFromCdr({
      'core-uuid': 'node',
      variables: {
        uuid: 'agent-leg',
        cc_member_session_uuid: 'caller-leg',
        start_uepoch: '1795324809138896',
        cc_agent: 'agent1000@default',
      },
    });
    expect(legOf).toBe('caller-leg');
    expect(record).toMatchObject({
      uuid: 'caller-leg',
      channelUuids: ['caller-leg', 'agent-leg'],
      agentName: 'agent1000@default',
    });
  });

  it('maps an abandoned queue call', () => {
    const { record } = recordFromCdr({
      ...aLeg,
      variables: {
        ...aLeg.variables,
        cc_agent: undefined,
        cc_cause: 'cancel',
        cc_cancel_reason: 'BREAK_OUT',
        bridge_uepoch: '0',
      },
    });
    expect(record).toMatchObject({ queueOutcome: 'ABANDONED', ccCancelReason: 'BREAK_OUT', bridgedAt: undefined });
  });

  it('refuses documents that are not CDRs with a clear error', () => {
    expect(() => recordFromCdr({})).toThrow(InvalidCdrError);
    expect(() => recordFromCdr({ variables: { uuid: 'x' } })).toThrow(/start_uepoch/);
  });
});
