import { endReason } from './call-helpers';
import { CallStateError, InvalidDtmfError } from './errors';
import {
  isResponse,
  JSSIP_CAUSES,
  type JsSipEndEvent,
  type JsSipIceCandidateEvent,
  type JsSipProgressEvent,
  type JsSipReferEvent,
  type JsSipSession,
} from './jssip-adapter';
import { RingbackTone } from './media';
import { MediaWatchdog } from './media-watchdog';
import { audioSender, IceReadyPolicy, preparePeerConnection } from './peer-connection';
import { ReofferQueue } from './reoffer-queue';
import {
  type CallDirection,
  type CallEndReason,
  type CallInfo,
  CallState,
  type CodecPreference,
  type DtmfMode,
} from './types';

/** What a call needs from the client that owns it. */
export interface CallHost {
  readonly dtmfMode: DtmfMode;
  readonly iceGatheringTimeoutMs: number;
  /** How long after confirmation media must have come up (0: never checked). */
  readonly mediaTimeoutMs: number;
  readonly hasIceServers: boolean;
  readonly useUpdateForReoffers: boolean;
  changed(call: SoftphoneCall): void;
  remoteStream(call: SoftphoneCall, stream: MediaStream): void;
  /** JsSIP reported the end (after our state is `Ended`). */
  ended(call: SoftphoneCall): void;
  /** The call is confirmed but no media path came up within `mediaTimeoutMs` (`noMedia` is set already). */
  noMedia?(call: SoftphoneCall): void;
  /** The far end asks us to call someone else (REFER); the host places that call. */
  referred(call: SoftphoneCall, event: JsSipReferEvent): void;
  /** The initial INVITE got 422: redial with this Session-Expires. */
  retryWithSessionExpires(call: SoftphoneCall, minSe: number): boolean;
  /** The far end sent a SIP INFO that is not DTMF (JsSIP has answered it 200 already). */
  infoReceived?(call: SoftphoneCall, info: SipInfoMessage): void;
}

/** A SIP INFO the far end sent in a call: its Content-Type and body. */
export interface SipInfoMessage {
  readonly contentType: string;
  readonly body: string;
}

/** Settings of one call. */
export interface CallSetup {
  readonly id: string;
  readonly direction: CallDirection;
  readonly codecs: CodecPreference;
  /** Microphone stream (owned by the call: stopped when it ends), or none for receive-only. */
  readonly stream?: MediaStream;
  readonly headers?: Readonly<Record<string, string>>;
}

