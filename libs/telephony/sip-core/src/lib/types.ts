import type { SipProfileName } from './profiles';

/**
 * The SIP account of the signed-in agent, as `GET /api/me/sip` returns it (see `AgentSipAccount` in
 * `libs/shared/contracts` — this type is structurally compatible so sip-core stays free of app contracts).
 * Give `ha1` + `realm` when the server can: the plain password then never reaches the browser.
 */
export interface SipAccount {
  /** The agent's extension, the user part of its AOR (`sip:1001@domain`). */
  readonly extension: string;
  /** SIP domain of the AOR. */
  readonly domain: string;
  /** WebSocket URL of the registrar/proxy (`wss://pbx:7443`, `wss://pbx:8089/ws`). */
  readonly wsUrl: string;
  /** Digest user name (often equal to the extension). */
  readonly authorizationUser: string;
  /** Display name put in From. */
  readonly displayName?: string;
  /** Digest HA1 = MD5(user:realm:password); used with `realm` instead of `password`. */
  readonly ha1?: string;
  /** Digest realm that `ha1` was computed for. */
  readonly realm?: string;
  /** Per-login secret, used when no `ha1` is given. */
  readonly password?: string;
  /** Server flavour; picks transport URL defaults and media constraints (default `generic`). */
  readonly profile?: SipProfileName;
  /** STUN/TURN servers for ICE. */
  readonly iceServers?: readonly RTCIceServer[];
}

/**
 * Registration state of the softphone.
 *
 * ```text
 *            start()
 *  Unregistered ──────► Registering ──200──► Registered ──refresh 200──┐
 *       ▲                 │   ▲  │401/407 (digest, internal)  ▲  └─────┘
 *       │                 │   │  └──────────────────────────  │
 *       │           4xx/5xx/timeout                      reconnect + REGISTER
 *       │                 ▼   │                               │
 *       │               Failed ┘ (retried by transport)  Reconnecting ◄── WebSocket lost
 *       │                                                     │
 *       └──────── stop(): Unregistering ──200/timeout──────────┘(when stopped)
 *
 *  Any state ──(another tab holds the lock)──► Elsewhere
 * ```
 */
export enum RegistrationState {
  Unregistered = 'unregistered',
  Registering = 'registering',
  Registered = 'registered',
  /** The WebSocket dropped; reconnecting with backoff, then one REGISTER. */
  Reconnecting = 'reconnecting',
  Unregistering = 'unregistering',
  /** The registrar refused (wrong credentials, 403, 5xx); see `SoftphoneEvents.error`. */
  Failed = 'failed',
  /** Another browser tab is the leader and holds the registration. */
  Elsewhere = 'elsewhere',
}

/** State of the WebSocket to the SIP server. */
export enum ConnectionState {
  Disconnected = 'disconnected',
  Connecting = 'connecting',
  Connected = 'connected',
}

/**
 * State of one call.
 *
 * ```text
 *  outgoing: dial() ─► Dialing ─1xx─► Ringing ─183+SDP─► EarlyMedia ─┐
 *                         │             │  (180 no SDP: local ringback)│
 *                         │             └──────────200────────────────┤
 *  incoming: INVITE ─► Incoming ──answer()─► Answering ─ACK/media─────┤
 *                         │                                           ▼
 *                      reject() (486)                          Established ⇄ Held
 *                         │                                      (hold()/unhold(),
 *                         ▼                                       re-INVITE queue)
 *  any ─── BYE / CANCEL / 4xx-6xx / hangup() / transfer done ───► Ended
 * ```
 */
export enum CallState {
  Dialing = 'dialing',
  Ringing = 'ringing',
  EarlyMedia = 'early-media',
  Incoming = 'incoming',
  Answering = 'answering',
  Established = 'established',
  Held = 'held',
  Ended = 'ended',
}

/** Who started the call. */
export type CallDirection = 'outgoing' | 'incoming';

/** Why a call ended, independent of JsSIP's cause strings. */
export type CallEndReason =
  | 'hangup-local'
  | 'hangup-remote'
  | 'rejected'
  | 'busy'
  | 'no-answer'
  | 'canceled'
  /**
   * An incoming call another device of the same user answered: the PBX's CANCEL carries RFC 3326
   * `Reason: SIP;cause=200` ("Call completed elsewhere", as Asterisk and FreeSWITCH send it). Not a missed call.
   */
  | 'answered-elsewhere'
  | 'unavailable'
  | 'not-found'
  | 'transferred'
  | 'media-failed'
  | 'network'
  | 'failed';

