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
  private readonly wsUrlState = signal<string | undefined>(undefined);
  private readonly unreachableState = signal(false);
  private readonly lastEndedState = signal<CallInfo | undefined>(undefined);

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
  /**
   * The call that ended last, with its `endReason` (e.g. `answered-elsewhere`: another device of the user took it),
   * until the next one ends. Live calls leave `calls` when they end; a view that explains an ending reads it here.
   */
  readonly lastEndedCall = this.lastEndedState.asReadonly();
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
  /** The SIP WebSocket URL of the account the phone was started with (what the API handed out). */
  readonly wsUrl = this.wsUrlState.asReadonly();
  /**
   * Whether the last attempt to open the SIP WebSocket failed and none has succeeded since: the server is down or
   * the URL is wrong. Stays true across sip-core's retries, so a view does not flicker between them.
   */
  readonly unreachable = this.unreachableState.asReadonly();
  /** Whether calls can be placed from this tab. */
  readonly ready = computed(
    () => this.registrationState() === RegistrationState.Registered && this.leadershipState() === 'leader',
  );

  constructor() {
    const offs = [
      this.client.on('registrationChanged', (state) => this.registrationState.set(state)),
      this.client.on('connectionChanged', (state) => this.applyConnection(state)),
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
    this.wsUrlState.set(account.wsUrl);
    return this.client.start(account);
  }
  /** Hangs up, unregisters and disconnects. */
  stop(): Promise<void> {
    this.unreachableState.set(false);
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

  private applyConnection(state: ConnectionState): void {
    // Connecting → Disconnected without Connected in between is a failed attempt; Connected → Disconnected is a drop.
    if (state === ConnectionState.Connected) this.unreachableState.set(false);
    else if (state === ConnectionState.Disconnected && this.connectionState() === ConnectionState.Connecting)
      this.unreachableState.set(true);
    this.connectionState.set(state);
  }

  private applyCall(call: CallInfo): void {
    this.callList.update((calls) => {
      if (call.state === CallState.Ended) return calls.filter((known) => known.id !== call.id);
      const index = calls.findIndex((known) => known.id === call.id);
      if (index === -1) return [...calls, call];
      return calls.map((known) => (known.id === call.id ? call : known));
    });
    if (call.state === CallState.Ended) {
      this.lastEndedState.set(call);
      this.statsByCall.update((all) => {
        const next = new Map(all);
        next.delete(call.id);
        return next;
      });
    }
  }
}