const DTMF_PATTERN = /^[0-9A-D#*,]+$/i;
/**
 * One call: owns a JsSIP session (replaced when a 422 forces a redial), maps its events onto `CallState`,
 * and serialises its re-offers. Commands validate the state and throw `CallStateError` otherwise.
 */
export class SoftphoneCall {
  readonly id: string;
  readonly direction: CallDirection;
  readonly reoffers: ReofferQueue;
  session!: JsSipSession;
  stream?: MediaStream;
  /** A transfer of this call is under way (its end then counts as `transferred`). */
  transferring = false;
  conferenced = false;

  private state: CallState;
  private muted = false;
  private onHold = false;
  private remoteHold = false;
  private readonly ringback = new RingbackTone();
  private ice?: IceReadyPolicy;
  private readonly startedAt = Date.now();
  private answeredAt?: number;
  private endedAt?: number;
  private reason?: CallEndReason;
  private statusCode?: number;
  private remoteUser = '';
  private remoteName?: string;
  private sipCallId = '';
  private readonly headers: Readonly<Record<string, string>>;
  private readonly codecs: CodecPreference;
  private peerConnection?: RTCPeerConnection;
  private readonly watchdog: MediaWatchdog;
  private noMedia = false;

  constructor(
    private readonly host: CallHost,
    setup: CallSetup,
  ) {
    this.id = setup.id;
    this.direction = setup.direction;
    this.codecs = setup.codecs;
    this.stream = setup.stream;
    this.headers = setup.headers ?? {};
    this.state = setup.direction === 'outgoing' ? CallState.Dialing : CallState.Incoming;
    this.watchdog = new MediaWatchdog(host.mediaTimeoutMs, () => {
      if (!this.isLive) return;
      this.noMedia = true;
      this.host.changed(this);
      this.host.noMedia?.(this);
    });
    this.reoffers = new ReofferQueue(() => this.session, {
      ownsCallId: setup.direction === 'outgoing',
      useUpdate: host.useUpdateForReoffers,
    });
  }

  /** Snapshot for the UI. */
  info(): CallInfo {
    return {
      id: this.id,
      sipCallId: this.sipCallId,
      direction: this.direction,
      state: this.state,
      remoteIdentity: this.remoteUser,
      remoteDisplayName: this.remoteName,
      muted: this.muted,
      onHold: this.onHold,
      remoteHold: this.remoteHold,
      ringback: this.ringback.playing,
      noMedia: this.noMedia,
      receiveOnly: !this.stream,
      conferenced: this.conferenced,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt,
      endReason: this.reason,
      endStatusCode: this.statusCode,
      headers: this.headers,
    };
  }

  get currentState(): CallState {
    return this.state;
  }

  get isLive(): boolean {
    return this.state !== CallState.Ended;
  }

  get isMuted(): boolean {
    return this.muted;
  }

  /** Session event handlers, to pass as JsSIP `eventHandlers` (outgoing) or attach with `on` (incoming). */
  handlers(): Record<string, (event: never) => void> {
    return {
      peerconnection: (event: { peerconnection: RTCPeerConnection }) => this.onPeerConnection(event.peerconnection),
      icecandidate: (event: JsSipIceCandidateEvent) => this.ice?.onCandidate(event),
      sending: () => this.bindIdentity(),
      progress: (event: JsSipProgressEvent) => this.onProgress(event),
      accepted: () => this.onAccepted(),
      confirmed: () => this.onAccepted(),
      hold: (event: { originator: string }) => this.onRemoteHold(event.originator, true),
      unhold: (event: { originator: string }) => this.onRemoteHold(event.originator, false),
      ended: (event: JsSipEndEvent) => this.onEnded(event),
      refer: (event: JsSipReferEvent) => this.host.referred(this, event),
      // An INVITE with Replaces for this dialog (attended transfer completed by the far end): the new call takes
      // over and JsSIP ends this one once it is confirmed.
      replaces: (event: JsSipReferEvent) => {
        this.transferring = true;
        event.accept();
      },
      failed: (event: JsSipEndEvent) => this.onFailed(event),
      newInfo: (event: { originator: string; info: { contentType?: string; body?: string } }) => {
        if (event.originator === 'remote')
          this.host.infoReceived?.(this, { contentType: event.info.contentType ?? '', body: event.info.body ?? '' });
      },
    };
  }

  /** Binds (or rebinds after a 422 redial) the JsSIP session. */
  attach(session: JsSipSession, listen: boolean): void {
    this.session = session;
    if (listen) for (const [event, handler] of Object.entries(this.handlers())) session.on(event, handler);
    this.bindIdentity();
    this.host.changed(this);
  }

  answer(options: Record<string, unknown>): void {
    if (this.state !== CallState.Incoming) throw new CallStateError(`Cannot answer a call that is ${this.state}`);
    this.setState(CallState.Answering);
    this.session.answer(options);
  }

  reject(): void {
    if (this.state !== CallState.Incoming) throw new CallStateError(`Cannot reject a call that is ${this.state}`);
    this.session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
  }

  /** Ends the call whatever its state: CANCEL while ringing, 486 if incoming, BYE once established. */
  hangup(): void {
    if (!this.isLive) return;
    if (this.state === CallState.Incoming) return this.reject();
    this.session.terminate();
  }

  hold(): Promise<void> {
    this.requireEstablished('hold');
    return this.reoffers
      .enqueue({
        label: 'Hold',
        isNeeded: () => this.isLive && !this.session._localHold,
        apply: () => this.setLocalHold(true),
        revert: () => this.setLocalHold(false),
      })
      .then(() => this.afterHoldChange());
  }

  unhold(): Promise<void> {
    this.requireEstablished('unhold');
    return this.reoffers
      .enqueue({
        label: 'Unhold',
        isNeeded: () => this.isLive && this.session._localHold,
        apply: () => this.setLocalHold(false),
        revert: () => this.setLocalHold(true),
      })
      .then(() => this.afterHoldChange());
  }

  /** Re-INVITE with the current Contact so proxies route the dialog over the new WebSocket. */
  refreshTarget(): Promise<void> {
    return this.reoffers.enqueue({
      label: 'Target refresh',
      isNeeded: () => this.isLive,
      apply: () => undefined,
      revert: () => undefined,
    });
  }

  /** Mutes the microphone; in a conference the mix stays audible to both parties. */
  setMuted(muted: boolean): void {
    if (!this.isLive) throw new CallStateError('Cannot mute an ended call');
    this.muted = muted;
    if (this.conferenced) {
      for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !muted;
    } else if (muted) {
      this.session.mute({ audio: true });
    } else {
      this.session.unmute({ audio: true });
    }
    this.host.changed(this);
  }

  sendDtmf(digits: string): void {
    if (!DTMF_PATTERN.test(digits)) throw new InvalidDtmfError(`Not DTMF: "${digits}"`);
    if (this.state !== CallState.Established && this.state !== CallState.EarlyMedia && this.state !== CallState.Held) {
      throw new CallStateError(`Cannot send DTMF in a call that is ${this.state}`);
    }
    // JsSIP silently drops RFC 4733 digits without an audio sender (receive-only call): use INFO there.
    const rtp = this.host.dtmfMode === 'rfc4733' && audioSender(this.session.connection)?.dtmf;
    this.session.sendDTMF(digits, { transportType: rtp ? 'RFC2833' : 'INFO', duration: 100, interToneGap: 70 });
  }

  /** Sends `stream`'s microphone instead of the current one (`replaceTrack`, no renegotiation), keeping mute. */
  async switchMicrophone(stream: MediaStream): Promise<void> {
    const [track] = stream.getAudioTracks();
    if (!track) return;
    track.enabled = !this.muted && !this.onHold;
    await audioSender(this.session.connection)?.replaceTrack(track);
    for (const old of this.stream?.getTracks() ?? []) old.stop();
    this.stream = stream;
  }

  /** Marks the call ended by us after a transfer (BYE, unless the far end already hung up). */
  endAfterTransfer(): void {
    this.transferring = true;
    if (this.isLive) this.session.terminate();
  }

  private requireEstablished(action: string): void {
    if (this.state !== CallState.Established && this.state !== CallState.Held) {
      throw new CallStateError(`Cannot ${action} a call that is ${this.state}`);
    }
  }

  private setLocalHold(hold: boolean): void {
    this.session._localHold = hold;
    this.session._setLocalMediaStatus();
  }

  private afterHoldChange(): void {
    this.onHold = this.session._localHold;
    if (this.isLive) this.setState(this.onHold ? CallState.Held : CallState.Established);
  }

  /**
   * Sets up a peer connection JsSIP created before this call could listen (a call placed on a REFER): JsSIP adds
   * the microphone itself there, so only ICE, remote audio and answer-side codec hooks are installed.
   */
  adoptPeerConnection(pc: RTCPeerConnection | null): void {
    if (!pc) return;
    this.peerConnection = pc;
    this.ice = new IceReadyPolicy(this.host.hasIceServers, this.host.iceGatheringTimeoutMs);
    preparePeerConnection(pc, {
      stream: this.stream,
      codecs: this.codecs,
      offerer: false,
      onRemoteStream: (s) => this.host.remoteStream(this, s),
    });
  }

  private onPeerConnection(pc: RTCPeerConnection): void {
    this.peerConnection = pc;
    this.ice = new IceReadyPolicy(this.host.hasIceServers, this.host.iceGatheringTimeoutMs);
    preparePeerConnection(pc, {
      stream: this.stream,
      codecs: this.codecs,
      offerer: this.direction === 'outgoing',
      onRemoteStream: (stream) => this.host.remoteStream(this, stream),
    });
  }

  private bindIdentity(): void {
    const session = this.session as JsSipSession | undefined;
    if (!session) return;
    this.sipCallId = session._request?.call_id ?? this.sipCallId;
    this.remoteUser = session.remote_identity.uri.user ?? session.remote_identity.uri.host;
    this.remoteName = session.remote_identity.display_name ?? undefined;
  }

  private onProgress(event: JsSipProgressEvent): void {
    if (event.originator !== 'remote' || !event.response) return;
    if (event.response.body) {
      this.ringback.stop();
      this.setState(CallState.EarlyMedia);
    } else if (this.state !== CallState.EarlyMedia) {
      if (event.response.status_code === 180) this.ringback.start();
      this.setState(CallState.Ringing);
    }
  }

  private onAccepted(): void {
    this.ringback.stop();
    this.ice?.clear();
    if (this.state === CallState.Established || this.state === CallState.Held || !this.isLive) return;
    this.answeredAt ??= Date.now();
    this.watchdog.arm(this.peerConnection ?? this.session.connection ?? undefined);
    this.setState(CallState.Established);
  }

  private onRemoteHold(originator: string, hold: boolean): void {
    if (originator !== 'remote') return;
    this.remoteHold = hold;
    this.host.changed(this);
  }

  private onFailed(event: JsSipEndEvent): void {
    const response = isResponse(event.message) ? event.message : undefined;
    const minSe = response?.status_code === 422 ? Number.parseInt(response.getHeader('Min-SE') ?? '', 10) : Number.NaN;
    if (Number.isFinite(minSe) && this.host.retryWithSessionExpires(this, minSe)) {
      this.setState(CallState.Dialing);
      return;
    }
    this.statusCode = response?.status_code;
    this.onEnded(event);
  }

  private onEnded(event: JsSipEndEvent): void {
    if (!this.isLive) return;
    this.ringback.stop();
    this.ice?.clear();
    this.watchdog.disarm();
    this.reoffers.close();
    this.reason =
      event.originator === 'local' && event.cause === JSSIP_CAUSES.rejected
        ? 'rejected'
        : endReason(event, this.transferring);
    this.endedAt = Date.now();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.setState(CallState.Ended);
    this.host.ended(this);
  }

  private setState(state: CallState): void {
    this.state = state;
    this.host.changed(this);
  }
}
