import { SoftphoneCall } from './call';
import { interestingHeaders, newCallId, pickCall } from './call-helpers';
import { endConference, startConference, type ConferenceMixer } from './conference';
import { TypedEmitter } from './emitter';
import { CallStateError, InvalidTargetError, SoftphoneNotReadyError, type AnySoftphoneError } from './errors';
import type { JsSipNewSessionEvent, JsSipReferEvent, JsSipUa } from './jssip-adapter';
import { TabLeaderElection, type TabEnvironment } from './leader';
import { MediaController } from './media';
import { DEFAULT_MEDIA_TIMEOUT_MS, noMediaError } from './media-watchdog';
import { SIP_PROFILES, type SipProfile } from './profiles';
import { createUserAgent, RegistrationTracker, validateAccount, waitForUaEvent } from './registration';
import type { SoftphoneApi, SoftphoneEvents, SoftphoneOptions } from './softphone-api';
import { StatsSampler } from './stats-sampler';
import { SipTrace, describeSipMessage } from './trace';
import { acceptRefer, attendedTransfer, blindTransfer } from './transfer';
import {
  type AnswerOptions,
  type CallInfo,
  CallState,
  type CallStats,
  ConnectionState,
  type DeviceState,
  type DialOptions,
  type Leadership,
  RegistrationState,
  type SipAccount,
  type SipTraceEntry,
} from './types';

/**
 * The softphone: one JsSIP UA, its calls, media, stats, trace and the tab election.
 * Framework-free; `sip-angular`'s `Softphone` store adapts it to signals.
 */
export class SoftphoneClient extends TypedEmitter<SoftphoneEvents> implements SoftphoneApi {
  private ua?: JsSipUa;
  private uaStarted?: Promise<void>;
  private tracker?: RegistrationTracker;
  private account?: SipAccount;
  private profile: SipProfile = SIP_PROFILES.generic;
  private readonly callMap = new Map<string, SoftphoneCall>();
  private readonly remoteStreams = new Map<string, MediaStream>();
  private readonly statsMap = new Map<string, CallStats>();
  private readonly sampler: StatsSampler;
  private readonly media: MediaController;
  private readonly sipTrace: SipTrace;
  private election?: TabLeaderElection;
  private mixer?: ConferenceMixer;
  private registrationValue = RegistrationState.Unregistered;
  private connectionValue = ConnectionState.Disconnected;

  constructor(
    private readonly options: SoftphoneOptions = {},
    private readonly tabs?: TabEnvironment,
  ) {
    super();
    this.sipTrace = new SipTrace(options.traceSize ?? 500, options.tracePerCallSize ?? 200);
    this.media = new MediaController((devices) => this.emit('devicesChanged', devices));
    this.sampler = new StatsSampler(options.statsIntervalMs ?? 2000, (callId, stats) => {
      this.statsMap.set(callId, stats);
      this.emit('statsSampled', { callId, stats });
    });
  }

  get registrationState(): RegistrationState {
    return this.registrationValue;
  }
  get connectionState(): ConnectionState {
    return this.connectionValue;
  }
  get leadership(): Leadership {
    return this.election?.role ?? 'leader';
  }
  get calls(): readonly CallInfo[] {
    return [...this.callMap.values()].map((call) => call.info());
  }
  get devices(): DeviceState {
    return this.media.devices;
  }
  get stats(): ReadonlyMap<string, CallStats> {
    return this.statsMap;
  }

  async start(account: SipAccount): Promise<void> {
    validateAccount(account);
    if (this.account) throw new CallStateError('The softphone is already started; stop() it first');
    this.account = account;
    this.profile = SIP_PROFILES[account.profile ?? 'generic'];
    if (this.options.singleTab === false) return this.ensureUserAgent();
    const election = new TabLeaderElection(this.options.tabLockName ?? 'switchboard-softphone', this.tabs);
    this.election = election;
    election.on('changed', (role) => {
      this.emit('leadershipChanged', role);
      if (role === 'leader' && this.account)
        this.ensureUserAgent().catch((error: AnySoftphoneError) => this.emit('error', error));
    });
    const role = await election.start();
    if (role === 'follower') {
      this.setRegistration(RegistrationState.Elsewhere);
      return;
    }
    await this.ensureUserAgent();
  }

  async stop(): Promise<void> {
    const ua = this.ua;
    this.account = undefined;
    this.election?.stop();
    this.election = undefined;
    if (!ua) {
      this.setRegistration(RegistrationState.Unregistered);
      return;
    }
    for (const call of this.callMap.values()) call.hangup();
    this.tracker?.stopRequested();
    if (ua.isRegistered()) {
      const unregistered = waitForUaEvent(ua, 'unregistered', 3000);
      ua.unregister();
      await unregistered;
    }
    // JsSIP closes the WebSocket by itself once its last transaction ends (up to 2 s later).
    ua.stop();
    this.ua = undefined;
    this.uaStarted = undefined;
    this.tracker = undefined;
    this.setRegistration(RegistrationState.Unregistered);
  }

