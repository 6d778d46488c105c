/** A Date as a `datetime-local` input value (local time, minutes). */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Local midnight today, as a `datetime-local` value. */
export function startOfTodayLocal(now = new Date()): string {
  return toLocalInput(new Date(now.getFullYear(), now.getMonth(), now.getDate()));
}

/** Today as a `date` input value (local). */
export function todayLocalDate(now = new Date()): string {
  return startOfTodayLocal(now).slice(0, 10);
}

/**
 * Whole local days from `fromDate` to `toDate` inclusive (`date` input values) as ISO instants: from midnight of the
 * first day to midnight after the last. Unparseable dates pass through so the API names the field.
 */
export function localDayRange(fromDate: string, toDate: string): { from: string; to: string } {
  const midnight = (value: string, addDays: number): string => {
    const [year, month, day] = value.split('-').map(Number);
    if (!year || !month || !day) return value;
    return new Date(year, month - 1, day + addDays).toISOString();
  };
  return { from: midnight(fromDate, 0), to: midnight(toDate, 1) };
}
