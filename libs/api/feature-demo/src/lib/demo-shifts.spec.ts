import { demoShiftChanges } from './demo-shifts';

const DAY = 86_400_000;
const monday = Date.UTC(2026, 10, 30);

describe('demoShiftChanges', () => {
  it('gives each agent a working day: in at 7, two breaks, out at 20, a few minutes off the hour', () => {
    const changes = demoShiftChanges(['a', 'b'], monday, monday + DAY, 7);
    for (const agent of ['a', 'b']) {
      const day = changes.filter((change) => change.agent === agent);
      expect(day.map((change) => [change.status, change.reasonCode])).toEqual(
        agent === 'a'
          ? [
              ['AVAILABLE', null],
              ['ON_BREAK', 'LUNCH'],
              ['AVAILABLE', null],
              ['ON_BREAK', 'SHORT_BREAK'],
              ['AVAILABLE', null],
              ['LOGGED_OUT', null],
            ]
          : [
              ['AVAILABLE', null],
              ['ON_BREAK', 'SHORT_BREAK'],
              ['AVAILABLE', null],
              ['ON_BREAK', 'LUNCH'],
              ['AVAILABLE', null],
              ['LOGGED_OUT', null],
            ],
      );
      const hours = day.map((change) => (change.at.getTime() - monday) / 3_600_000);
      expect(hours[0]).toBeGreaterThan(6.8);
      expect(hours[0]).toBeLessThanOrEqual(7);
      expect(hours.at(-1)).toBeGreaterThanOrEqual(20);
      expect(hours.at(-1)).toBeLessThan(20.2);
      expect([...hours].sort((x, y) => x - y)).toEqual(hours);
    }
  });

  it('leaves out what comes after the end (an agent mid-shift is still in), and is the same for a seed', () => {
    const noon = monday + 12.5 * 3_600_000;
    const changes = demoShiftChanges(['a'], monday, noon, 7);
    expect(changes.every((change) => change.at.getTime() < noon)).toBe(true);
    expect(changes.at(-1)?.status).not.toBe('LOGGED_OUT');
    expect(demoShiftChanges(['a'], monday, noon, 7)).toEqual(changes);
    expect(demoShiftChanges(['a'], monday, monday + 7 * DAY, 7)).toHaveLength(7 * 6);
  });
});
