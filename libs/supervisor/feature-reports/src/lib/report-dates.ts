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
