import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidCdrError, type JsonCdr, recordFromCdr } from './cdr-record';

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

  /** The CDR of the leg mod_callcenter rang for agent1000 (it sets cc_agent on every leg it rings). */
  const agentLeg = (extra: Record<string, string>) =>
    recordFromCdr({
      'core-uuid': 'node',
      variables: {
        uuid: '1fbf389a-bbb7-41e6-8e7a-9ade9591cb0f',
        cc_member_session_uuid: 'b1027c8e-6525-4cc7-b6d3-86441ad2657b',
        start_uepoch: '1795324809138896',
        cc_agent: 'agent1000@default',
        ...extra,
      },
    });

  it('attaches an agent leg CDR to its caller call instead of making a call of it', () => {
    const { record, legOf } = agentLeg({ answer_uepoch: '1795324811000000' });
    expect(legOf).toBe('b1027c8e-6525-4cc7-b6d3-86441ad2657b');
    expect(record).toMatchObject({
      uuid: 'b1027c8e-6525-4cc7-b6d3-86441ad2657b',
      channelUuids: ['b1027c8e-6525-4cc7-b6d3-86441ad2657b', '1fbf389a-bbb7-41e6-8e7a-9ade9591cb0f'],
      agentName: 'agent1000@default',
    });
  });

  it('does not give the call to an agent whose leg rang and was never answered (a missed offer)', () => {
    const { record, legOf } = agentLeg({ answer_uepoch: '0', hangup_cause: 'NO_ANSWER' });
    expect(legOf).toBe('b1027c8e-6525-4cc7-b6d3-86441ad2657b');
    expect(record.channelUuids).toContain('1fbf389a-bbb7-41e6-8e7a-9ade9591cb0f');
    expect(record.agentName).toBeUndefined();
  });

  it('attaches the CDR of a loopback A leg (originate loopback/<number>) to its B leg’s call', () => {
    const variables = {
      uuid: '3d50503d-b46a-4ce0-b2c3-67382c64ea46',
      direction: 'outbound',
      loopback_leg: 'A',
      other_loopback_leg_uuid: '38835393-4f24-4ff5-9d0e-10d1c0eb259e',
      start_uepoch: '1795324809138896',
    };
    const { record, legOf } = recordFromCdr({ 'core-uuid': 'node', variables });
    expect(legOf).toBe('38835393-4f24-4ff5-9d0e-10d1c0eb259e');
    expect(record.channelUuids).toEqual([variables.other_loopback_leg_uuid, variables.uuid]);
    // The B leg's CDR names the A leg too, but is the call itself.
    const bLeg = {
      ...variables,
      uuid: variables.other_loopback_leg_uuid,
      loopback_leg: 'B',
      other_loopback_leg_uuid: variables.uuid,
    };
    expect(recordFromCdr({ 'core-uuid': 'node', variables: bLeg }).legOf).toBeUndefined();
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
    expect(() => recordFromCdr({ variables: { uuid: 'b1027c8e-6525-4cc7-b6d3-86441ad2657b' } })).toThrow(
      /start_uepoch/,
    );
  });
});

describe('recordFromCdr on real FreeSWITCH 1.11.2 CDRs of a queue call (testing/fixtures)', () => {
  const fixture = (name: string): JsonCdr =>
    JSON.parse(readFileSync(join(__dirname, '../../../testing/fixtures', name), 'utf8')) as JsonCdr;

  it('reads a callflow with null, text or number entries as if they were missing, and refuses nothing for it', () => {
    for (const junk of [null, 'x', 7, [null], { caller_profile: null }, { profile_index: {}, caller_profile: 'x' }]) {
      const cdr = fixture('cdr-queue-a-leg.json');
      const flows = Array.isArray(cdr.callflow) ? cdr.callflow : [];
      const { record } = recordFromCdr({ ...cdr, callflow: [junk, ...flows] as unknown as JsonCdr['callflow'] });
      expect(record.fromNumber).toBe('2002');
      expect(() => recordFromCdr({ ...cdr, callflow: junk as unknown as JsonCdr['callflow'] })).not.toThrow(TypeError);
    }
  });

  it("reads the caller and number from the callflow's first caller profile, and the queue times", () => {
    const { record, legOf } = recordFromCdr(fixture('cdr-queue-a-leg.json'));
    expect(legOf).toBeUndefined();
    expect(record).toMatchObject({
      uuid: '3378d1c7-1951-4f16-abfb-b319ba26faff',
      direction: 'INTERNAL',
      fromNumber: '2002',
      fromName: 'Ben Phone',
      toNumber: '9200',
      queueName: 'support@switchboard.local',
      agentName: '2001@switchboard.local',
      queueOutcome: 'ANSWERED',
      hangupCause: 'NORMAL_CLEARING',
      hangupSide: 'CALLER',
      waitSeconds: 3, // joined at epoch …627, agent bridged at …629.84
      talkSeconds: 4, // bridged …629.84 → ended …633.68
    });
    expect(record.startedAt.toISOString()).toBe('2026-12-04T03:40:27.103Z');
    expect(record.endedAt?.toISOString()).toBe('2026-12-04T03:40:33.683Z');
  });

  it("the agent leg's CDR joins the caller's call", () => {
    const { record, legOf } = recordFromCdr(fixture('cdr-queue-agent-leg.json'));
    expect(legOf).toBe('3378d1c7-1951-4f16-abfb-b319ba26faff');
    expect(record.channelUuids).toEqual([
      '3378d1c7-1951-4f16-abfb-b319ba26faff',
      '9c75f812-c4ce-4c98-ae68-1dbd14ca3e79',
    ]);
    expect(record.agentName).toBe('2001@switchboard.local');
  });

  it.each([
    ['uuid', { uuid: { nested: true } }, /variables\.uuid must be a string/],
    ['uuid', { uuid: 42 }, /variables\.uuid must be a string/],
    ['uuid', { uuid: 'x'.repeat(5000) }, /variables\.uuid must be a FreeSWITCH UUID/],
    ['end_uepoch', { end_uepoch: '9'.repeat(30) }, /end_uepoch must be a number/],
    ['start_uepoch', { start_uepoch: '99999999999999999' }, /start_uepoch is not a time between 2000 and 2100/],
    ['cc_queue_joined_epoch', { cc_queue_joined_epoch: '-5' }, /cc_queue_joined_epoch must be a number of seconds/],
  ])('refuses a corrupt %s with a reason instead of failing', (_, patch, reason) => {
    const cdr = fixture('cdr-queue-a-leg.json');
    expect(() =>
      recordFromCdr({ ...cdr, variables: { ...cdr.variables, ...(patch as Record<string, string>) } }),
    ).toThrow(reason);
  });
});
