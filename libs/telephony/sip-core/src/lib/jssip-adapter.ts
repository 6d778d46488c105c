// The narrow, typed view of JsSIP that the rest of sip-core uses. JsSIP's own typings are loose (events as
// strings, `any` payloads); everything that touches JsSIP objects goes through these interfaces.
// A few members are private in JsSIP (`_sendReinvite`, `_localHold`, `_sessionTimers`): JsSIP's public
// hold()/renegotiate() terminate the call on any failure (a 491 glare included), so the re-INVITE queue drives
// the underlying transaction itself. They are stable across JsSIP 3.x; `jssip-adapter.spec.ts` pins them.

/** A SIP response as JsSIP hands it over. */
export interface JsSipResponse {
  readonly status_code: number;
  readonly reason_phrase: string;
  readonly body?: string;
  readonly call_id: string;
  hasHeader(name: string): boolean;
  getHeader(name: string): string | undefined;
}

/** An incoming SIP request as JsSIP hands it over. */
export interface JsSipRequest {
  readonly method: string;
  readonly call_id: string;
  readonly body?: string;
  hasHeader(name: string): boolean;
  getHeader(name: string): string | undefined;
  getHeaders(name: string): string[];
}

/** Handlers of one in-dialog re-INVITE. */
export interface ReinviteHandlers {
  succeeded(response: JsSipResponse): void;
  failed(response?: JsSipResponse): void;
}

interface NameAddr {
  readonly display_name?: string | null;
  readonly uri: { readonly user?: string | null; readonly host: string; toString(): string };
}

/** What sip-core uses of `JsSIP.RTCSession`. */
export interface JsSipSession {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly connection: RTCPeerConnection | null;
  readonly remote_identity: NameAddr;
  readonly local_identity: NameAddr;
  on(event: string, listener: (event: never) => void): void;
  removeAllListeners(event?: string): void;
  answer(options: Record<string, unknown>): void;
  terminate(options?: { status_code?: number; reason_phrase?: string; cause?: string }): void;
  mute(options: { audio: boolean }): void;
  unmute(options: { audio: boolean }): void;
  sendDTMF(
    tones: string,
    options: { transportType: 'INFO' | 'RFC2833'; duration?: number; interToneGap?: number },
  ): void;
  refer(
    target: string,
    options: {
      replaces?: JsSipSession;
      eventHandlers?: Record<string, (event: never) => void>;
      extraHeaders?: string[];
    },
  ): unknown;
  renegotiate(options: Record<string, unknown>, done?: () => void): boolean;
  isReadyToReOffer(): boolean;
  isEstablished(): boolean;
  isEnded(): boolean;
  // Private JsSIP members (see file comment).
  _localHold: boolean;
  _request: { readonly call_id: string } | null;
  _sessionTimers: { enabled: boolean; defaultExpires: number; currentExpires: number | null; running: boolean };
  _setLocalMediaStatus(): void;
  _sendReinvite(options: { eventHandlers: ReinviteHandlers; extraHeaders?: string[] }): void;
  _sendUpdate(options: { sdpOffer: boolean; eventHandlers: ReinviteHandlers; extraHeaders?: string[] }): void;
}

/** Payload of JsSIP's `newRTCSession`. */
export interface JsSipNewSessionEvent {
  readonly originator: 'local' | 'remote';
  readonly session: JsSipSession;
  readonly request: JsSipRequest;
}

/** Payload of JsSIP's `failed`/`ended` session events. */
export interface JsSipEndEvent {
  readonly originator: 'local' | 'remote' | 'system';
  readonly cause: string;
  readonly message?: JsSipResponse | JsSipRequest | null;
}

/** Payload of JsSIP's `progress` session event. */
export interface JsSipProgressEvent {
  readonly originator: 'local' | 'remote';
  readonly response?: JsSipResponse;
}

/** Payload of JsSIP's `refer` (we are being transferred) and `replaces` session events. */
export interface JsSipReferEvent {
  readonly request: JsSipRequest;
  accept(initCallback?: (session: JsSipSession) => void, options?: Record<string, unknown>): void;
  reject(): void;
}

/** Payload of JsSIP's `icecandidate` session event. */
export interface JsSipIceCandidateEvent {
  readonly candidate: RTCIceCandidate;
  ready(): void;
}

/** What sip-core uses of `JsSIP.UA`. */
export interface JsSipUa {
  on(event: string, listener: (event: never) => void): void;
  removeListener(event: string, listener: (event: never) => void): void;
  start(): void;
  stop(): void;
  register(): void;
  unregister(options?: { all?: boolean }): void;
  isRegistered(): boolean;
  isConnected(): boolean;
  call(target: string, options: Record<string, unknown>): JsSipSession;
}

/** JsSIP's cause strings, mapped to ours in `call.ts`. */
export const JSSIP_CAUSES = {
  busy: 'Busy',
  rejected: 'Rejected',
  redirected: 'Redirected',
  unavailable: 'Unavailable',
  notFound: 'Not Found',
  noAnswer: 'No Answer',
  canceled: 'Canceled',
  bye: 'Terminated',
  connectionError: 'Connection Error',
  requestTimeout: 'Request Timeout',
  userDeniedMedia: 'User Denied Media Access',
  webrtcError: 'WebRTC Error',
  rtpTimeout: 'RTP Timeout',
  sipFailure: 'SIP Failure Code',
} as const;

/** Whether a JsSIP message is a response (has a status code). */
export function isResponse(message: JsSipResponse | JsSipRequest | null | undefined): message is JsSipResponse {
  return !!message && typeof (message as JsSipResponse).status_code === 'number';
}
