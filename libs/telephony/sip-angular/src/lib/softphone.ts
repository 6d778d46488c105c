import { computed, DestroyRef, inject, Injectable, InjectionToken, signal } from '@angular/core';
import {
  type AnswerOptions,
  type AnySoftphoneError,
  type CallInfo,
  type CallStats,
  CallState,
  ConnectionState,
  type DeviceState,
  type DialOptions,
  type Leadership,
  RegistrationState,
  type SipAccount,
  type SipTraceEntry,
  type SoftphoneApi,
} from '@switchboard/telephony/sip-core';

/** The sip-core client the `Softphone` store adapts; provide one with `provideSoftphone`. */
export const SOFTPHONE_CLIENT = new InjectionToken<SoftphoneApi>('SOFTPHONE_CLIENT');

/** Trace entries the store keeps for display. */
const TRACE_WINDOW = 200;

const liveStates: ReadonlySet<CallState> = new Set([
  CallState.Dialing,
  CallState.Ringing,
  CallState.EarlyMedia,
  CallState.Answering,
  CallState.Established,
  CallState.Held,
]);

/**
 * The softphone as Angular signals: state from sip-core events, commands delegated to the client.
 * One instance per app (the client elects one registering tab across the browser).
 */
@Injectable({ providedIn: 'root' })
export class Softphone {
  private readonly client = inject(SOFTPHONE_CLIENT);

  private readonly registrationState = signal<RegistrationState>(this.client.registrationState);
  private readonly connectionState = signal<ConnectionState>(this.client.connectionState);
  private readonly leadershipState = signal<Leadership>(this.client.leadership);
  private readonly callList = signal<readonly CallInfo[]>(this.client.calls);
  private readonly statsByCall = signal<ReadonlyMap<string, CallStats>>(new Map(this.client.stats));
  private readonly deviceState = signal<DeviceState>(this.client.devices);
  private readonly traceEntries = signal<readonly SipTraceEntry[]>([]);
  private readonly lastErrorState = signal<AnySoftphoneError | undefined>(undefined);

  /** Registration of this browser (or `Elsewhere` in a follower tab). */
  readonly registration = this.registrationState.asReadonly();
  /** WebSocket state. */
  readonly connection = this.connectionState.asReadonly();
  /** Whether this tab holds the registration (`leader`) or shows "active in another tab" (`follower`). */
  readonly leadership = this.leadershipState.asReadonly();
  /** Live calls, oldest first. */
  readonly calls = this.callList.asReadonly();
  /** The call the agent talks in: the newest live, not held one; else the newest held one. */
  readonly activeCall = computed<CallInfo | undefined>(() => {
    const live = this.callList().filter((call) => liveStates.has(call.state));
    return live.findLast((call) => call.state !== CallState.Held) ?? live.at(-1);
  });
  /** The oldest call still ringing in. */
  readonly incomingCall = computed<CallInfo | undefined>(() =>
    this.callList().find((call) => call.state === CallState.Incoming),
  );
  /** Latest stats per call id. */
  readonly stats = this.statsByCall.asReadonly();
  /** Latest stats of the active call. */
  readonly activeCallStats = computed<CallStats | undefined>(() => {
    const id = this.activeCall()?.id;
    return id === undefined ? undefined : this.statsByCall().get(id);
  });
  /** Audio devices. */
  readonly devices = this.deviceState.asReadonly();
  /** The last SIP messages (bounded), oldest first. */
  readonly trace = this.traceEntries.asReadonly();
  /** The last error reported outside a command (registration, renegotiation, media). */
  readonly lastError = this.lastErrorState.asReadonly();
  /** Whether calls can be placed from this tab. */
  readonly ready = computed(
    () => this.registrationState() === RegistrationState.Registered && this.leadershipState() === 'leader',
  );

  constructor() {
    const offs = [
      this.client.on('registrationChanged', (state) => this.registrationState.set(state)),
      this.client.on('connectionChanged', (state) => this.connectionState.set(state)),
      this.client.on('leadershipChanged', (state) => this.leadershipState.set(state)),
      this.client.on('callChanged', (call) => this.applyCall(call)),
      this.client.on('statsSampled', ({ callId, stats }) =>
        this.statsByCall.update((all) => new Map(all).set(callId, stats)),
      ),
      this.client.on('devicesChanged', (devices) => this.deviceState.set(devices)),
      this.client.on('traced', (entry) => this.traceEntries.update((all) => [...all, entry].slice(-TRACE_WINDOW))),
      this.client.on('error', (error) => this.lastErrorState.set(error)),
    ];
    inject(DestroyRef).onDestroy(() => offs.forEach((off) => off()));
  }

  /** Registers with the account from `GET /api/me/sip`. */
  start(account: SipAccount): Promise<void> {
    return this.client.start(account);
  }
  /** Hangs up, unregisters and disconnects. */
  stop(): Promise<void> {
    return this.client.stop();
  }
  dial(target: string, options?: DialOptions): Promise<CallInfo> {
    return this.client.dial(target, options);
  }
  answer(callId?: string, options?: AnswerOptions): Promise<void> {
    return this.client.answer(callId, options);
  }
  reject(callId?: string): void {
    this.client.reject(callId);
  }
  hangup(callId?: string): void {
    this.client.hangup(callId);
  }
  hold(callId?: string): Promise<void> {
    return this.client.hold(callId);
  }
  unhold(callId?: string): Promise<void> {
    return this.client.unhold(callId);
  }
  mute(callId?: string): void {
    this.client.mute(callId);
  }
  unmute(callId?: string): void {
    this.client.unmute(callId);
  }
  sendDtmf(digits: string, callId?: string): void {
    this.client.sendDtmf(digits, callId);
  }
  blindTransfer(target: string, callId?: string): Promise<void> {
    return this.client.blindTransfer(target, callId);
  }
  startConsultation(target: string, callId?: string, options?: DialOptions): Promise<CallInfo> {
    return this.client.startConsultation(target, callId, options);
  }
  attendedTransfer(consultCallId: string, originalCallId: string): Promise<void> {
    return this.client.attendedTransfer(consultCallId, originalCallId);
  }
  conference(callIdA: string, callIdB: string): Promise<void> {
    return this.client.conference(callIdA, callIdB);
  }
  splitConference(): Promise<void> {
    return this.client.splitConference();
  }
  selectInput(deviceId: string): Promise<void> {
    return this.client.selectInput(deviceId);
  }
  selectOutput(deviceId: string): Promise<void> {
    return this.client.selectOutput(deviceId);
  }
  refreshDevices(): Promise<DeviceState> {
    return this.client.refreshDevices();
  }
  /** SIP messages of one call, for a troubleshooting view. */
  traceOf(callId: string): readonly SipTraceEntry[] {
    return this.client.traceOf(callId);
  }
  /** Forgets the last error once the UI has shown it. */
  clearError(): void {
    this.lastErrorState.set(undefined);
  }

  private applyCall(call: CallInfo): void {
    this.callList.update((calls) => {
      if (call.state === CallState.Ended) return calls.filter((known) => known.id !== call.id);
      const index = calls.findIndex((known) => known.id === call.id);
      if (index === -1) return [...calls, call];
      return calls.map((known) => (known.id === call.id ? call : known));
    });
    if (call.state === CallState.Ended) {
      this.statsByCall.update((all) => {
        const next = new Map(all);
        next.delete(call.id);
        return next;
      });
    }
  }
}
