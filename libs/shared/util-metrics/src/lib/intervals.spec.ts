import { bucketByInterval, intervalsBetween, locateInterval, startOfDay, startOfLocalDate } from './intervals';
import type { MetricCall } from './metric-call';

const call = (joined: string, ended: string | null = null): MetricCall => ({
  queueName: 'support',
  agentName: null,
  startedAt: joined,
  queueJoinedAt: joined,
  queueLeftAt: null,
  answeredAt: joined,
  bridgedAt: null,
  endedAt: ended,
  waitSeconds: null,
  talkSeconds: null,
  holdSeconds: 0,
  wrapUpSeconds: null,
  queueOutcome: null,
  ccCancelReason: null,
});
const iso = (intervals: { start: Date; end: Date }[]) =>
  intervals.map((i) => [i.start.toISOString(), i.end.toISOString()]);

describe('bucketByInterval', () => {
  it('lists every hour of the range, empty ones too, and puts a call spanning a boundary in the hour it was offered', () => {
    const spanning = call('2026-11-30T09:59:50Z', '2026-11-30T10:05:00Z');
    const later = call('2026-11-30T11:00:00Z', '2026-11-30T11:01:00Z');
    const buckets = bucketByInterval([spanning, later], 'hour', '2026-11-30T09:00:00Z', '2026-11-30T12:00:00Z');
    expect(iso(buckets)).toEqual([
      ['2026-11-30T09:00:00.000Z', '2026-11-30T10:00:00.000Z'],
      ['2026-11-30T10:00:00.000Z', '2026-11-30T11:00:00.000Z'],
      ['2026-11-30T11:00:00.000Z', '2026-11-30T12:00:00.000Z'],
    ]);
    expect(buckets.map((b) => b.items)).toEqual([[spanning], [], [later]]);
  });

  it('includes calls offered at `from` and leaves out those at `to` or outside', () => {
    const atFrom = call('2026-11-30T09:00:00Z');
    const atTo = call('2026-11-30T10:00:00Z');
    const before = call('2026-11-30T08:59:59Z');
    const buckets = bucketByInterval([before, atFrom, atTo], 'hour', '2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z');
    expect(buckets).toHaveLength(1);
    expect(buckets[0]?.items).toEqual([atFrom]);
  });

  it('cuts the first and last interval to a range that is not on boundaries', () => {
    expect(iso(intervalsBetween('2026-11-30T09:30:00Z', '2026-11-30T11:15:00Z', 'hour'))).toEqual([
      ['2026-11-30T09:30:00.000Z', '2026-11-30T10:00:00.000Z'],
      ['2026-11-30T10:00:00.000Z', '2026-11-30T11:00:00.000Z'],
      ['2026-11-30T11:00:00.000Z', '2026-11-30T11:15:00.000Z'],
    ]);
  });

  it('gives no interval for an empty range', () => {
    expect(
      bucketByInterval([call('2026-11-30T09:00:00Z')], 'day', '2026-11-30T09:00:00Z', '2026-11-30T09:00:00Z'),
    ).toEqual([]);
  });

  it('cuts days at local midnight, 23 hours on the spring DST change (Europe/Paris)', () => {
    const days = intervalsBetween('2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z', 'day', 'Europe/Paris');
    expect(iso(days)).toEqual([
      ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z'],
      ['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
      ['2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z'],
    ]);
    // 00:30 local on 29 March is 23:30 UTC the day before: it belongs to 29 March.
    const buckets = bucketByInterval(
      [call('2026-03-28T23:30:00Z')],
      'day',
      '2026-03-27T23:00:00Z',
      '2026-03-30T22:00:00Z',
      'Europe/Paris',
    );
    expect(buckets.map((b) => b.items.length)).toEqual([0, 1, 0]);
  });

  it('keeps the repeated hour of the autumn DST change as its own interval', () => {
    // 25 Oct 2026, Paris: 02:00-03:00 happens twice (CEST, then CET).
    expect(iso(intervalsBetween('2026-10-25T00:00:00Z', '2026-10-25T03:00:00Z', 'hour', 'Europe/Paris'))).toEqual([
      ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'],
      ['2026-10-25T02:00:00.000Z', '2026-10-25T03:00:00.000Z'],
    ]);
  });

  it('cuts hours at local hours in zones with half-hour offsets (Asia/Kolkata)', () => {
    expect(iso(intervalsBetween('2026-11-30T04:00:00Z', '2026-11-30T06:00:00Z', 'hour', 'Asia/Kolkata'))).toEqual([
      ['2026-11-30T04:00:00.000Z', '2026-11-30T04:30:00.000Z'],
      ['2026-11-30T04:30:00.000Z', '2026-11-30T05:30:00.000Z'],
      ['2026-11-30T05:30:00.000Z', '2026-11-30T06:00:00.000Z'],
    ]);
  });
});

describe('startOfDay', () => {
  it('finds local midnight in the time zone', () => {
    expect(startOfDay('2026-11-30T03:00:00Z', 'America/New_York').toISOString()).toBe('2026-11-29T05:00:00.000Z');
    expect(startOfDay('2026-11-30T03:00:00Z').toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(startOfDay('2026-03-29T20:00:00Z', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });
});

describe('locateInterval', () => {
  const intervals = intervalsBetween('2026-11-30T09:30:00Z', '2026-11-30T12:00:00Z', 'hour');
  it('finds the interval containing an instant, or -1 outside the range', () => {
    const ms = (iso: string) => Date.parse(iso);
    expect(locateInterval(intervals, ms('2026-11-30T09:30:00Z'))).toBe(0);
    expect(locateInterval(intervals, ms('2026-11-30T10:00:00Z'))).toBe(1);
    expect(locateInterval(intervals, ms('2026-11-30T11:59:59.999Z'))).toBe(2);
    expect(locateInterval(intervals, ms('2026-11-30T12:00:00Z'))).toBe(-1);
    expect(locateInterval(intervals, ms('2026-11-30T09:29:59Z'))).toBe(-1);
    expect(locateInterval([], 0)).toBe(-1);
  });
});

describe('startOfLocalDate', () => {
  it('gives the instant a calendar day starts in a zone, DST days and far zones included', () => {
    expect(startOfLocalDate('2026-11-02', 'UTC')?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    expect(startOfLocalDate('2026-11-02', 'America/New_York')?.toISOString()).toBe('2026-11-02T05:00:00.000Z');
    // 1 Nov 2026 is New York's 25-hour day: it starts at 04:00 UTC (EDT), the next at 05:00 UTC (EST).
    expect(startOfLocalDate('2026-11-01', 'America/New_York')?.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDate('2026-11-02', 'Pacific/Kiritimati')?.toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(startOfLocalDate('2026-11-02', 'Pacific/Pago_Pago')?.toISOString()).toBe('2026-11-02T11:00:00.000Z');
    expect(startOfLocalDate('2026-03-29', 'Europe/Paris')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('refuses what is not a calendar day', () => {
    expect(startOfLocalDate('2026-02-30')).toBeUndefined();
    expect(startOfLocalDate('2026-11-02T00:00')).toBeUndefined();
    expect(startOfLocalDate('')).toBeUndefined();
  });
});
