import { type AnySoftphoneError, type Leadership, RegistrationState } from '@switchboard/telephony/sip-core';

/** Colour of the phone badge. */
export type PhoneTone = 'success' | 'warning' | 'danger' | 'neutral';

/** What the console knows about the microphone: from its check at start, or from a call that could not use it. */
export type MicrophoneAccess = 'unknown' | 'ok' | 'blocked' | 'missing' | 'busy' | 'unsupported';

/** Everything the phone's on-screen state is made of. */
export interface PhoneFacts {
  readonly registration: RegistrationState;
  readonly leadership: Leadership;
  /** Whether the last SIP WebSocket attempt failed and none succeeded since (sip-angular `Softphone.unreachable`). */
  readonly unreachable: boolean;
  /** The SIP WebSocket URL the API handed out, once known. */
  readonly wsUrl: string | undefined;
  readonly lastError: AnySoftphoneError | undefined;
  readonly microphone: MicrophoneAccess;
  /** Why the phone could not even start (no SIP account from the API, API down), as a sentence. */
  readonly startProblem: string | undefined;
}

/** What the agent can do about a notice, one button each. */
export type PhoneAction = 'retry' | 'sign-in-again' | 'check-microphone' | 'dismiss';

/** Which problem a notice describes (also its `data-kind` on screen). */
export type PhoneProblem =
  | 'other-tab'
  | 'start-failed'
  | 'registration-refused'
  | 'registration-failed'
  | 'unreachable'
  | 'microphone-blocked'
  | 'microphone-missing'
  | 'microphone-busy'
  | 'microphone-unsupported'
  | 'error';

/** One problem on screen: what happened and what to do. `code` is shown monospaced after `happened`. */
export interface PhoneNotice {
  readonly problem: PhoneProblem;
  /** `danger` blocks calls; `info` explains a normal but limiting situation. */
  readonly severity: 'danger' | 'warning' | 'info';
  readonly title: string;
  readonly happened: string;
  readonly code?: string;
  readonly todo: string;
  readonly actions: readonly PhoneAction[];
}

/** The phone's badge and its notices, most pressing first. */
export interface PhoneView {
  readonly badge: { readonly label: string; readonly tone: PhoneTone; readonly state: string };
  readonly notices: readonly PhoneNotice[];
}

const BADGES: Readonly<Record<RegistrationState, { label: string; tone: PhoneTone }>> = {
  [RegistrationState.Unregistered]: { label: 'Not connected', tone: 'warning' },
  [RegistrationState.Registering]: { label: 'Connecting…', tone: 'neutral' },
  [RegistrationState.Registered]: { label: 'Ready for calls', tone: 'success' },
  [RegistrationState.Reconnecting]: { label: 'Reconnecting…', tone: 'warning' },
  [RegistrationState.Unregistering]: { label: 'Disconnecting…', tone: 'neutral' },
  [RegistrationState.Failed]: { label: 'Registration failed', tone: 'danger' },
  [RegistrationState.Elsewhere]: { label: 'Active in another tab', tone: 'neutral' },
};

/** SIP answers that mean "these credentials are not (or no longer) good": only a fresh sign-in helps. */
const REFUSING_STATUSES: ReadonlySet<number> = new Set([401, 403, 404, 407]);

/** The microphone problem a `getUserMedia` failure stands for, by the DOMException's name. */
export function microphoneAccessFrom(errorName: string | undefined): MicrophoneAccess {
  switch (errorName) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'blocked';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case undefined:
    default:
      return 'unknown';
  }
}

/** The microphone access a softphone error reveals (a call that could not open it), if it is about the microphone. */
function microphoneFromError(error: AnySoftphoneError | undefined): MicrophoneAccess | undefined {
  if (error?.name !== 'MediaDeviceError') return undefined;
  if (/no microphone access/i.test(error.message)) return 'unsupported';
  const access = microphoneAccessFrom((error.cause as { name?: string } | undefined)?.name);
  return access === 'unknown' ? undefined : access;
}

function registrationNotice(facts: PhoneFacts): PhoneNotice | undefined {
  const error = facts.lastError?.name === 'SipRegistrationError' ? facts.lastError : undefined;
  if (facts.registration !== RegistrationState.Failed) return undefined;
  const status = error?.statusCode;
  if (status !== undefined && REFUSING_STATUSES.has(status))
    return {
      problem: 'registration-refused',
      severity: 'danger',
      title: 'The SIP server refused this phone',
      happened: `It answered ${status} to the registration: the SIP credentials of this sign-in are not accepted (they expire, and signing in elsewhere or an administrator can replace them).`,
      todo: 'Sign in again to get fresh credentials. If it happens again, ask an administrator to check your extension.',
      actions: ['sign-in-again'],
    };
  return {
    problem: 'registration-failed',
    severity: 'danger',
    title: 'Registration failed',
    happened: `The SIP server did not accept the registration (${status ?? error?.message ?? 'no answer'}).`,
    todo: 'Retry. If it keeps failing, the PBX may be overloaded or misconfigured: tell an administrator.',
    actions: ['retry'],
  };
}

