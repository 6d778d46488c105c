import { type SipInfoMessage, SoftphoneCall } from './call';
import { newCallId } from './call-helpers';
import { TypedEmitter } from './emitter';
import { CallStateError, InvalidTargetError, SipAccountError } from './errors';
import type { JsSipReferEvent, JsSipUa } from './jssip-adapter';
import { MediaController } from './media';
import { DEFAULT_MEDIA_TIMEOUT_MS } from './media-watchdog';
import { SIP_PROFILES } from './profiles';
import { createUserAgent } from './registration';
import type { SipSocket } from './softphone-api';
import type { CallInfo, DtmfMode } from './types';

/**
 * A credential for one call, as a server hands it to a website visitor: digest HA1 for `realm` (never a password),
 * no registration. `authorizationUser` is also the From user.
 */
export interface GuestAccount {
  readonly authorizationUser: string;
  readonly domain: string;
  readonly realm: string;
  readonly ha1: string;
  /** `ws://` or `wss://` URL of the SIP server's WebSocket. */
  readonly wsUrl: string;
  /** Display name put in From. */
  readonly displayName?: string;
  /** STUN/TURN servers for ICE. */
  readonly iceServers?: readonly RTCIceServer[];
}

/** Settings of a {@link GuestCall}; all optional. */
export interface GuestCallOptions {
  /** DTMF transport (default `rfc4733`). */
  readonly dtmfMode?: DtmfMode;
  /** Longest wait for ICE candidates before the INVITE leaves anyway (default 1500 ms). */
  readonly iceGatheringTimeoutMs?: number;
  /** Longest wait for the WebSocket before the call fails (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** User-Agent header. */
  readonly userAgent?: string;
  /** Test seam: the socket JsSIP talks over. */
  readonly createSocket?: (url: string) => SipSocket;
}

/** Events of a {@link GuestCall}. */
export interface GuestCallEvents {
  [event: string]: unknown;
  /** The call changed (state, mute...); `Ended` is the last change. */
  changed: CallInfo;
  /** The server sent a SIP INFO during the call (FreeSWITCH tells a web caller that an agent answered). */
  info: SipInfoMessage;
}

/**
 * One outgoing call without a registration: what a click-to-call widget needs, and nothing else (no tabs, no
 * transfers, no stats), so a page bundles little besides JsSIP. The UA connects, places the call (answering the
 * server's 407 with the HA1) and stops when the call ends. JsSIP stays behind this class.
 *
 * ```text
 *  dial() ─► Dialing ─1xx─► Ringing/EarlyMedia ─200─► Established ─BYE/hangup()─► Ended
 *               └──────────── 4xx-6xx / no WebSocket ─────────────────────────────► Ended (endStatusCode)
 * ```
 */
export class GuestCall extends TypedEmitter<GuestCallEvents> {
  private ua?: JsSipUa;
  private call?: SoftphoneCall;
  private readonly media = new MediaController(() => undefined);

  constructor(private readonly options: GuestCallOptions = {}) {
    super();
  }

  /** The call, once dialled. */
  get current(): CallInfo | undefined {
    return this.call?.info();
  }

  /**
   * Connects and calls `target` on the account's domain with `stream` as the microphone (receive-only without one).
   * Resolves once the INVITE is under way; follow `changed` for the rest. Rejects when the WebSocket cannot be
   * opened; the stream is then stopped.
   */
  async dial(account: GuestAccount, target: string, stream?: MediaStream): Promise<CallInfo> {
    if (this.call?.isLive) throw new CallStateError('A call is already in progress');
    validateGuestAccount(account);
    const profile = SIP_PROFILES.freeswitch;
    const ua = createUserAgent(
      { ...account, extension: account.authorizationUser, profile: 'freeswitch' },
      profile,
      { userAgent: this.options.userAgent ?? 'Switchboard web call', createSocket: this.options.createSocket },
      () => undefined,
      false,
    );
    this.ua = ua;
    const connected = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), this.options.connectTimeoutMs ?? 10_000);
      ua.on('connected', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    ua.start();
    if (!(await connected)) {
      this.stopUa();
      for (const track of stream?.getTracks() ?? []) track.stop();
      throw new SipAccountError(`Could not reach ${account.wsUrl}`);
    }
    const call = new SoftphoneCall(this.callHost(), {
      id: newCallId(),
      direction: 'outgoing',
      codecs: 'default',
      stream,
    });
    try {
      const session = ua.call(`sip:${target}@${account.domain}`, {
        mediaConstraints: { audio: false, video: false },
        pcConfig: { ...profile.rtcConfiguration, iceServers: [...(account.iceServers ?? [])] },
        sessionTimersExpires: profile.sessionExpires,
        eventHandlers: call.handlers(),
      });
      call.attach(session, false);
    } catch (cause) {
      // JsSIP throws TypeError for a target it cannot turn into a SIP URI.
      this.stopUa();
      for (const track of stream?.getTracks() ?? []) track.stop();
      throw new InvalidTargetError(`Cannot call "${target}"`, { cause });
    }
    this.call = call;
    return call.info();
  }

  /** Ends the call (CANCEL while it rings, BYE once answered) and closes the connection. */
  hangup(): void {
    if (this.call?.isLive) this.call.hangup();
    else this.stopUa();
  }

  mute(): void {
    this.requireCall().setMuted(true);
  }

  unmute(): void {
    this.requireCall().setMuted(false);
  }

  /** Sends DTMF digits (`0-9 * # A-D`) as RTP telephone-events. */
  sendDtmf(digits: string): void {
    this.requireCall().sendDtmf(digits);
  }

  private requireCall(): SoftphoneCall {
    if (!this.call?.isLive) throw new CallStateError('There is no call in progress');
    return this.call;
  }

  private callHost(): ConstructorParameters<typeof SoftphoneCall>[0] {
    return {
      dtmfMode: this.options.dtmfMode ?? 'rfc4733',
      iceGatheringTimeoutMs: this.options.iceGatheringTimeoutMs ?? 1500,
      mediaTimeoutMs: DEFAULT_MEDIA_TIMEOUT_MS,
      hasIceServers: false,
      useUpdateForReoffers: false,
      changed: (call) => this.emit('changed', call.info()),
      remoteStream: (call, stream) => this.media.playRemote(call.id, stream),
      ended: (call) => {
        this.media.stopRemote(call.id);
        this.stopUa();
      },
      // A guest never follows a transfer request: its credential reaches one destination only.
      referred: (_call, event: JsSipReferEvent) => event.reject(),
      retryWithSessionExpires: () => false,
      infoReceived: (_call, info) => this.emit('info', info),
    };
  }

  private stopUa(): void {
    this.ua?.stop();
    this.ua = undefined;
  }
}

function validateGuestAccount(account: GuestAccount): void {
  const missing = (['authorizationUser', 'domain', 'realm', 'ha1', 'wsUrl'] as const).filter((key) => !account[key]);
  if (missing.length > 0) throw new SipAccountError(`Web call credential lacks ${missing.join(', ')}`);
  if (!/^wss?:\/\//.test(account.wsUrl)) throw new SipAccountError(`Not a WebSocket URL: ${account.wsUrl}`);
}