/** Whether this tab holds the single registration of the browser profile. */
export type Leadership = 'leader' | 'follower';

/** How DTMF digits are sent. */
export type DtmfMode = 'rfc4733' | 'info';

/** Codec choice for a call, applied with `RTCRtpTransceiver.setCodecPreferences`. */
export type CodecPreference = 'default' | 'opus-first' | 'pcma-only' | 'pcmu-only' | readonly string[];

/** Options of `SoftphoneClient.dial`. */
export interface DialOptions {
  /** Codec preference (default: the client's `defaultCodecs`). */
  readonly codecs?: CodecPreference;
  /** Place the call without a microphone (recvonly). */
  readonly receiveOnly?: boolean;
  /** Extra SIP headers (`X-Queue: sales`). */
  readonly extraHeaders?: readonly string[];
}

/** Options of `SoftphoneClient.answer`. */
export interface AnswerOptions {
  readonly codecs?: CodecPreference;
  readonly receiveOnly?: boolean;
}

/** Quality sample of a call's audio; all values may be undefined until the first RTCP report. */
export interface CallStats {
  /** Wall-clock time of the sample (ms since epoch). */
  readonly at: number;
  /** Round-trip time in ms (remote-inbound-rtp or candidate pair). */
  readonly rttMs?: number;
  /** Inbound jitter in ms. */
  readonly jitterMs?: number;
  /** Fraction of inbound packets lost since the previous sample, 0..1. */
  readonly packetLoss?: number;
  /** Cumulative inbound RTP packets received (rising means audio flows). */
  readonly packetsReceived?: number;
  /** Estimated MOS 1..4.5 (simplified E-model, see `estimateMos`). */
  readonly mos?: number;
  /** Negotiated audio codec, e.g. `opus`, `PCMA`. */
  readonly codec?: string;
}

/** Read-only view of one call. */
export interface CallInfo {
  /** Stable id for the lifetime of the call (survives a 422 retry). */
  readonly id: string;
  /** SIP Call-ID of the current dialog (for the trace). */
  readonly sipCallId: string;
  readonly direction: CallDirection;
  readonly state: CallState;
  /** Remote party URI user part or number. */
  readonly remoteIdentity: string;
  readonly remoteDisplayName?: string;
  readonly muted: boolean;
  /** Whether we put the call on hold. */
  readonly onHold: boolean;
  /** Whether the far end put us on hold. */
  readonly remoteHold: boolean;
  /** Whether a local ringback tone is playing (180 without SDP). */
  readonly ringback: boolean;
  /**
   * Whether the call is connected in SIP but has no media path: no connected ICE/DTLS and no audio packet a few
   * seconds after it was confirmed (the softphone also emits a `NoMediaError`).
   */
  readonly noMedia: boolean;
  readonly receiveOnly: boolean;
  /** Whether this call takes part in a local three-way conference. */
  readonly conferenced: boolean;
  readonly startedAt: number;
  readonly answeredAt?: number;
  readonly endedAt?: number;
  readonly endReason?: CallEndReason;
  /** SIP status of a failure (e.g. 486) when the far end refused. */
  readonly endStatusCode?: number;
  /** Selected headers of the initial INVITE of an incoming call (`X-*`, `Call-Info`). */
  readonly headers: Readonly<Record<string, string>>;
}

/** Available and selected audio devices. */
export interface DeviceState {
  readonly inputs: readonly MediaDeviceSummary[];
  readonly outputs: readonly MediaDeviceSummary[];
  readonly selectedInput?: string;
  readonly selectedOutput?: string;
  /** Whether the browser allows choosing the output (`setSinkId`). */
  readonly outputSelectable: boolean;
}

/** One audio device. */
export interface MediaDeviceSummary {
  readonly deviceId: string;
  readonly label: string;
}

/** One SIP message in the trace. */
export interface SipTraceEntry {
  readonly at: number;
  readonly direction: 'in' | 'out';
  /** Request method or `status reason` of a response. */
  readonly summary: string;
  readonly callId?: string;
  readonly raw: string;
}
