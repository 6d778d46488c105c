// Minimal WebRTC for Node/jsdom: enough for JsSIP to build offers/answers and for sip-core's transceiver,
// codec, DTMF, device and stats code. No media flows; `getStats()` reports a packet counter that rises with time.

/** Audio codecs the fake "browser" supports, in Chromium's default order (TESTING.md). */
export const FAKE_AUDIO_CODECS = [
  { mimeType: 'audio/opus', clockRate: 48000, channels: 2, pt: 111 },
  { mimeType: 'audio/red', clockRate: 48000, channels: 2, pt: 63 },
  { mimeType: 'audio/G722', clockRate: 8000, channels: 1, pt: 9 },
  { mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, pt: 0 },
  { mimeType: 'audio/PCMA', clockRate: 8000, channels: 1, pt: 8 },
  { mimeType: 'audio/CN', clockRate: 8000, channels: 1, pt: 13 },
  { mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, pt: 126 },
] as const;

type Codec = {
  readonly mimeType: string;
  readonly clockRate: number;
  readonly channels?: number;
  readonly pt?: number;
};
let nextId = 0;
const id = (prefix: string): string => `${prefix}-${(nextId += 1)}`;

export class FakeMediaStreamTrack extends EventTarget {
  readonly id = id('track');
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  constructor(
    readonly kind: 'audio' | 'video' = 'audio',
    readonly label = 'Fake microphone',
    readonly deviceId = 'default',
  ) {
    super();
  }
  stop(): void {
    this.readyState = 'ended';
  }
  clone(): FakeMediaStreamTrack {
    return new FakeMediaStreamTrack(this.kind, this.label, this.deviceId);
  }
}

export class FakeMediaStream extends EventTarget {
  readonly id = id('stream');
  private readonly tracks: FakeMediaStreamTrack[];
  constructor(tracks: FakeMediaStreamTrack[] = []) {
    super();
    this.tracks = [...tracks];
  }
  getTracks(): FakeMediaStreamTrack[] {
    return [...this.tracks];
  }
  getAudioTracks(): FakeMediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks(): FakeMediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  addTrack(track: FakeMediaStreamTrack): void {
    this.tracks.push(track);
  }
  removeTrack(track: FakeMediaStreamTrack): void {
    this.tracks.splice(this.tracks.indexOf(track), 1);
  }
}

/** Records the tones RFC 4733 DTMF would send. */
export class FakeDtmfSender {
  toneBuffer = '';
  readonly sent: string[] = [];
  insertDTMF(tones: string): void {
    this.sent.push(tones);
  }
}

export class FakeRtpSender {
  readonly dtmf = new FakeDtmfSender();
  constructor(public track: FakeMediaStreamTrack | null) {}
  replaceTrack(track: FakeMediaStreamTrack | null): Promise<void> {
    this.track = track;
    return Promise.resolve();
  }
}

export class FakeRtpTransceiver {
  mid: string | null = null;
  currentDirection: string | null = null;
  codecs: readonly Codec[] = FAKE_AUDIO_CODECS;
  /** The codec lists given to setCodecPreferences, in call order. */
  readonly codecPreferenceCalls: (readonly Codec[])[] = [];
  readonly receiver = { track: new FakeMediaStreamTrack('audio', 'remote') };
  constructor(
    readonly sender: FakeRtpSender,
    public direction: RTCRtpTransceiverDirection,
    readonly fromAddTrack = false,
  ) {}
  setCodecPreferences(codecs: readonly Codec[]): void {
    this.codecs = codecs;
    this.codecPreferenceCalls.push(codecs);
  }
}

export class FakeSessionDescription {
  readonly type: RTCSdpType;
  readonly sdp: string;
  constructor(init: { type: RTCSdpType; sdp?: string }) {
    this.type = init.type;
    this.sdp = init.sdp ?? '';
  }
}

/** How the fake gathers ICE candidates after setLocalDescription. */
export interface FakeIceBehaviour {
  /** Candidates emitted, in order (default one host candidate on 127.0.0.1). */
  readonly candidates?: readonly string[];
  /** Whether gathering ever completes (default true, 10 ms after the last candidate). */
  readonly completes?: boolean;
}

const opposite: Record<string, RTCRtpTransceiverDirection> = {
  sendonly: 'recvonly',
  recvonly: 'sendonly',
  sendrecv: 'sendrecv',
  inactive: 'inactive',
};

function intersect(
  local: RTCRtpTransceiverDirection,
  remoteOffered: RTCRtpTransceiverDirection,
): RTCRtpTransceiverDirection {
  const mirrored = opposite[remoteOffered] ?? 'sendrecv';
  const send = (local === 'sendrecv' || local === 'sendonly') && (mirrored === 'sendrecv' || mirrored === 'sendonly');
  const recv = (local === 'sendrecv' || local === 'recvonly') && (mirrored === 'sendrecv' || mirrored === 'recvonly');
  return send && recv ? 'sendrecv' : send ? 'sendonly' : recv ? 'recvonly' : 'inactive';
}

