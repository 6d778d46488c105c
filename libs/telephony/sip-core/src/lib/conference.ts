import type { SoftphoneCall } from './call';
import { MediaDeviceError } from './errors';
import { audioSender } from './peer-connection';

/** Unholds both calls and starts mixing their audio. */
export async function startConference(
  calls: readonly [SoftphoneCall, SoftphoneCall],
  remoteOf: (call: SoftphoneCall) => MediaStream | undefined,
): Promise<ConferenceMixer> {
  await Promise.all(calls.filter((call) => call.info().onHold).map((call) => call.unhold()));
  const mixer = new ConferenceMixer(calls[0], calls[1]);
  await mixer.start(remoteOf);
  return mixer;
}

/** Stops mixing and puts the second live call of the conference on hold; returns the calls that took part. */
export async function endConference(mixer: ConferenceMixer, calls: readonly SoftphoneCall[]): Promise<SoftphoneCall[]> {
  await mixer.split();
  const members = calls.filter((call) => mixer.includes(call));
  const [, second] = members.filter((call) => call.isLive);
  if (second) await second.hold();
  return members;
}

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