  async dial(target: string, options: DialOptions = {}): Promise<CallInfo> {
    const ua = this.requireUa();
    const stream = options.receiveOnly ? undefined : await this.microphone();
    const call = new SoftphoneCall(this.callHost(), {
      id: newCallId(),
      direction: 'outgoing',
      codecs: options.codecs ?? this.options.defaultCodecs ?? 'default',
      stream,
    });
    try {
      this.placeCall(ua, call, target, this.profile.sessionExpires, options.extraHeaders);
    } catch (cause) {
      // JsSIP throws TypeError for a target it cannot turn into a SIP URI.
      for (const track of stream?.getTracks() ?? []) track.stop();
      throw new InvalidTargetError(`Cannot call "${target}"`, { cause });
    }
    this.callMap.set(call.id, call);
    return call.info();
  }

  async answer(callId?: string, options: AnswerOptions = {}): Promise<void> {
    const call = this.findCall(callId, (c) => c.currentState === CallState.Incoming);
    if (!options.receiveOnly) call.stream = await this.microphone();
    call.answer({
      mediaStream: call.stream,
      // JsSIP strips the given stream's audio when mediaConstraints.audio is false.
      mediaConstraints: { audio: !!call.stream, video: false },
      pcConfig: this.pcConfig(),
      sessionTimersExpires: this.profile.sessionExpires,
    });
  }

  reject(callId?: string): void {
    this.findCall(callId, (c) => c.currentState === CallState.Incoming).reject();
  }
  hangup(callId?: string): void {
    this.findCall(callId).hangup();
  }
  hold(callId?: string): Promise<void> {
    return this.findCall(callId).hold();
  }
  unhold(callId?: string): Promise<void> {
    return this.findCall(callId).unhold();
  }
  mute(callId?: string): void {
    this.findCall(callId).setMuted(true);
  }
  unmute(callId?: string): void {
    this.findCall(callId).setMuted(false);
  }
  sendDtmf(digits: string, callId?: string): void {
    this.findCall(callId).sendDtmf(digits);
  }

  blindTransfer(target: string, callId?: string): Promise<void> {
    const call = this.findCall(callId);
    return blindTransfer(call, target, (status) => this.emit('transferProgress', { callId: call.id, status }));
  }

  async startConsultation(target: string, callId?: string, options?: DialOptions): Promise<CallInfo> {
    const original = this.findCall(callId);
    if (!original.info().onHold) await original.hold();
    return this.dial(target, options);
  }

  attendedTransfer(consultCallId: string, originalCallId: string): Promise<void> {
    const original = this.findCall(originalCallId);
    return attendedTransfer(original, this.findCall(consultCallId), (status) =>
      this.emit('transferProgress', { callId: original.id, status }),
    );
  }

  async conference(callIdA: string, callIdB: string): Promise<void> {
    if (this.mixer) throw new CallStateError('A conference is already running');
    const calls = [this.findCall(callIdA), this.findCall(callIdB)] as const;
    this.mixer = await startConference(calls, (call) => this.remoteStreams.get(call.id));
    for (const call of calls) this.callHost().changed(call);
  }

  async splitConference(): Promise<void> {
    const mixer = this.mixer;
    this.mixer = undefined;
    const calls = mixer ? await endConference(mixer, [...this.callMap.values()]) : [];
    for (const call of calls) this.callHost().changed(call);
  }

  async selectInput(deviceId: string): Promise<void> {
    const probe = await this.media.selectInput(deviceId);
    for (const track of probe?.getTracks() ?? []) track.stop();
    for (const call of this.callMap.values()) {
      // A conferenced call's microphone feeds the WebAudio mix; it switches after splitConference().
      if (!call.isLive || !call.stream || call.conferenced) continue;
      const fresh = await this.media.acquireMicrophone();
      if (fresh.stream) await call.switchMicrophone(fresh.stream);
    }
  }

  selectOutput(deviceId: string): Promise<void> {
    return this.media.selectOutput(deviceId);
  }
  refreshDevices(): Promise<DeviceState> {
    return this.media.refresh();
  }

  traceOf(callId?: string): readonly SipTraceEntry[] {
    if (callId === undefined) return this.sipTrace.entries();
    const call = this.callMap.get(callId);
    return this.sipTrace.entries(call?.info().sipCallId ?? callId);
  }

  /** Starts the UA once, whichever of start() and a won election asks first. */
  private ensureUserAgent(): Promise<void> {
    this.uaStarted ??= this.startUserAgent().finally(() => {
      if (!this.ua) this.uaStarted = undefined;
    });
    return this.uaStarted;
  }

  private async startUserAgent(): Promise<void> {
    const account = this.account;
    if (!account) return;
    const ua = createUserAgent(account, this.profile, this.options, (raw, direction) =>
      this.recordTrace(raw, direction),
    );
    this.ua = ua;
    this.tracker = new RegistrationTracker(ua, {
      registration: (state) => this.setRegistration(state),
      connection: (state) => {
        this.connectionValue = state;
        this.emit('connectionChanged', state);
      },
      reRegistered: () => this.refreshDialogs(),
      failed: (error) => this.emit('error', error),
      newSession: (event) => this.onNewSession(event),
    });
    const settled = Promise.race([
      waitForUaEvent(ua, 'registered', 30_000),
      waitForUaEvent(ua, 'registrationFailed', 30_000),
    ]);
    ua.start();
    await settled;
  }