export class FakePeerConnection extends EventTarget {
  static instances: FakePeerConnection[] = [];
  static ice: FakeIceBehaviour = {};
  /** Whether packets arrive (counted by getStats); ICE/DTLS never connect in the fake, as with no candidate. */
  static mediaFlows = true;

  signalingState: RTCSignalingState = 'stable';
  iceGatheringState: RTCIceGatheringState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: FakeSessionDescription | null = null;
  remoteDescription: FakeSessionDescription | null = null;
  readonly transceivers: FakeRtpTransceiver[] = [];
  private readonly createdAt = Date.now();
  private remoteDirection: RTCRtpTransceiverDirection = 'sendrecv';
  private trackFired = false;
  closed = false;

  constructor(readonly configuration: RTCConfiguration = {}) {
    super();
    FakePeerConnection.instances.push(this);
  }

  addTrack(track: FakeMediaStreamTrack): FakeRtpSender {
    const sender = new FakeRtpSender(track);
    this.transceivers.push(new FakeRtpTransceiver(sender, 'sendrecv', true));
    return sender;
  }
  addTransceiver(
    trackOrKind: FakeMediaStreamTrack | string,
    init: { direction?: RTCRtpTransceiverDirection } = {},
  ): FakeRtpTransceiver {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const transceiver = new FakeRtpTransceiver(new FakeRtpSender(track), init.direction ?? 'sendrecv');
    this.transceivers.push(transceiver);
    return transceiver;
  }
  getTransceivers(): FakeRtpTransceiver[] {
    return [...this.transceivers];
  }
  getSenders(): FakeRtpSender[] {
    return this.transceivers.map((t) => t.sender);
  }
  getReceivers(): { track: FakeMediaStreamTrack }[] {
    return this.transceivers.map((t) => t.receiver);
  }

  createOffer(): Promise<FakeSessionDescription> {
    return Promise.resolve(
      new FakeSessionDescription({ type: 'offer', sdp: this.sdp(this.transceivers.map((t) => t.direction)) }),
    );
  }
  createAnswer(): Promise<FakeSessionDescription> {
    const directions = this.transceivers.map((t) => intersect(t.direction, this.remoteDirection));
    return Promise.resolve(new FakeSessionDescription({ type: 'answer', sdp: this.sdp(directions) }));
  }

  setLocalDescription(description: FakeSessionDescription): Promise<void> {
    this.localDescription = description;
    this.setSignaling(description.type === 'offer' ? 'have-local-offer' : 'stable');
    this.gatherCandidates();
    return Promise.resolve();
  }

  setRemoteDescription(description: FakeSessionDescription): Promise<void> {
    const refusal = this.bundleRefusal(description);
    if (refusal) return Promise.reject(new DOMException(refusal, 'InvalidAccessError'));
    this.remoteDescription = description;
    this.remoteDirection = (/a=(sendrecv|sendonly|recvonly|inactive)/.exec(description.sdp)?.[1] ??
      'sendrecv') as RTCRtpTransceiverDirection;
    if (description.type === 'offer') {
      // The remote m=audio reuses a transceiver made by addTrack, else creates a recvonly one (JSEP 5.10).
      if (!this.transceivers.some((t) => t.fromAddTrack))
        this.transceivers.push(new FakeRtpTransceiver(new FakeRtpSender(null), 'recvonly'));
      this.setSignaling('have-remote-offer');
    } else {
      this.setSignaling('stable');
    }
    this.fireTrackOnce();
    return Promise.resolve();
  }

  getStats(): Promise<Map<string, Record<string, unknown>>> {
    const elapsed = (Date.now() - this.createdAt) / 1000;
    const report = new Map<string, Record<string, unknown>>([
      [
        'IT01',
        {
          id: 'IT01',
          type: 'inbound-rtp',
          kind: 'audio',
          packetsReceived: FakePeerConnection.mediaFlows ? Math.floor(elapsed * 50) : 0,
          packetsLost: 0,
          jitter: 0.004,
          codecId: 'C111',
        },
      ],
      ['RI01', { id: 'RI01', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.02 }],
      ['C111', { id: 'C111', type: 'codec', mimeType: 'audio/opus' }],
    ]);
    return Promise.resolve(report);
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
  }

