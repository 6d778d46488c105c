import { computed, DestroyRef, effect, inject, Injectable, untracked } from '@angular/core';
import type { PhoneHealthReportInput, PhoneRegistrationState } from '@switchboard/shared/contracts';
import { type CallStats, RegistrationState } from '@switchboard/telephony/sip-core';
import { Softphone } from '@switchboard/telephony/sip-angular';
import { AgentLiveSocket } from '../agent-socket/agent-live-socket';

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
  private readonly socket = inject(AgentLiveSocket).socket;
  /** Whether a call is up without media (sip-core's watchdog): reported as soon as it flips, not 5 s later. */
  private readonly noMedia = computed(() => this.phone.calls().some((call) => call.noMedia));

  constructor() {
    const timer = setInterval(() => this.report(), REPORT_EVERY_MS);
    effect(() => {
      this.phone.registration();
      this.phone.leadership();
      this.noMedia();
      untracked(() => this.report());
    });
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  private report(): void {
    if (!this.socket.connected || this.phone.leadership() === 'follower') return;
    const registration = reportedRegistration(this.phone.registration());
    if (registration)
      this.socket.emit('phone.health', phoneHealthReport(registration, this.phone.activeCallStats(), this.noMedia()));
  }
}
