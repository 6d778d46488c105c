import type { WidgetPhase } from './call-flow';

/** What one phase looks like: the sentence on screen and which controls are shown. */
export interface PhaseView {
  /** The status line, in plain words. */
  readonly status: string;
  /** A second line (the closed message, a hint), or empty. */
  readonly detail: string;
  /** Whether the big call button is shown, and its label. */
  readonly callLabel: string | null;
  /** Whether mute, keypad and hang-up are shown. */
  readonly inCall: boolean;
  /** Whether the status is a problem (styled as an alert). */
  readonly problem: boolean;
  /** When a timer counts up from (ms since epoch), if any. */
  readonly timerSince: number | null;
}

const view = (status: string, extra: Partial<PhaseView> = {}): PhaseView => ({
  status,
  detail: '',
  callLabel: null,
  inCall: false,
  problem: false,
  timerSince: null,
  ...extra,
});

/** "3 minutes", "1 minute", "40 seconds": how long to wait, for people. */
export function describeWait(seconds: number): string {
  if (seconds >= 90) return `${Math.ceil(seconds / 60)} minutes`;
  if (seconds >= 60) return '1 minute';
  return `${Math.max(1, Math.round(seconds))} seconds`;
}

/** `m:ss` (or `h:mm:ss`) of a call that has lasted `ms`. */
export function formatTimer(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The words and controls of each phase. */
export function phaseView(phase: WidgetPhase): PhaseView {
  switch (phase.kind) {
    case 'loading':
      return view('Checking whether we can take your call…');
    case 'ready':
      return view(phase.name, { callLabel: 'Call us' });
    case 'closed':
      return view('We are closed right now.', { detail: phase.message, problem: true });
    case 'unavailable':
      return view(
        phase.reason === 'foreign-origin'
          ? 'Calls cannot be placed from this website.'
          : phase.reason === 'unreachable'
            ? 'We cannot reach our phone service right now.'
            : 'Calls are not available right now.',
        { problem: true },
      );
    case 'requesting':
      return view('Connecting…');
    case 'microphone':
      return view('Allow the microphone to start the call.', {
        detail: 'Your browser asks whether this page may use your microphone.',
      });
    case 'no-microphone':
      return view(
        phase.problem === 'denied'
          ? 'Your browser blocked the microphone.'
          : phase.problem === 'missing'
            ? 'No microphone was found.'
            : 'This browser cannot make calls from this page.',
        {
          detail:
            phase.problem === 'denied'
              ? 'Allow the microphone for this page (the icon in the address bar), then try again.'
              : phase.problem === 'missing'
                ? 'Connect a microphone or headset, then try again.'
                : 'Try a current version of Chrome, Edge, Firefox or Safari.',
          callLabel: 'Try again',
          problem: true,
        },
      );
    case 'busy':
      return view('All our lines are busy.', { detail: phase.message, callLabel: 'Try again', problem: true });
    case 'rate-limited':
      return view('You have called several times in a short while.', {
        detail: `Please try again in ${describeWait(phase.retryAfterSeconds)}.`,
        problem: true,
      });
    case 'connecting':
      return view('Connecting…', { inCall: true });
    case 'waiting':
      return view('Waiting in the queue', {
        detail: 'You will hear music until someone answers.',
        inCall: true,
        timerSince: phase.since,
      });
    case 'connected':
      return view('Connected', { inCall: true, timerSince: phase.since });
    case 'ended':
      return view(
        phase.by === 'you'
          ? 'You ended the call.'
          : phase.by === 'them'
            ? 'The call has ended.'
            : 'The call could not be connected.',
        { callLabel: 'Call again', problem: phase.by === 'failure' },
      );
  }
}
