import {
  MediaDeviceError,
  RegistrationState,
  SipRegistrationError,
  TransferError,
} from '@switchboard/telephony/sip-core';
import { splitSettings } from './phone-notices';
import { type PhoneFacts, describePhone, microphoneAccessFrom } from './phone-view';

const healthy: PhoneFacts = {
  registration: RegistrationState.Registered,
  leadership: 'leader',
  unreachable: false,
  wsUrl: 'wss://pbx.example.com:7443',
  lastError: undefined,
  microphone: 'ok',
  startProblem: undefined,
};
const view = (facts: Partial<PhoneFacts>) => describePhone({ ...healthy, ...facts });
const problems = (facts: Partial<PhoneFacts>) => view(facts).notices.map((notice) => notice.problem);
const domError = (name: string): Error => Object.assign(new Error(name), { name });

describe('describePhone', () => {
  it('shows a registered phone with a working microphone as ready, with nothing to fix', () => {
    expect(view({})).toEqual({
      badge: { label: 'Ready for calls', tone: 'success', state: 'registered' },
      notices: [],
    });
  });

  it('names the unreachable SIP WebSocket URL and the setting that changes it, through retries and reconnects', () => {
    for (const registration of [
      RegistrationState.Registering,
      RegistrationState.Unregistered,
      RegistrationState.Reconnecting,
    ]) {
      const { badge, notices } = view({ registration, unreachable: true });
      expect(badge).toEqual({ label: 'SIP server unreachable', tone: 'danger', state: 'unreachable' });
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        problem: 'unreachable',
        code: 'wss://pbx.example.com:7443',
        actions: ['retry'],
      });
      expect(notices[0]?.todo).toContain('SIP_WS_URL');
    }
    // Connected again and registered: the flag is stale history, not a problem.
    expect(problems({ registration: RegistrationState.Registered, unreachable: true })).toEqual([]);
  });

  it('asks the agent to sign in again when the registrar refuses the credentials, and to retry on other failures', () => {
    const refused = view({
      registration: RegistrationState.Failed,
      lastError: new SipRegistrationError('Registration failed: 403', 403),
    });
    expect(refused.badge).toMatchObject({ label: 'Registration refused', tone: 'danger' });
    expect(refused.notices).toEqual([
      expect.objectContaining({ problem: 'registration-refused', actions: ['sign-in-again'] }),
    ]);
    expect(refused.notices[0]?.happened).toContain('403');

    const overloaded = view({
      registration: RegistrationState.Failed,
      lastError: new SipRegistrationError('Registration failed: 503', 503),
    });
    expect(overloaded.badge.label).toBe('Registration failed');
    expect(overloaded.notices).toEqual([
      expect.objectContaining({ problem: 'registration-failed', actions: ['retry'] }),
    ]);
    expect(overloaded.notices[0]?.happened).toContain('503');

    // The error was dismissed, the state still says failed.
    expect(problems({ registration: RegistrationState.Failed })).toEqual(['registration-failed']);
  });

  it('tells a blocked microphone from a missing or busy one, from the check or from a call that could not open it', () => {
    expect(problems({ microphone: 'blocked' })).toEqual(['microphone-blocked']);
    expect(problems({ microphone: 'missing' })).toEqual(['microphone-missing']);
    expect(problems({ microphone: 'busy' })).toEqual(['microphone-busy']);
    expect(problems({ microphone: 'unsupported' })).toEqual(['microphone-unsupported']);
    const callFailed = (name: string) =>
      new MediaDeviceError(`Microphone unavailable: ${name}`, { cause: domError(name) });
    expect(problems({ microphone: 'ok', lastError: callFailed('NotAllowedError') })).toEqual(['microphone-blocked']);
    expect(problems({ microphone: 'unknown', lastError: callFailed('NotFoundError') })).toEqual(['microphone-missing']);
    expect(view({ microphone: 'blocked' }).notices[0]).toMatchObject({
      severity: 'warning',
      actions: ['check-microphone'],
    });
    expect(view({ microphone: 'blocked' }).notices[0]?.todo).toMatch(/address bar.*Allow/);
    // Microphone trouble does not make the phone itself look broken.
    expect(view({ microphone: 'missing' }).badge.label).toBe('Ready for calls');
  });

  it('says what a second tab can do, and nothing else, whatever its own idle phone reports', () => {
    for (const facts of [{ leadership: 'follower' as const }, { registration: RegistrationState.Elsewhere }]) {
      const { badge, notices } = view({ ...facts, microphone: 'missing', unreachable: true });
      expect(badge).toMatchObject({ label: 'Active in another tab', state: 'elsewhere' });
      expect(notices.map((notice) => notice.problem)).toEqual(['other-tab']);
      expect(notices[0]?.todo).toMatch(/close it: this tab then takes the phone over/);
    }
  });

  it('puts a failed start first, and shows any other phone error to dismiss', () => {
    expect(
      problems({
        registration: RegistrationState.Unregistered,
        startProblem: 'Connecting the phone failed: no extension',
        microphone: 'missing',
        lastError: new TransferError('Transfer refused (603)', 603),
      }),
    ).toEqual(['start-failed', 'microphone-missing', 'error']);
    expect(view({ lastError: new TransferError('Transfer refused (603)', 603) }).notices[0]).toMatchObject({
      happened: 'Transfer refused (603)',
      actions: ['dismiss'],
    });
  });
});

describe('microphoneAccessFrom', () => {
  it('maps getUserMedia failures by name', () => {
    expect(microphoneAccessFrom('NotAllowedError')).toBe('blocked');
    expect(microphoneAccessFrom('NotFoundError')).toBe('missing');
    expect(microphoneAccessFrom('NotReadableError')).toBe('busy');
    expect(microphoneAccessFrom('TypeError')).toBe('unknown');
  });
});

describe('splitSettings', () => {
  it('marks configuration names for display as code and keeps the rest as text', () => {
    expect(splitSettings('Set SIP_WS_URL in the API.')).toEqual([
      { text: 'Set ', setting: false },
      { text: 'SIP_WS_URL', setting: true },
      { text: ' in the API.', setting: false },
    ]);
    expect(splitSettings('Sign in again.')).toEqual([{ text: 'Sign in again.', setting: false }]);
  });
});
