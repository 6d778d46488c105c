import type { ProfileTimes } from './leg';

/** Q.850 codes of the hangup causes the simulator produces (FreeSWITCH's enum values are these codes). */
const Q850: Readonly<Record<string, string>> = {
  NORMAL_CLEARING: '16',
  USER_BUSY: '17',
  NO_USER_RESPONSE: '18',
  NO_ANSWER: '19',
  CALL_REJECTED: '21',
  NORMAL_UNSPECIFIED: '31',
  ORIGINATOR_CANCEL: '487',
  LOSE_RACE: '502',
  MANAGER_REQUEST: '503',
};

/** variable_hangup_cause_q850 for a cause. */
export function q850(cause: string): string {
  return Q850[cause] ?? '31';
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `2026-12-04 03:45:51`: FreeSWITCH's *_stamp variables (local time; the simulator's zone is UTC). */
export function stamp(us: bigint): string {
  const d = new Date(Number(us / 1000n));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** What a leg's CDR variables are computed from: the profile's times (hangup included) and the caller id. */
export interface ReportingInput {
  readonly times: ProfileTimes;
  readonly cause: string;
  readonly callerIdName: string;
  readonly callerIdNumber: string;
}

/**
 * The variables FreeSWITCH adds when a channel enters CS_REPORTING (switch_channel_set_timestamps), in its order:
 * the cause, the stamps, every time as epoch and uepoch, then the durations in s, ms and µs. Seconds are differences
 * of whole epochs and milliseconds differences of whole milliseconds, as FreeSWITCH computes them (the real CDR
 * fixtures agree to the digit); a time that never happened gives 0.
 */
export function reportingVariables({
  times,
  cause,
  callerIdName,
  callerIdNumber,
}: ReportingInput): Record<string, string> {
  const t = times;
  const stamps: Record<string, string> = {
    start_stamp: stamp(t.created),
    profile_start_stamp: stamp(t.profileCreated),
  };
  for (const [name, value] of [
    ['answer', t.answered],
    ['bridge', t.bridged],
    ['progress', t.progress],
    ['progress_media', t.progressMedia],
    ['hold', t.lastHold],
  ] as const) {
    if (value > 0n) stamps[`${name}_stamp`] = stamp(value);
  }
  stamps['end_stamp'] = stamp(t.hangup);
  const epochs: Record<string, string> = {};
  const epoch = (name: string, us: bigint): void => {
    epochs[`${name}_epoch`] = String(us / 1_000_000n);
    epochs[`${name}_uepoch`] = String(us);
  };
  epoch('start', t.created);
  epoch('profile_start', t.profileCreated);
  epoch('answer', t.answered);
  epoch('bridge', t.bridged);
  epoch('last_hold', t.lastHold);
  Object.assign(epochs, {
    hold_accum_seconds: String(t.holdAccum / 1_000_000n),
    hold_accum_usec: String(t.holdAccum),
    hold_accum_ms: String(t.holdAccum / 1000n),
  });
  epoch('resurrect', 0n);
  epoch('progress', t.progress);
  epoch('progress_media', t.progressMedia);
  epoch('end', t.hangup);
  const spans: Array<readonly [string, bigint, bigint]> = [
    ['duration', t.created, t.hangup],
    ['billsec', t.answered, t.hangup],
    ['progresssec', t.created, t.progress],
    ['answersec', t.created, t.answered],
    ['waitsec', t.created, t.bridged],
    ['progress_mediasec', t.created, t.progressMedia],
    ['flow_billsec', t.created, t.hangup],
  ];
  const durations: Record<string, string> = {};
  const unit = (divisor: bigint, rename: (name: string) => string): void => {
    for (const [name, from, to] of spans) {
      durations[rename(name)] = from > 0n && to > 0n ? String(to / divisor - from / divisor) : '0';
    }
  };
  unit(1_000_000n, (name) => name);
  unit(1000n, (name) => (name === 'duration' ? 'mduration' : name.replace(/sec$/, 'msec')));
  unit(1n, (name) => (name === 'duration' ? 'uduration' : name.replace(/sec$/, 'usec')));
  return {
    hangup_cause: cause,
    hangup_cause_q850: q850(cause),
    digits_dialed: 'none',
    ...stamps,
    ...epochs,
    caller_id: `"${callerIdName}" <${callerIdNumber}>`,
    ...durations,
  };
}
