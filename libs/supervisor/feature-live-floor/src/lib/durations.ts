/** Whole seconds from an ISO time to `now` (ms since epoch); 0 for a time in the future (clock skew). */
export function secondsSince(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const started = Date.parse(iso);
  if (Number.isNaN(started)) return null;
  return Math.max(0, Math.floor((now - started) / 1000));
}

/** A duration as a wallboard shows it: `0:07`, `12:30`, `1:02:03`; an en dash for no value. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '–';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** A share 0..1 as a whole percentage, or an en dash. */
export function formatPercent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}
