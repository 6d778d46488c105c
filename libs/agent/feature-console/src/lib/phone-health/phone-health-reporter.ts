import {
  computed,
  DestroyRef,
  effect,
  inject,
  Injectable,
  InjectionToken,
  type Signal,
  untracked,
} from '@angular/core';
import {
  type AgentClientToServerEvents,
  type AgentServerToClientEvents,
  type PhoneHealthReportInput,
  type PhoneRegistrationState,
  REALTIME_NAMESPACES,
  REALTIME_PATH,
  type RealtimeHandshakeAuth,
} from '@switchboard/shared/contracts';
import { AuthStore } from '@switchboard/shared/data-access-auth';
import { type CallStats, RegistrationState } from '@switchboard/telephony/sip-core';
import { Softphone } from '@switchboard/telephony/sip-angular';
import { io, type Socket } from 'socket.io-client';

/** The `/agent` socket.io client, typed with the contracts' event maps. */
export type AgentSocket = Socket<AgentServerToClientEvents, AgentClientToServerEvents>;

/** Opens (without connecting) the agent socket; `token` is read at every (re)connection attempt. */
export const AGENT_SOCKET_FACTORY = new InjectionToken<(token: () => string | null) => AgentSocket>(
  'AGENT_SOCKET_FACTORY',
  {
    providedIn: 'root',
    factory: () => (token) =>
      io(REALTIME_NAMESPACES.agent, {
        path: REALTIME_PATH,
        autoConnect: false,
        transports: ['websocket'],
        auth: (send) => send({ token: token() ?? '' } satisfies RealtimeHandshakeAuth),
      }),
  },
);

/** The access token the socket authenticates with (the session's, renewed by the auth store). */
export const AGENT_SOCKET_TOKEN = new InjectionToken<Signal<string | null>>('AGENT_SOCKET_TOKEN', {
  providedIn: 'root',
  factory: () => inject(AuthStore).accessToken,
});

/** How often the phone reports while nothing changes (the contract says at most every few seconds). */
const REPORT_EVERY_MS = 5000;

/** The registration as supervisors see it; undefined for a follower tab, which does not report. */
export function reportedRegistration(state: RegistrationState): PhoneRegistrationState | undefined {
  switch (state) {
    case RegistrationState.Registered:
      return 'registered';
    case RegistrationState.Registering:
    case RegistrationState.Reconnecting:
      return 'registering';
    case RegistrationState.Failed:
      return 'failed';
    case RegistrationState.Unregistered:
    case RegistrationState.Unregistering:
      return 'unregistered';
    case RegistrationState.Elsewhere:
      return undefined;
  }
}

/**
 * A phone-health report from the registration and the current call's stats (nulls when not on a call), with
 * `noMedia` when a call has no media path.
 */
export function phoneHealthReport(
  registration: PhoneRegistrationState,
  stats: CallStats | undefined,
  noMedia = false,
): PhoneHealthReportInput {
  const round = (value: number | undefined, digits = 0): number | null =>
    value === undefined ? null : Number(value.toFixed(digits));
  return {
    registration,
    mos: stats?.mos === undefined ? null : Math.min(5, Math.max(1, Number(stats.mos.toFixed(2)))),
    rttMs: round(stats?.rttMs),
    jitterMs: round(stats?.jitterMs, 1),
    packetLossPct: stats?.packetLoss === undefined ? null : Math.min(100, Number((stats.packetLoss * 100).toFixed(2))),
    ...(noMedia ? { noMedia: true } : {}),
  };
}

/**
 * Tells supervisors how this agent's phone is doing: registration and, during a call, MOS, RTT, jitter and loss,
 * on every registration change and every 5 s, over the `/agent` socket. Only the tab holding the registration
 * reports. Provided by the console page; lives as long as it.
 */
@Injectable()
export class PhoneHealthReporter {
  private readonly phone = inject(Softphone);
  private readonly token = inject(AGENT_SOCKET_TOKEN);
  private readonly socket = inject(AGENT_SOCKET_FACTORY)(() => this.token());
  /** Whether a call is up without media (sip-core's watchdog): reported as soon as it flips, not 5 s later. */
  private readonly noMedia = computed(() => this.phone.calls().some((call) => call.noMedia));

  constructor() {
    this.socket.connect();
    const timer = setInterval(() => this.report(), REPORT_EVERY_MS);
    effect(() => {
      this.phone.registration();
      this.phone.leadership();
      this.noMedia();
      untracked(() => this.report());
    });
    // A renewed access token goes to the open socket at once: the server ends sockets whose token expired.
    effect(() => {
      const token = this.token();
      if (token && this.socket.connected) this.socket.emit('auth.renew', { token });
    });
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      this.socket.disconnect();
    });
  }

  private report(): void {
    if (!this.socket.connected || this.phone.leadership() === 'follower') return;
    const registration = reportedRegistration(this.phone.registration());
    if (registration)
      this.socket.emit('phone.health', phoneHealthReport(registration, this.phone.activeCallStats(), this.noMedia()));
  }
}
