import type { OpeningInterval } from '@switchboard/shared/contracts';
import { startOfDay } from '@switchboard/shared/util-metrics';
import { isOpenAt, localDayAndMinutes } from './opening-hours';

const weekdays = (opens: string, closes: string): OpeningInterval[] =>
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, opens, closes }));

describe('opening hours', () => {
  it('null hours are always open', () => {
    expect(isOpenAt(null, 'Europe/Berlin', new Date('2026-12-06T03:00:00Z'))).toBe(true);
  });

  it('reads the clock of the button, not of the server: 08:30 UTC is 09:30 in Berlin in winter', () => {
    const hours = weekdays('09:00', '17:00');
    // Friday 2026-12-04.
    expect(isOpenAt(hours, 'Europe/Berlin', new Date('2026-12-04T08:30:00Z'))).toBe(true);
    expect(isOpenAt(hours, 'UTC', new Date('2026-12-04T08:30:00Z'))).toBe(false);
    expect(isOpenAt(hours, 'America/New_York', new Date('2026-12-04T08:30:00Z'))).toBe(false);
  });

  it('opens is inclusive and closes exclusive', () => {
    const hours = weekdays('09:00', '17:00');
    expect(isOpenAt(hours, 'UTC', new Date('2026-12-04T09:00:00Z'))).toBe(true);
    expect(isOpenAt(hours, 'UTC', new Date('2026-12-04T16:59:59Z'))).toBe(true);
    expect(isOpenAt(hours, 'UTC', new Date('2026-12-04T17:00:00Z'))).toBe(false);
  });

  it('a weekend day without an interval is closed all day; 24:00 keeps a day open until midnight', () => {
    const hours: OpeningInterval[] = [...weekdays('09:00', '17:00'), { day: 'sat', opens: '20:00', closes: '24:00' }];
    expect(isOpenAt(hours, 'UTC', new Date('2026-12-06T12:00:00Z'))).toBe(false); // Sunday
    expect(isOpenAt(hours, 'UTC', new Date('2026-12-05T23:59:00Z'))).toBe(true); // Saturday night
  });

  it('follows daylight saving time: 09:00 in Berlin is 07:00 UTC in summer', () => {
    const hours = weekdays('09:00', '10:00');
    expect(isOpenAt(hours, 'Europe/Berlin', new Date('2026-07-01T07:30:00Z'))).toBe(true);
    expect(isOpenAt(hours, 'Europe/Berlin', new Date('2026-12-02T07:30:00Z'))).toBe(false);
  });

  it('the start of a button’s today (util-metrics startOfDay) is the local midnight, also when the clocks change', () => {
    expect(startOfDay(new Date('2026-12-04T08:30:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-12-03T23:00:00.000Z',
    );
    expect(startOfDay(new Date('2026-12-04T02:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-12-03T05:00:00.000Z',
    );
    // 2026-03-29: Berlin goes from UTC+1 to UTC+2 at 02:00 local; midnight was still UTC+1.
    expect(startOfDay(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    // 2026-11-01: New York goes back from UTC-4 to UTC-5 at 02:00 local; midnight was UTC-4.
    expect(startOfDay(new Date('2026-11-01T20:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
  });

  it('reads the weekday in the zone: Friday night in New York is Saturday in UTC', () => {
    expect(localDayAndMinutes(new Date('2026-12-05T02:00:00Z'), 'America/New_York')).toEqual({
      weekday: 'fri',
      minutes: 21 * 60,
    });
    expect(localDayAndMinutes(new Date('2026-12-05T02:00:00Z'), 'UTC')).toEqual({ weekday: 'sat', minutes: 2 * 60 });
  });
});