function unreachableNotice(facts: PhoneFacts): PhoneNotice | undefined {
  const connecting = [RegistrationState.Unregistered, RegistrationState.Registering, RegistrationState.Reconnecting];
  if (!facts.unreachable || !connecting.includes(facts.registration)) return undefined;
  return {
    problem: 'unreachable',
    severity: 'danger',
    title: 'Cannot reach the SIP server',
    happened: 'The phone gets no answer from the SIP WebSocket the server gave it, and keeps trying:',
    code: facts.wsUrl ?? 'unknown URL',
    todo: 'Check that the PBX is running and reachable from this computer. An administrator sets this address with SIP_WS_URL in the API’s configuration (README, Configuration).',
    actions: ['retry'],
  };
}

const MICROPHONE_NOTICES: Readonly<
  Record<'blocked' | 'missing' | 'busy' | 'unsupported', Omit<PhoneNotice, 'severity'>>
> = {
  blocked: {
    problem: 'microphone-blocked',
    title: 'The microphone is blocked',
    happened: 'This browser does not let the console use the microphone, so callers would not hear you.',
    todo: 'Click the icon at the left of the address bar (a padlock or a crossed-out camera), set Microphone to Allow, then press Check again.',
    actions: ['check-microphone'],
  },
  missing: {
    problem: 'microphone-missing',
    title: 'No microphone found',
    happened: 'The computer offers the browser no microphone, so callers would not hear you.',
    todo: 'Plug in a headset, or turn the microphone on in the system’s sound settings, then press Check again.',
    actions: ['check-microphone'],
  },
  busy: {
    problem: 'microphone-busy',
    title: 'The microphone cannot be opened',
    happened: 'Another application holds the microphone, or the device failed.',
    todo: 'Close the other application (or reconnect the headset), then press Check again.',
    actions: ['check-microphone'],
  },
  unsupported: {
    problem: 'microphone-unsupported',
    title: 'No microphone on this address',
    happened: 'Browsers give the microphone only to pages opened over https:// (or on localhost).',
    todo: 'Open the console over HTTPS; an administrator puts a TLS-terminating proxy in front of the server (README, Operations).',
    actions: [],
  },
};

function microphoneNotice(facts: PhoneFacts): PhoneNotice | undefined {
  const access = microphoneFromError(facts.lastError) ?? facts.microphone;
  if (access === 'ok' || access === 'unknown') return undefined;
  return { ...MICROPHONE_NOTICES[access], severity: 'warning' };
}

function otherErrorNotice(error: AnySoftphoneError | undefined): PhoneNotice | undefined {
  if (!error || error.name === 'SipRegistrationError' || microphoneFromError(error)) return undefined;
  return {
    problem: 'error',
    severity: 'warning',
    title: 'The phone reported a problem',
    happened: error.message,
    todo: 'Dismiss it when read; if calls misbehave, the SIP trace tab shows what was exchanged.',
    actions: ['dismiss'],
  };
}

/**
 * What the console shows about its phone: the badge, and each problem with what happened and what to do.
 * A tab that follows another one shows only that (its own phone is idle); otherwise start, registration and
 * connection problems come before the microphone, and any other error last.
 */
export function describePhone(facts: PhoneFacts): PhoneView {
  if (facts.leadership === 'follower' || facts.registration === RegistrationState.Elsewhere)
    return {
      badge: { ...BADGES[RegistrationState.Elsewhere], state: RegistrationState.Elsewhere },
      notices: [
        {
          problem: 'other-tab',
          severity: 'info',
          title: 'The phone is open in another tab',
          happened:
            'Only one tab of this browser can hold the phone, and another tab of the agent console has it: calls ring there.',
          todo: 'Use that tab, or close it: this tab then takes the phone over within a few seconds.',
          actions: [],
        },
      ],
    };
  const start: PhoneNotice | undefined = facts.startProblem
    ? {
        problem: 'start-failed',
        severity: 'danger',
        title: 'The phone could not start',
        happened: facts.startProblem,
        todo: 'Retry. If it keeps failing, ask an administrator whether you have an extension.',
        actions: ['retry'],
      }
    : undefined;
  const unreachable = unreachableNotice(facts);
  const notices = [
    start,
    registrationNotice(facts),
    unreachable,
    microphoneNotice(facts),
    otherErrorNotice(facts.lastError),
  ];
  const badge = unreachable
    ? { label: 'SIP server unreachable', tone: 'danger' as const, state: 'unreachable' }
    : facts.registration === RegistrationState.Failed && notices[1]?.problem === 'registration-refused'
      ? { label: 'Registration refused', tone: 'danger' as const, state: RegistrationState.Failed }
      : { ...BADGES[facts.registration], state: facts.registration };
  return { badge, notices: notices.filter((notice) => notice !== undefined) };
}