  private onNewSession(event: JsSipNewSessionEvent): void {
    if (event.originator !== 'remote') return; // outgoing sessions are bound in placeCall()
    const headers = interestingHeaders(event.request);
    const replacing = event.request.hasHeader('replaces');
    const call = new SoftphoneCall(this.callHost(), {
      id: newCallId(),
      direction: 'incoming',
      codecs: this.options.defaultCodecs ?? 'default',
      headers,
    });
    this.callMap.set(call.id, call);
    call.attach(event.session, true);
    // An INVITE with Replaces takes over a call we already talk in (accepted in SoftphoneCall): no ringing.
    if (replacing) void this.answer(call.id).catch((error: AnySoftphoneError) => this.emit('error', error));
    else this.emit('incomingCall', call.info());
  }

  private placeCall(
    ua: JsSipUa,
    call: SoftphoneCall,
    target: string,
    sessionExpires: number,
    extraHeaders?: readonly string[],
  ): void {
    const session = ua.call(target, {
      mediaConstraints: { audio: false, video: false },
      pcConfig: this.pcConfig(),
      sessionTimersExpires: sessionExpires,
      extraHeaders: [...(extraHeaders ?? [])],
      eventHandlers: call.handlers(),
    });
    call.attach(session, false);
  }

  private callHost(): ConstructorParameters<typeof SoftphoneCall>[0] {
    return {
      dtmfMode: this.options.dtmfMode ?? 'rfc4733',
      iceGatheringTimeoutMs: this.options.iceGatheringTimeoutMs ?? 1500,
      mediaTimeoutMs: this.options.mediaTimeoutMs ?? DEFAULT_MEDIA_TIMEOUT_MS,
      hasIceServers: (this.account?.iceServers?.length ?? 0) > 0,
      useUpdateForReoffers: false,
      changed: (call) => this.emit('callChanged', call.info()),
      remoteStream: (call, stream) => {
        this.remoteStreams.set(call.id, stream);
        this.sampler.track(call.id, () => call.session.connection);
        this.media.playRemote(call.id, stream);
      },
      ended: (call) => this.forgetCall(call),
      noMedia: (call) => this.emit('error', noMediaError(call.id)),
      referred: (call, event) => void this.followRefer(call, event),
      retryWithSessionExpires: (call, minSe) => {
        // One redial per raise: a second 422 with the same Min-SE is final.
        if (!this.ua || minSe <= call.session._sessionTimers.defaultExpires) return false;
        this.placeCall(this.ua, call, call.session.remote_identity.uri.toString(), minSe);
        return true;
      },
    };
  }

  /** Places the call a REFER asks for (JsSIP sends the NOTIFYs); the referring leg is ended by its sender. */
  private async followRefer(referrer: SoftphoneCall, event: JsSipReferEvent): Promise<void> {
    const stream = await this.microphone();
    const codecs = this.options.defaultCodecs ?? 'default';
    const call = new SoftphoneCall(this.callHost(), { id: newCallId(), direction: 'outgoing', codecs, stream });
    referrer.transferring = true;
    acceptRefer(event, call, (placed) => this.callMap.set(placed.id, placed), {
      pcConfig: this.pcConfig(),
      sessionTimersExpires: this.profile.sessionExpires,
    });
  }

  private forgetCall(call: SoftphoneCall): void {
    this.callMap.delete(call.id);
    this.remoteStreams.delete(call.id);
    this.statsMap.delete(call.id);
    this.sampler.untrack(call.id);
    this.media.stopRemote(call.id);
    if (this.mixer?.includes(call)) void this.splitConference();
  }

  private refreshDialogs(): void {
    for (const call of this.callMap.values()) {
      const state = call.currentState;
      if (state !== CallState.Established && state !== CallState.Held) continue;
      call.refreshTarget().catch((error: AnySoftphoneError) => this.emit('error', error));
    }
  }

  private async microphone(): Promise<MediaStream | undefined> {
    const { stream, error } = await this.media.acquireMicrophone();
    if (error) this.emit('error', error);
    return stream;
  }

  private pcConfig(): RTCConfiguration {
    return { ...this.profile.rtcConfiguration, iceServers: [...(this.account?.iceServers ?? [])] };
  }

  private requireUa(): JsSipUa {
    if (!this.ua)
      throw new SoftphoneNotReadyError(
        this.leadership === 'follower' ? 'The softphone is active in another tab' : undefined,
      );
    return this.ua;
  }

  private findCall(callId?: string, fallback?: (call: SoftphoneCall) => boolean): SoftphoneCall {
    return pickCall(this.callMap, callId, fallback);
  }

  private recordTrace(raw: string, direction: 'in' | 'out'): void {
    const entry = describeSipMessage(raw, direction, Date.now());
    this.sipTrace.record(entry);
    this.emit('traced', entry);
  }

  private setRegistration(state: RegistrationState): void {
    if (state === this.registrationValue) return;
    this.registrationValue = state;
    this.emit('registrationChanged', state);
  }
}
