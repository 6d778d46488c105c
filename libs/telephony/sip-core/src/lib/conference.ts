import type { SoftphoneCall } from './call';
import { MediaDeviceError } from './errors';
import { audioSender } from './peer-connection';

/**
 * A local three-way conference: each far party hears our microphone mixed with the other far party
 * (WebAudio), and we hear both through their own audio sinks. The mix replaces each call's outgoing track
 * (`replaceTrack`, no renegotiation); `split()` puts the microphone tracks back.
 */
export class ConferenceMixer {
  private context?: AudioContext;
  private readonly originals = new Map<SoftphoneCall, MediaStreamTrack | null>();

  constructor(
    private readonly a: SoftphoneCall,
    private readonly b: SoftphoneCall,
  ) {}

  /** Starts mixing; `remoteOf` gives a call's received stream. */
  async start(remoteOf: (call: SoftphoneCall) => MediaStream | undefined): Promise<void> {
    if (typeof AudioContext === 'undefined') throw new MediaDeviceError('WebAudio is not available for a conference');
    const ctx = new AudioContext();
    this.context = ctx;
    for (const [call, other] of [
      [this.a, this.b],
      [this.b, this.a],
    ] as const) {
      const sender = audioSender(call.session.connection);
      const remote = remoteOf(other);
      if (!sender)
        throw new MediaDeviceError(`Call ${call.id} sends no audio (receive-only) and cannot join a conference`);
      const destination = ctx.createMediaStreamDestination();
      if (call.stream) ctx.createMediaStreamSource(call.stream).connect(destination);
      if (remote) ctx.createMediaStreamSource(remote).connect(destination);
      this.originals.set(call, sender.track);
      const [mixed] = destination.stream.getAudioTracks();
      await sender.replaceTrack(mixed ?? null);
      call.conferenced = true;
    }
  }

  /** Stops mixing and restores each call's microphone track. */
  async split(): Promise<void> {
    for (const [call, track] of this.originals) {
      call.conferenced = false;
      const sender = audioSender(call.session.connection) ?? call.session.connection?.getSenders()[0];
      if (call.isLive && sender) await sender.replaceTrack(track);
    }
    this.originals.clear();
    await this.context?.close();
    this.context = undefined;
  }

  /** Whether `call` takes part. */
  includes(call: SoftphoneCall): boolean {
    return call === this.a || call === this.b;
  }
}
