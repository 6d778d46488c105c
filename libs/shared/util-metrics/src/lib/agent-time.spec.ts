import { agentTime, summarizeAgent } from './agent-time';
import type { MetricCall } from './metric-call';

const range = { from: '2026-11-30T08:00:00Z', to: '2026-11-30T12:00:00Z' };

describe('agentTime', () => {
  it('adds up staffed, available and break time from the status history, clipped to the range', () => {
    const time = agentTime(
      {
        statusAtFrom: 'LOGGED_OUT',
        // Out of order on purpose; the 07:00 and 12:30 changes are outside the range.
        changes: [
          { status: 'ON_BREAK', at: '2026-11-30T10:00:00Z' },
          { status: 'AVAILABLE', at: '2026-11-30T08:30:00Z' },
          { status: 'AVAILABLE', at: '2026-11-30T07:00:00Z' },
          { status: 'AVAILABLE_ON_DEMAND', at: '2026-11-30T10:15:00Z' },
          { status: 'LOGGED_OUT', at: '2026-11-30T11:30:00Z' },
          { status: 'AVAILABLE', at: '2026-11-30T12:30:00Z' },
        ],
      },
      range.from,
      range.to,
    );
    // Available 08:30-10:00 (1.5 h) + on demand 10:15-11:30 (1.25 h); break 10:00-10:15.
    expect(time).toEqual({ staffedSeconds: 10_800, availableSeconds: 9_900, breakSeconds: 900 });
  });

  it('carries the status the agent had before the range through it', () => {
    expect(agentTime({ statusAtFrom: 'AVAILABLE', changes: [] }, range.from, range.to)).toEqual({
      staffedSeconds: 14_400,
      availableSeconds: 14_400,
      breakSeconds: 0,
    });
  });
});

describe('summarizeAgent', () => {
  const handledCall: MetricCall = {
    queueName: 'support',
    agentName: '1001',
    startedAt: '2026-11-30T09:00:00Z',
    queueJoinedAt: '2026-11-30T09:00:00Z',
    queueLeftAt: '2026-11-30T09:00:06Z',
    answeredAt: '2026-11-30T09:00:00Z',
    bridgedAt: '2026-11-30T09:00:06Z',
    endedAt: '2026-11-30T09:20:00Z',
    waitSeconds: 6,
    talkSeconds: 1_080,
    holdSeconds: 60,
    wrapUpSeconds: 300,
    queueOutcome: 'ANSWERED',
    ccCancelReason: null,
  };

  it('occupancy is handle time over available time', () => {
    const m = summarizeAgent(
      [handledCall],
      { statusAtFrom: 'LOGGED_OUT', changes: [{ status: 'AVAILABLE', at: '2026-11-30T09:00:00Z' }] },
      range,
      { serviceLevelSeconds: 20 },
    );
    // 1 080 + 60 + 300 = 1 440 s handled in 3 h available.
    expect(m.handleSeconds).toBe(1_440);
    expect(m.availableSeconds).toBe(10_800);
    expect(m.occupancy).toBe(0.1333);
  });

  it('an agent with no staffed time has no occupancy (null, not NaN or Infinity)', () => {
    const m = summarizeAgent([handledCall], { statusAtFrom: 'LOGGED_OUT', changes: [] }, range, {
      serviceLevelSeconds: 20,
    });
    expect(m).toMatchObject({ staffedSeconds: 0, availableSeconds: 0, occupancy: null, handled: 1 });
  });

  it('an agent only on break is staffed but has no occupancy', () => {
    const m = summarizeAgent([], { statusAtFrom: 'ON_BREAK', changes: [] }, range, { serviceLevelSeconds: 20 });
    expect(m).toMatchObject({ staffedSeconds: 14_400, breakSeconds: 14_400, occupancy: null, offered: 0 });
  });
});
