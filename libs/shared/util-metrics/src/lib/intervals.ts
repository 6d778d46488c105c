import type { ReportInterval } from '@switchboard/shared/contracts';
import { type Instant, type MetricCall, offeredAtMillis, toMillis } from './metric-call';

/** One interval of a report and the items that belong to it. */
export interface IntervalBucket<T> {
  /** Interval start (inclusive); the first bucket starts at `from` when `from` is not on a boundary. */
  start: Date;
  /** Interval end (exclusive); the last bucket ends at `to`. */
  end: Date;
  items: T[];
}

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a clock in some time zone shows at an instant. */
export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

const WEEKDAY_INDEX: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Wall-clock fields of an instant (ms since the epoch) in a time zone; DST included, Intl knows the zone's rules. */
export function wallClock(ms: number, timeZone = 'UTC'): WallClock {
  const fields: Record<string, number> = {};
  let weekday = 0;
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type === 'weekday') weekday = WEEKDAY_INDEX[part.value] ?? 0;
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return { year, month, day, weekday, hour, minute, second };
}

/** Offset of the zone from UTC at an instant, ms (Europe/Paris in winter: +3 600 000). */
function zoneOffset(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** Start of the local hour that contains `ms` in the zone. */
function startOfHour(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return ms - (((ms % 1000) + 1000) % 1000) - (w.minute * 60 + w.second) * 1000;
}

/**
 * Start of the local day (midnight) that contains an instant in a time zone. Days around a DST change last 23 or 25
 * hours; the offset is taken at midnight itself, not at the instant.
 */
export function startOfDay(at: Instant, timeZone = 'UTC'): Date {
  const ms = toMillis(at);
  const w = wallClock(ms, timeZone);
  const midnightAsUtc = Date.UTC(w.year, w.month - 1, w.day);
  const guess = midnightAsUtc - zoneOffset(ms, timeZone);
  return new Date(midnightAsUtc - zoneOffset(guess, timeZone));
}

/**
 * Midnight starting a calendar day (`YYYY-MM-DD`, as a date input gives it) in a time zone; undefined when `date` is
 * not such a day. Noon UTC of that date lies on that local date or a neighbour in every zone (-12 h to +14 h): the
 * difference is stepped over before taking the local day's start.
 */
export function startOfLocalDate(date: string, timeZone = 'UTC'): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const wanted = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(wanted) || new Date(wanted).toISOString().slice(0, 10) !== date) return undefined;
  const noon = wanted + 12 * HOUR_MS;
  const w = wallClock(noon, timeZone);
  const localDate = Date.UTC(w.year, w.month - 1, w.day);
  return startOfDay(new Date(noon + (wanted - localDate)), timeZone);
}

/** Start of the hour or day (local to `timeZone`) that contains an instant. */
export function startOfInterval(at: Instant, interval: ReportInterval, timeZone = 'UTC'): Date {
  return interval === 'day' ? startOfDay(at, timeZone) : new Date(startOfHour(toMillis(at), timeZone));
}

function nextBoundary(start: number, interval: ReportInterval, timeZone: string): number {
  // Stepping past the middle of the next interval and truncating is right across DST changes (23/25 h days,
  // repeated or skipped hours), where adding a fixed length is not.
  return interval === 'day'
    ? startOfDay(new Date(start + 36 * HOUR_MS), timeZone).getTime()
    : startOfHour(start + 1.5 * HOUR_MS, timeZone);
}

/** Consecutive hour or day intervals covering `[from, to)`, cut to the range at both ends. */
export function intervalsBetween(
  from: Instant,
  to: Instant,
  interval: ReportInterval,
  timeZone = 'UTC',
): { start: Date; end: Date }[] {
  const fromMs = toMillis(from);
  const toMs = toMillis(to);
  const intervals: { start: Date; end: Date }[] = [];
  let start = startOfInterval(new Date(fromMs), interval, timeZone).getTime();
  while (start < toMs) {
    const end = nextBoundary(start, interval, timeZone);
    const clippedStart = Math.max(start, fromMs);
    const clippedEnd = Math.min(end, toMs);
    if (clippedStart < clippedEnd) intervals.push({ start: new Date(clippedStart), end: new Date(clippedEnd) });
    start = end;
  }
  return intervals;
}

/**
 * Puts calls into the hour or day intervals of `[from, to)` (local to `timeZone`, default UTC). Every interval is
 * listed, empty ones too. A call belongs to the one interval in which it was **offered** ({@link offeredAtMillis}),
 * so a call spanning a boundary counts once, in the interval it arrived in. Calls offered outside the range are left
 * out.
 */
export function bucketByInterval<T extends MetricCall>(
  calls: Iterable<T>,
  interval: ReportInterval,
  from: Instant,
  to: Instant,
  timeZone = 'UTC',
): IntervalBucket<T>[] {
  return bucketItemsByInterval(calls, offeredAtMillis, interval, from, to, timeZone);
}

/** {@link bucketByInterval} for any items, each placed by the instant `at` gives (ms since the epoch). */
export function bucketItemsByInterval<T>(
  items: Iterable<T>,
  at: (item: T) => number,
  interval: ReportInterval,
  from: Instant,
  to: Instant,
  timeZone = 'UTC',
): IntervalBucket<T>[] {
  const buckets: IntervalBucket<T>[] = intervalsBetween(from, to, interval, timeZone).map((i) => ({
    ...i,
    items: [],
  }));
  for (const item of items) {
    const index = locateInterval(buckets, at(item));
    if (index !== -1) buckets[index]?.items.push(item);
  }
  return buckets;
}

/**
 * Index of the interval (from {@link intervalsBetween}: consecutive, ascending) that contains the instant `ms`, or -1
 * when it lies outside all of them. Binary search.
 */
export function locateInterval(intervals: readonly { start: Date; end: Date }[], ms: number): number {
  const first = intervals[0];
  const last = intervals[intervals.length - 1];
  if (!first || !last || ms < first.start.getTime() || ms >= last.end.getTime()) return -1;
  let low = 0;
  let high = intervals.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((intervals[mid]?.start.getTime() ?? Infinity) <= ms) low = mid;
    else high = mid - 1;
  }
  return low;
}
