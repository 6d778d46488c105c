import { formatDuration, formatPercent, secondsSince } from './durations';

describe('wallboard durations', () => {
  it('counts whole seconds since a time and never goes negative', () => {
    const now = Date.parse('2025-03-04T09:01:05.900Z');
    expect(secondsSince('2025-03-04T09:00:00.000Z', now)).toBe(65);
    expect(secondsSince('2025-03-04T09:02:00.000Z', now)).toBe(0);
    expect(secondsSince(null, now)).toBeNull();
  });

  it('reads like a clock', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(750)).toBe('12:30');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('–');
    expect(formatPercent(0.876)).toBe('88%');
  });
});
