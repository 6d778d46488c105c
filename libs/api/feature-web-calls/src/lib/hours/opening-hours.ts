import type { OpeningInterval, Weekday } from '@switchboard/shared/contracts';
import { wallClock } from '@switchboard/shared/util-metrics';

const WEEKDAY_BY_INDEX: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The week day and minutes since local midnight a clock in `timeZone` shows at `at` (DST included). */
export function localDayAndMinutes(at: Date, timeZone: string): { weekday: Weekday; minutes: number } {
  const clock = wallClock(at.getTime(), timeZone);
  return { weekday: WEEKDAY_BY_INDEX[clock.weekday] ?? 'sun', minutes: clock.hour * 60 + clock.minute };
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Whether a button with these opening hours takes calls at `at`: null hours mean always open; otherwise the local
 * time in `timeZone` must fall in one of the day's intervals (opens inclusive, closes exclusive).
 */
export function isOpenAt(hours: readonly OpeningInterval[] | null, timeZone: string, at: Date): boolean {
  if (hours === null) return true;
  const clock = localDayAndMinutes(at, timeZone);
  return hours.some(
    (interval) =>
      interval.day === clock.weekday &&
      clock.minutes >= minutesOf(interval.opens) &&
      clock.minutes < minutesOf(interval.closes),
  );
}
