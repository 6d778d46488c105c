import { summarizeCalls, summarizeQueue } from './call-summary';
import type { MetricCall } from './metric-call';

/** A queue call that joined `support@default` at `joined` (ISO); the rest as given. */
function call(joined: string, fields: Partial<MetricCall> = {}): MetricCall {
  return {
    queueName: 'support@default',
    agentName: null,
    startedAt: joined,
    queueJoinedAt: joined,
    queueLeftAt: null,
    answeredAt: joined,
    bridgedAt: null,
    endedAt: null,
    waitSeconds: null,
    talkSeconds: null,
    holdSeconds: 0,
    wrapUpSeconds: null,
    queueOutcome: null,
    ccCancelReason: null,
    ...fields,
  };
}
const answered = (wait: number, talk: number | null, hold = 0, wrapUp: number | null = null) =>
  call('2026-11-30T09:00:00Z', {
    agentName: '1001@default',
    waitSeconds: wait,
    talkSeconds: talk,
    holdSeconds: hold,
    wrapUpSeconds: wrapUp,
    queueOutcome: 'ANSWERED',
    bridgedAt: '2026-11-30T09:00:10Z',
  });
const gaveUp = (wait: number, outcome: MetricCall['queueOutcome'], reason: string | null) =>
  call('2026-11-30T09:00:00Z', { waitSeconds: wait, queueOutcome: outcome, ccCancelReason: reason });

describe('summarizeCalls', () => {
  // Threshold 20 s. Hand-computed: 9 offered, 3 answered (waits 5, 30, 20), 5 abandoned (waits 3, 45, 120, 25, 10;
  // 3 and 10 are short abandons), 1 still waiting.
  const day = [
    answered(5, 60, 10, 20),
    answered(30, 100, 0, null),
    answered(20, null),
    gaveUp(3, 'ABANDONED', 'BREAK_OUT'),
    gaveUp(45, 'ABANDONED', 'BREAK_OUT'),
    gaveUp(120, 'TIMEOUT', 'TIMEOUT'),
    gaveUp(25, 'NO_AGENT', 'NO_AGENT_TIMEOUT'),
    gaveUp(10, 'OTHER', 'EXIT_WITH_KEY'),
    call('2026-11-30T09:10:00Z'),
  ];

  it('counts offered, answered, abandoned by cancel reason and calls still in queue', () => {
    const m = summarizeQueue(day, { serviceLevelSeconds: 20 });
    expect(m).toMatchObject({ offered: 9, answered: 3, abandoned: 5, inQueue: 1, shortAbandoned: 2 });
    expect(m.abandonedByReason).toEqual({ BREAK_OUT: 2, TIMEOUT: 1, NO_AGENT_TIMEOUT: 1, EXIT_WITH_KEY: 1 });
    expect(m.abandonRate).toBe(0.5556);
  });

  it('service level counts answers at the threshold as in time and leaves short abandons out', () => {
    const m = summarizeQueue(day, { serviceLevelSeconds: 20 });
    // Answered ≤ 20 s: waits 5 and 20. Denominator: 3 answered + 5 abandoned − 2 short abandons = 6.
    expect(m.answeredWithinThreshold).toBe(2);
    expect(m.serviceLevel).toBe(0.3333);
    expect(m.serviceLevelSeconds).toBe(20);
  });

  it('a call abandoned in its first seconds does not lower the service level', () => {
    const withoutShort = summarizeQueue([answered(5, 60)], { serviceLevelSeconds: 20 });
    const withShort = summarizeQueue([answered(5, 60), gaveUp(2, 'ABANDONED', 'BREAK_OUT')], {
      serviceLevelSeconds: 20,
    });
    expect(withoutShort.serviceLevel).toBe(1);
    expect(withShort.serviceLevel).toBe(1);
    expect(withShort.abandoned).toBe(1);
    expect(withShort.shortAbandoned).toBe(1);
  });

  it('averages speed of answer over answered calls and handle time over ended ones', () => {
    const m = summarizeQueue(day, { serviceLevelSeconds: 20 });
    expect(m.asaSeconds).toBe(18.3); // (5 + 30 + 20) / 3
    expect(m.maxAnswerWaitSeconds).toBe(30);
    // The call still talking has no handle time yet: (60 + 10 + 20) + (100 + 0 + 0) over 2 calls.
    expect(m).toMatchObject({ handled: 2, talkSeconds: 160, holdSeconds: 10, wrapUpSeconds: 20, handleSeconds: 190 });
    expect(m.ahtSeconds).toBe(95);
  });

  it('a queue with no offered calls gives zeros and nulls, never NaN', () => {
    const m = summarizeQueue([], { serviceLevelSeconds: 20 });
    expect(m).toMatchObject({ offered: 0, answered: 0, abandoned: 0, handled: 0, handleSeconds: 0 });
    expect([m.serviceLevel, m.abandonRate, m.asaSeconds, m.ahtSeconds, m.maxAnswerWaitSeconds]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(JSON.stringify(m)).not.toContain('NaN');
  });

  it('derives the wait from timestamps when the record has none', () => {
    const m = summarizeQueue(
      [
        call('2026-11-30T09:00:00Z', { bridgedAt: '2026-11-30T09:00:42Z' }),
        call('2026-11-30T09:00:00Z', { queueLeftAt: '2026-11-30T09:00:04Z', ccCancelReason: 'BREAK_OUT' }),
      ],
      { serviceLevelSeconds: 20 },
    );
    // No outcome yet: bridged → answered after 42 s; left the queue unbridged → abandoned after 4 s (short).
    expect(m).toMatchObject({
      answered: 1,
      abandoned: 1,
      shortAbandoned: 1,
      asaSeconds: 42,
      answeredWithinThreshold: 0,
    });
    expect(m.serviceLevel).toBe(0);
  });

  it('counts a transferred call once, as answered, with the time of all its legs', () => {
    // One Call row for the whole conversation: agent 1001 answered, held the caller while consulting, then the
    // call went on with 1002 (the record keeps the agent it was bridged to and the talk of every leg).
    const transferred = call('2026-11-30T09:00:00Z', {
      agentName: '1002@default',
      waitSeconds: 8,
      talkSeconds: 240,
      holdSeconds: 35,
      wrapUpSeconds: 15,
      queueOutcome: 'ANSWERED',
      bridgedAt: '2026-11-30T09:00:08Z',
    });
    const m = summarizeQueue([transferred], { serviceLevelSeconds: 20 });
    expect(m).toMatchObject({ offered: 1, answered: 1, handled: 1, handleSeconds: 290, ahtSeconds: 290 });
  });

  it('takes each call’s threshold from its queue when sets mix queues', () => {
    const sales = { ...answered(25, 10), queueName: 'sales@default' };
    const m = summarizeCalls([answered(25, 10), sales], {
      serviceLevelSeconds: (queue) => (queue === 'sales@default' ? 30 : 20),
    });
    expect(m.answeredWithinThreshold).toBe(1);
    expect(m.serviceLevel).toBe(0.5);
    expect(m.serviceLevelSeconds).toBeNull();
  });
});
