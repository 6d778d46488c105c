import type { Listener } from './emitter';
import type { AnySoftphoneError } from './errors';
import type {
  AnswerOptions,
  CallInfo,
  CallStats,
  CodecPreference,
  ConnectionState,
  DeviceState,
  DialOptions,
  DtmfMode,
  Leadership,
  RegistrationState,
  SipAccount,
  SipTraceEntry,
} from './types';

/** Events of the softphone; payloads are plain immutable snapshots. */
export interface SoftphoneEvents {
  [event: string]: unknown;
  registrationChanged: RegistrationState;
  connectionChanged: ConnectionState;
  leadershipChanged: Leadership;
  /** A call appeared or changed (state, hold, mute...). `Ended` is the last change of a call. */
  callChanged: CallInfo;
  /** A new incoming call rings (also reported through `callChanged`). */
  incomingCall: CallInfo;
  statsSampled: { readonly callId: string; readonly stats: CallStats };
  devicesChanged: DeviceState;
  /** A SIP message was sent or received. */
  traced: SipTraceEntry;
  /** Progress of a transfer of `callId` (from the REFER's NOTIFYs). */
  transferProgress: { readonly callId: string; readonly status: 'trying' | 'accepted' | 'succeeded' | 'failed' };
  /** Something failed outside a command's own promise (registration, renegotiation, media). */
  error: AnySoftphoneError;
}

/** Settings of a softphone client; all optional. */
export interface SoftphoneOptions {
  /** DTMF transport (default `rfc4733`, i.e. RTP telephone-event). */
  readonly dtmfMode?: DtmfMode;
  /** Codec preference of calls that do not choose one (default `default`: the browser's order). */
  readonly defaultCodecs?: CodecPreference;
  /** Longest wait for ICE candidates before the INVITE / 200 OK leaves anyway (default 1500 ms). */
  readonly iceGatheringTimeoutMs?: number;
  /**
   * How long after a call is confirmed its media must have come up (connected ICE/DTLS or inbound audio) before
   * the call is flagged `noMedia` and a `NoMediaError` is emitted (default 5000 ms; 0 turns the check off).
   */
  readonly mediaTimeoutMs?: number;
  /** Interval between stats samples during a call (default 2000 ms). */
  readonly statsIntervalMs?: number;
  /** Messages kept in the SIP trace, in total and per call (default 500 / 200). */
  readonly traceSize?: number;
  readonly tracePerCallSize?: number;
  /** REGISTER Expires in seconds (default 600). */
  readonly registerExpires?: number;
  /** Reconnect backoff bounds in seconds (default 1..30). */
  readonly reconnectMinSeconds?: number;
  readonly reconnectMaxSeconds?: number;
  /** Elect one registering tab per browser profile (default true). */
  readonly singleTab?: boolean;
  /** Lock/channel name of the tab election (default `switchboard-softphone`). */
  readonly tabLockName?: string;
  /** User-Agent header. */
  readonly userAgent?: string;
  /** Test seam: builds the JsSIP socket for a URL (default: JsSIP's WebSocketInterface). */
  readonly createSocket?: (url: string) => SipSocket;
}

/** The `JsSIP.Socket` contract, re-declared so callers and fakes need no JsSIP import. */
export interface SipSocket {
  via_transport: string;
  readonly url: string;
  readonly sip_uri: string;
  connect(): void;
  disconnect(): void;
  send(message: string): boolean;
  isConnected(): boolean;
  isConnecting(): boolean;
  onconnect: () => void;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void;
  ondata: (data: string | ArrayBuffer) => void;
}

/**
 * What a softphone offers: framework adapters (sip-angular) and plain pages program against this.
 * Every command that targets a call takes an optional call id; without it, the active call is meant.
 * Commands reject with the typed errors of `errors.ts`.
 */
export interface SoftphoneApi {
  readonly registrationState: RegistrationState;
  readonly connectionState: ConnectionState;
  readonly leadership: Leadership;
  /** Live calls (ended calls leave after their `Ended` change). */
  readonly calls: readonly CallInfo[];
  readonly devices: DeviceState;
  /** Latest stats per call id. */
  readonly stats: ReadonlyMap<string, CallStats>;

  on<K extends keyof SoftphoneEvents>(event: K, listener: Listener<SoftphoneEvents[K]>): () => void;

  /** Connects and registers (or waits as follower when another tab leads). Resolves once registered or following. */
  start(account: SipAccount): Promise<void>;
  /** Hangs up, unregisters (Expires: 0) and closes the WebSocket; gives up leadership. */
  stop(): Promise<void>;
  /** Places a call; resolves with the call as soon as the INVITE is on its way. */
  dial(target: string, options?: DialOptions): Promise<CallInfo>;
  answer(callId?: string, options?: AnswerOptions): Promise<void>;
  /** Declines an incoming call with 486 Busy Here. */
  reject(callId?: string): void;
  /** BYE, CANCEL or reject, whatever the call's state needs. */
  hangup(callId?: string): void;
  /** Puts on hold (re-INVITE sendonly); serialised with other re-INVITEs of the call. */
  hold(callId?: string): Promise<void>;
  unhold(callId?: string): Promise<void>;
  mute(callId?: string): void;
  unmute(callId?: string): void;
  /** Sends DTMF (`0-9*#A-D`, `,` = 2 s pause) in the configured mode. */
  sendDtmf(digits: string, callId?: string): void;
  /** REFER to `target`; resolves when the NOTIFY reports success (our leg then ends). */
  blindTransfer(target: string, callId?: string): Promise<void>;
  /** Holds `callId` (or the active call) and dials `target` as the consultation call. */
  startConsultation(target: string, callId?: string, options?: DialOptions): Promise<CallInfo>;
  /** REFER the original call to the consultation's party with `Replaces`; both our legs end. */
  attendedTransfer(consultCallId: string, originalCallId: string): Promise<void>;
  /** Local three-way: unholds both calls and mixes their audio (WebAudio) so all three hear each other. */
  conference(callIdA: string, callIdB: string): Promise<void>;
  /** Splits a conference back into two calls (the second goes on hold). */
  splitConference(): Promise<void>;
  selectInput(deviceId: string): Promise<void>;
  selectOutput(deviceId: string): Promise<void>;
  /** Re-reads the device list (after permission or a `devicechange`). */
  refreshDevices(): Promise<DeviceState>;
  /** Recent SIP messages, oldest first; with a call id only that call's dialog. */
  traceOf(callId?: string): readonly SipTraceEntry[];
}
