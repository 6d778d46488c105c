import type { MetricCall } from './metric-call';
import { summarizeToday, todayRange } from './today';

const abandonedAt = (joined: string): MetricCall => ({
  queueName: 'support',
  agentName: null,
  startedAt: joined,
  queueJoinedAt: joined,
  queueLeftAt: joined,
  answeredAt: joined,
  bridgedAt: null,
  endedAt: joined,
  waitSeconds: 40,
  talkSeconds: null,
  holdSeconds: 0,
  wrapUpSeconds: null,
  queueOutcome: 'ABANDONED',
  ccCancelReason: 'BREAK_OUT',
});

describe('summarizeToday', () => {
  it('counts the calls offered since local midnight of the time zone', () => {
    const now = new Date('2026-11-30T10:00:00Z');
    const calls = [
      abandonedAt('2026-11-29T22:59:59Z'), // 23:59:59 in Paris the day before
      abandonedAt('2026-11-29T23:00:00Z'), // midnight in Paris
      abandonedAt('2026-11-30T09:00:00Z'),
      abandonedAt('2026-11-30T10:00:01Z'), // after now
    ];
    expect(todayRange(now, 'Europe/Paris').from.toISOString()).toBe('2026-11-29T23:00:00.000Z');
    expect(summarizeToday(calls, now, { serviceLevelSeconds: 20, timeZone: 'Europe/Paris' })).toMatchObject({
      offered: 2,
      abandoned: 2,
    });
    expect(summarizeToday(calls, now, { serviceLevelSeconds: 20 }).offered).toBe(1);
  });
});
