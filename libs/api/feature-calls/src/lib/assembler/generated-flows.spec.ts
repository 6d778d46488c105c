import { type CallScenarioKind, Prng, buildCall, stampEvent } from '@switchboard/api/data-access-esl/testing';
import { createEslEvent } from '@switchboard/api/data-access-esl';
import { CallAssembler } from './call-assembler';

const identity = { coreUuid: 'core-sim', hostname: 'sim', ipv4: '192.0.2.2' };
const agent = { name: 'agent1000@default', extension: '1000' };
const otherAgent = { name: 'agent1001@default', extension: '1001' };

/** Builds one simulated call of `kind`, feeds its events to an assembler, returns the caller's record. */
function record(kind: CallScenarioKind, options: { hold?: boolean } = {}) {
  const call = buildCall(kind, {
    prng: new Prng(11),
    startUs: 1_795_305_600_000_000n,
    queue: 'support@default',
    queueExtension: '9200',
    callerNumber: '+15551234567',
    callerName: 'Sim Caller',
    agent,
    otherAgent,
    hold: options.hold,
  });
  const assembler = new CallAssembler();
  let sequence = 0n;
  for (const { event } of call.events) {
    const esl = createEslEvent(
      Object.fromEntries(stampEvent(event, identity, ++sequence, event.timestampUs)),
      event.body,
    );
    if (typeof esl === 'string') throw new Error(esl);
    assembler.apply(esl);
  }
  const uuid = call.callerUuid ?? call.agentUuid;
  if (!uuid) throw new Error('scenario has no first leg');
  const built = assembler.record(uuid);
  if (!built) throw new Error(`no record for ${kind}`);
  return { built, call };
}

describe('call records for every simulated flow', () => {
  it('answered queue call: agent, outcome, wait until the bridge, talk until hangup', () => {
    const { built, call } = record('answered');
    expect(built).toMatchObject({
      direction: 'INBOUND',
      queueName: 'support@default',
      agentName: 'agent1000@default',
      queueOutcome: 'ANSWERED',
      hangupCause: expect.any(String),
    });
    expect(built.channelUuids).toEqual(expect.arrayContaining([call.callerUuid, call.agentUuid]));
    expect(built.talkSeconds).toBeGreaterThan(0);
    expect(built.endedAt?.getTime()).toBeLessThanOrEqual(Number(call.endUs / 1000n));
  });

  it.each([
    ['abandoned', 'ABANDONED', 'BREAK_OUT'],
    ['timeout', 'TIMEOUT', 'TIMEOUT'],
    ['no-agent', 'NO_AGENT', 'NO_AGENT_TIMEOUT'],
  ] as const)('%s queue call → %s (%s), no agent, waited until leaving', (kind, outcome, reason) => {
    const { built } = record(kind);
    expect(built).toMatchObject({
      queueOutcome: outcome,
      ccCancelReason: reason,
      agentName: undefined,
      bridgedAt: undefined,
    });
    expect(built.waitSeconds).toBeGreaterThan(0);
    expect(built.waitSeconds).toBe(
      Math.round(((built.queueLeftAt?.getTime() ?? NaN) - (built.queueJoinedAt?.getTime() ?? NaN)) / 1000),
    );
  });

  it('hold time is counted and taken out of talk time', () => {
    const { built } = record('answered', { hold: true });
    expect(built.holdSeconds).toBeGreaterThan(0);
    const connected = ((built.endedAt?.getTime() ?? NaN) - (built.bridgedAt?.getTime() ?? NaN)) / 1000;
    expect(built.talkSeconds).toBe(Math.max(0, Math.round(connected - built.holdSeconds)));
  });

  it('agent-to-agent call is INTERNAL, an agent dialling out is OUTBOUND, neither has a queue', () => {
    expect(record('agent-to-agent').built).toMatchObject({
      direction: 'INTERNAL',
      queueName: undefined,
      fromNumber: '1000',
      toNumber: '1001',
    });
    expect(record('outbound').built).toMatchObject({ direction: 'OUTBOUND', queueName: undefined });
  });

  it('a blind transfer stays one call with the transfer target as another leg', () => {
    const { built, call } = record('blind-transfer');
    expect(built).toMatchObject({ queueName: 'support@default', agentName: 'agent1000@default' });
    expect(built.channelUuids.length).toBeGreaterThanOrEqual(3);
    expect(built.channelUuids[0]).toBe(call.callerUuid);
  });
});