  private sdp(directions: readonly RTCRtpTransceiverDirection[]): string {
    const lines = [
      'v=0',
      `o=- ${this.createdAt} 2 IN IP4 127.0.0.1`,
      's=-',
      't=0 0',
      'a=group:BUNDLE 0',
      'a=msid-semantic: WMS',
    ];
    directions.forEach((direction, index) => {
      const codecs = this.transceivers[index]?.codecs ?? FAKE_AUDIO_CODECS;
      const pts = codecs.map((c) => c.pt ?? 0);
      lines.push(
        `m=audio 9 UDP/TLS/RTP/SAVPF ${pts.join(' ')}`,
        'c=IN IP4 0.0.0.0',
        'a=rtcp:9 IN IP4 0.0.0.0',
        'a=ice-ufrag:fake',
        'a=ice-pwd:fakefakefakefakefakefake',
        'a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF',
        'a=setup:actpass',
        `a=mid:${index}`,
        `a=${direction}`,
        'a=rtcp-mux',
        ...codecs.map(
          (c) =>
            `a=rtpmap:${c.pt ?? 0} ${c.mimeType.replace(/^audio\//, '')}/${c.clockRate}${c.channels === 2 ? '/2' : ''}`,
        ),
      );
    });
    return `${lines.join('\r\n')}\r\n`;
  }

  /**
   * Chromium's refusal of an answer that drops our BUNDLE group while the connection wants `max-bundle` (what it
   * says to FreeSWITCH's answer, which has neither `a=group:BUNDLE` nor `a=mid`).
   */
  private bundleRefusal(description: FakeSessionDescription): string | undefined {
    if (description.type !== 'answer' || this.configuration.bundlePolicy !== 'max-bundle') return undefined;
    if (!this.localDescription?.sdp.includes('a=group:BUNDLE') || /^a=group:BUNDLE/m.test(description.sdp))
      return undefined;
    return "Failed to set remote answer sdp: Answer cannot remove m= section with mid='0' from already-established BUNDLE group.";
  }

  private setSignaling(state: RTCSignalingState): void {
    if (state === this.signalingState) return;
    this.signalingState = state;
    this.dispatchEvent(new Event('signalingstatechange'));
  }

  private gatherCandidates(): void {
    const behaviour = FakePeerConnection.ice;
    const candidates = behaviour.candidates ?? ['candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host'];
    this.iceGatheringState = 'gathering';
    candidates.forEach((candidate, index) =>
      setTimeout(
        () => {
          const event = Object.assign(new Event('icecandidate'), {
            candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 },
          });
          this.dispatchEvent(event);
        },
        5 * (index + 1),
      ),
    );
    if (behaviour.completes === false) return;
    setTimeout(
      () => {
        this.iceGatheringState = 'complete';
        this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate: null }));
        this.dispatchEvent(new Event('icegatheringstatechange'));
      },
      5 * candidates.length + 10,
    );
  }

  private fireTrackOnce(): void {
    if (this.trackFired) return;
    this.trackFired = true;
    const track = this.transceivers[0]?.receiver.track ?? new FakeMediaStreamTrack('audio', 'remote');
    const stream = new FakeMediaStream([track]);
    setTimeout(() => this.dispatchEvent(Object.assign(new Event('track'), { track, streams: [stream] })), 0);
  }
}

/** A WebAudio node that records what it was connected to. */
export class FakeAudioNode {
  readonly connections: unknown[] = [];
  readonly gain = { value: 1 };
  readonly frequency = { value: 0 };
  constructor(readonly stream?: FakeMediaStream) {}
  connect(target: unknown): void {
    this.connections.push(target);
  }
  start(): void {
    // Oscillators "play" without sound in the fake.
  }
  stop(): void {
    // Nothing to release.
  }
}

/** Enough WebAudio for the conference mixer and the ringback tone. */
export class FakeAudioContext {
  static instances: FakeAudioContext[] = [];
  readonly destination = new FakeAudioNode();
  readonly sources: FakeAudioNode[] = [];
  readonly mixes: (FakeAudioNode & { stream: FakeMediaStream })[] = [];
  currentTime = 0;
  closed = false;
  constructor() {
    FakeAudioContext.instances.push(this);
  }
  createMediaStreamSource(stream: FakeMediaStream): FakeAudioNode {
    const node = new FakeAudioNode(stream);
    this.sources.push(node);
    return node;
  }
  createMediaStreamDestination(): FakeAudioNode & { stream: FakeMediaStream } {
    const node = new FakeAudioNode(
      new FakeMediaStream([new FakeMediaStreamTrack('audio', 'conference mix')]),
    ) as FakeAudioNode & { stream: FakeMediaStream };
    this.mixes.push(node);
    return node;
  }
  createGain(): FakeAudioNode {
    return new FakeAudioNode();
  }
  createOscillator(): FakeAudioNode {
    return new FakeAudioNode();
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
