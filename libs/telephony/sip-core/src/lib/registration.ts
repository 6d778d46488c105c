import * as JsSIP from 'jssip';
import { SipAccountError, SipRegistrationError } from './errors';
import type { JsSipNewSessionEvent, JsSipResponse, JsSipUa } from './jssip-adapter';
import { resolveWebSocketUrl, type SipProfile } from './profiles';
import type { SipSocket, SoftphoneOptions } from './softphone-api';
import { TracingSocket } from './trace';
import { ConnectionState, RegistrationState, type SipAccount } from './types';

/** Callbacks of the registration tracker. */
export interface RegistrationListener {
  registration(state: RegistrationState): void;
  connection(state: ConnectionState): void;
  /** The first successful REGISTER after the WebSocket came back: refresh the dialogs' targets now. */
  reRegistered(): void;
  failed(error: SipRegistrationError): void;
  newSession(event: JsSipNewSessionEvent): void;
}

/** Resolves on the UA's next `event`, or after `timeoutMs` (the caller then reads the state it got). */
export function waitForUaEvent(ua: JsSipUa, event: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      ua.removeListener(event, done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    ua.on(event, done);
  });
}

/** Checks an account from the API before JsSIP sees it. */
export function validateAccount(account: SipAccount): void {
  const missing = (['extension', 'domain', 'wsUrl', 'authorizationUser'] as const).filter((key) => !account[key]);
  if (missing.length > 0) throw new SipAccountError(`SIP account lacks ${missing.join(', ')}`);
  if (!account.password && !(account.ha1 && account.realm)) {
    throw new SipAccountError('SIP account needs a password or ha1 + realm');
  }
  if (!/^wss?:\/\//.test(account.wsUrl)) throw new SipAccountError(`Not a WebSocket URL: ${account.wsUrl}`);
}

/**
 * Creates the JsSIP UA (not started) on a traced socket to the account's WebSocket URL. Digest uses ha1 + realm
 * when the account has them. `register: false` makes a UA that only places calls (a one-call web credential).
 */
export function createUserAgent(
  account: SipAccount,
  profile: SipProfile,
  options: SoftphoneOptions,
  trace: (raw: string, direction: 'in' | 'out') => void,
  register = true,
): JsSipUa {
  const url = resolveWebSocketUrl(account.wsUrl, profile);
  const inner = options.createSocket?.(url) ?? (new JsSIP.WebSocketInterface(url) as unknown as SipSocket);
  const secret =
    account.ha1 && account.realm ? { ha1: account.ha1, realm: account.realm } : { password: account.password };
  const configuration = {
    sockets: [new TracingSocket(inner, trace) as unknown as JsSIP.Socket],
    uri: `sip:${account.extension}@${account.domain}`,
    authorization_user: account.authorizationUser,
    display_name: account.displayName,
    ...secret,
    register,
    register_expires: options.registerExpires ?? 600,
    session_timers: profile.sessionTimers,
    session_timers_refresh_method: profile.sessionRefreshMethod,
    connection_recovery_min_interval: options.reconnectMinSeconds ?? 1,
    connection_recovery_max_interval: options.reconnectMaxSeconds ?? 30,
    user_agent: options.userAgent ?? 'Switchboard softphone',
    no_answer_timeout: 120,
  };
  return new JsSIP.UA(configuration) as unknown as JsSipUa;
}

/**
 * Maps the UA's connection and registration events onto `RegistrationState` / `ConnectionState`.
 * JsSIP itself reconnects with backoff and sends exactly one REGISTER on reconnect (its registrator ignores a
 * second register() while one is pending); this tracker only observes, then asks for the dialog refresh.
 */
export class RegistrationTracker {
  private state = RegistrationState.Unregistered;
  private reconnecting = false;
  private stopping = false;

  constructor(
    ua: JsSipUa,
    private readonly listener: RegistrationListener,
  ) {
    ua.on('connecting', () => listener.connection(ConnectionState.Connecting));
    ua.on('connected', () => {
      listener.connection(ConnectionState.Connected);
      if (!this.stopping && this.state !== RegistrationState.Reconnecting) this.set(RegistrationState.Registering);
    });
    ua.on('disconnected', () => this.onDisconnected());
    ua.on('registered', () => this.onRegistered());
    ua.on('unregistered', () => {
      if (this.stopping || !this.reconnecting) this.set(RegistrationState.Unregistered);
    });
    ua.on('registrationFailed', (event: { response?: JsSipResponse | null; cause?: string }) => {
      const status = event.response?.status_code;
      this.set(RegistrationState.Failed);
      listener.failed(new SipRegistrationError(`Registration failed: ${status ?? event.cause ?? 'unknown'}`, status));
    });
    ua.on('newRTCSession', (event: JsSipNewSessionEvent) => listener.newSession(event));
  }

  get current(): RegistrationState {
    return this.state;
  }

  /** Marks a user-requested stop: the coming unregistered/disconnected events are final. */
  stopRequested(): void {
    this.stopping = true;
    this.set(RegistrationState.Unregistering);
  }

  private onDisconnected(): void {
    this.listener.connection(ConnectionState.Disconnected);
    if (this.stopping) {
      this.set(RegistrationState.Unregistered);
      return;
    }
    if (this.state === RegistrationState.Registered || this.state === RegistrationState.Reconnecting) {
      this.reconnecting = true;
      this.set(RegistrationState.Reconnecting);
    }
  }

  private onRegistered(): void {
    this.set(RegistrationState.Registered);
    if (this.reconnecting) {
      this.reconnecting = false;
      this.listener.reRegistered();
    }
  }

  private set(state: RegistrationState): void {
    if (state === this.state) return;
    this.state = state;
    this.listener.registration(state);
  }
}
