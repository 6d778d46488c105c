// What FreeSWITCH and the API logged during a window: warning and error lines grouped by message (numbers, UUIDs
// and addresses replaced, so one kind of failure is one line).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

export interface LogSummary {
  readonly warnings: number;
  readonly errors: number;
  /** Most frequent messages, with counts. */
  readonly top: { level: string; message: string; count: number }[];
}

export const sizeOf = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

function readFrom(file: string, offset: number): string {
  if (!existsSync(file)) return '';
  const length = Math.min(statSync(file).size - offset, 64 * 1024 * 1024);
  if (length <= 0) return '';
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString();
}

const normalise = (text: string): string =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'UUID')
    .replace(/\d+(\.\d+)*/g, 'N')
    .trim()
    .slice(0, 180);

function summarise(entries: { level: string; message: string }[], limit: number): LogSummary {
  const counts = new Map<string, { level: string; message: string; count: number }>();
  for (const entry of entries) {
    const key = `${entry.level} ${entry.message}`;
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { ...entry, count: 1 });
  }
  return {
    warnings: entries.filter((e) => e.level === 'WARNING' || e.level === 'warn').length,
    errors: entries.filter((e) => e.level !== 'WARNING' && e.level !== 'warn').length,
    top: [...counts.values()].sort((a, b) => b.count - a.count).slice(0, limit),
  };
}

/** Logged once per call by design: every INVITE is challenged (desk phones authenticate with digest). */
const EXPECTED_FREESWITCH_WARNING = /SIP auth challenge \(INVITE\)/;
const FS_LEVELS: Record<number, string> = { 0: 'CONSOLE', 1: 'ALERT', 2: 'CRIT', 3: 'ERR', 4: 'WARNING' };

/**
 * FreeSWITCH's log lines at WARNING and above, as its event socket sends them (`log 4`): no log file to parse, and
 * its size-based rotation (10 MB at DEBUG, a few minutes of this load) cannot lose any.
 */
export class FreeswitchLog {
  private readonly lines: { atMs: number; level: string; message: string }[] = [];

  take(level: number, line: string, receivedMs: number): void {
    if (level < 1 || level > 4 || EXPECTED_FREESWITCH_WARNING.test(line)) return;
    // The line may carry FreeSWITCH's own prefix (date, level, file:line); the message is what follows.
    const message = line.replace(/^.*?\[(WARNING|ERR|CRIT|ALERT)\]\s+(\S+:\d+\s+)?/, '');
    this.lines.push({ atMs: receivedMs, level: FS_LEVELS[level] ?? String(level), message: normalise(message) });
  }

  between(fromMs: number, toMs: number, limit = 8): LogSummary {
    return summarise(
      this.lines.filter((l) => l.atMs >= fromMs && l.atMs <= toMs),
      limit,
    );
  }
}

/** The API's pino log (JSON lines): level 40 (warn) and above after `offset`. */
export function apiLog(file: string, offset: number, limit = 6): LogSummary {
  const entries: { level: string; message: string }[] = [];
  for (const line of readFrom(file, offset).split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) < 40) continue;
      const level = entry.level === 40 ? 'warn' : entry.level === 50 ? 'error' : 'fatal';
      entries.push({
        level,
        message: normalise(`${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`),
      });
    } catch {
      // Not a log entry (a stack trace line): counted with the entry before it.
    }
  }
  return summarise(entries, limit);
}
