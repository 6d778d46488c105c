import type { AgentStatusCode, BreakReason } from '@switchboard/shared/contracts';
import { Prng } from '@switchboard/api/data-access-esl/testing';

/** One change of a demo agent's status history. */
export interface DemoStatusChange {
  readonly agent: string;
  readonly status: AgentStatusCode;
  readonly reasonCode: BreakReason | null;
  readonly at: Date;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * The demo agents' working days from `fromMs` to `toMs`, as the status history records them: signed in Available
 * when the calls begin (07:00 UTC, see demoDayShape), a lunch break and a short break, signed out when the calls end
 * (20:00). Each change is a few minutes off the hour, per agent and day, as people are. Changes after `toMs` are
 * left out: an agent in the middle of a shift then is still signed in, and the live simulator carries on from there.
 * Deterministic for a seed, so the demo shows the same week each time it is built.
 */
export function demoShiftChanges(
  agents: readonly string[],
  fromMs: number,
  toMs: number,
  seed: number,
): DemoStatusChange[] {
  const random = new Prng(seed);
  const jitter = (minutes: number): number => Math.floor(random.next() * minutes * MINUTE_MS);
  const changes: DemoStatusChange[] = [];
  const firstDay = Math.floor(fromMs / (24 * HOUR_MS)) * 24 * HOUR_MS;
  for (let day = firstDay; day < toMs; day += 24 * HOUR_MS) {
    agents.forEach((agent, i) => {
      // Lunch in two waves, so a queue is never left without its agents.
      const lunch = day + (i % 2 === 0 ? 12 : 13) * HOUR_MS + jitter(10);
      const shortBreak = day + (i % 2 === 0 ? 16 : 10) * HOUR_MS + jitter(30);
      const plan: readonly (readonly [number, AgentStatusCode, BreakReason | null])[] = [
        [day + 7 * HOUR_MS - jitter(10), 'AVAILABLE', null],
        [shortBreak, 'ON_BREAK', 'SHORT_BREAK'],
        [shortBreak + 10 * MINUTE_MS + jitter(5), 'AVAILABLE', null],
        [lunch, 'ON_BREAK', 'LUNCH'],
        [lunch + 30 * MINUTE_MS + jitter(10), 'AVAILABLE', null],
        [day + 20 * HOUR_MS + jitter(10), 'LOGGED_OUT', null],
      ];
      for (const [at, status, reasonCode] of [...plan].sort((a, b) => a[0] - b[0]))
        if (at >= fromMs && at < toMs) changes.push({ agent, status, reasonCode, at: new Date(at) });
    });
  }
  return changes;
}
