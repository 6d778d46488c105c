import { applyCodecPreferences } from './codecs';
import type { JsSipIceCandidateEvent } from './jssip-adapter';
import type { CodecPreference } from './types';

/** The candidate type (`host`, `srflx`, `relay`, `prflx`) of an ICE candidate. */
export function candidateType(candidate: RTCIceCandidate): string | undefined {
  return candidate.type ?? /\styp\s(\w+)/.exec(candidate.candidate)?.[1] ?? undefined;
}

/**
 * Decides when JsSIP may send the INVITE / 200 OK without waiting for ICE gathering to complete (which can
 * take 10+ s when a STUN/TURN server or an interface does not answer):
 * - with STUN/TURN servers: at the first `srflx` or `relay` candidate (the one that crosses NAT);
 * - without: shortly (`settleMs`) after the first host candidate, as host candidates come in one burst;
 * - in any case `timeoutMs` after the first candidate.
 * One policy per offer/answer: JsSIP resolves its own gathering wait on the first `ready()` call.
 */
export class IceReadyPolicy {
  private timer?: ReturnType<typeof setTimeout>;
  private settle?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly hasIceServers: boolean,
    private readonly timeoutMs: number,
    private readonly settleMs = 100,
  ) {}

  onCandidate(event: JsSipIceCandidateEvent): void {
    const fire = (): void => {
      this.clear();
      event.ready();
    };
    const type = candidateType(event.candidate);
    if (this.hasIceServers && (type === 'srflx' || type === 'relay')) return fire();
    this.timer ??= setTimeout(fire, this.timeoutMs);
    if (!this.hasIceServers) this.settle ??= setTimeout(fire, this.settleMs);
  }

  clear(): void {
    clearTimeout(this.timer);
    clearTimeout(this.settle);
    this.timer = undefined;
    this.settle = undefined;
  }
}

/** How one call's peer connection is set up. */
export interface PeerSetup {
  /** Microphone stream, or undefined for a receive-only call. */
  readonly stream?: MediaStream;
  readonly codecs: CodecPreference;
  /** Whether we make the offer (outgoing call) or answer one (incoming). */
  readonly offerer: boolean;
  readonly onRemoteStream: (stream: MediaStream) => void;
}

/**
 * Prepares a new peer connection. For an outgoing call the audio transceiver is added here (sendrecv with the
 * microphone, recvonly without) and the codec order applied before JsSIP creates the offer. For an incoming
 * call JsSIP adds the microphone with addTrack (so the remote offer's m-line reuses that transceiver); the
 * codec order is applied when the remote offer is set — `signalingstatechange` fires before JsSIP's
 * createAnswer. The same hook orders codecs in answers to later re-INVITEs.
 */
export function preparePeerConnection(pc: RTCPeerConnection, setup: PeerSetup): void {
  if (setup.offerer) {
    if (setup.stream) {
      for (const track of setup.stream.getAudioTracks())
        pc.addTransceiver(track, { direction: 'sendrecv', streams: [setup.stream] });
    } else {
      pc.addTransceiver('audio', { direction: 'recvonly' });
    }
    applyCodecPreferences(pc, setup.codecs);
  }
  pc.addEventListener('signalingstatechange', () => {
    if (pc.signalingState === 'have-remote-offer') applyCodecPreferences(pc, setup.codecs);
  });
  pc.addEventListener('track', (event: RTCTrackEvent) => {
    const stream = event.streams[0] ?? new MediaStream([event.track]);
    setup.onRemoteStream(stream);
  });
}

/** The audio sender carrying our microphone (or the conference mix). */
export function audioSender(pc: RTCPeerConnection | null): RTCRtpSender | undefined {
  return pc?.getSenders().find((sender) => sender.track?.kind === 'audio');
}
