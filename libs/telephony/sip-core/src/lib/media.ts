import { MediaDeviceError } from './errors';
import type { DeviceState, MediaDeviceSummary } from './types';

/** An audio element; `setSinkId` is missing in some browsers (Firefox before 116, Safari). */
type SinkElement = Omit<HTMLAudioElement, 'setSinkId'> & { setSinkId?: (sinkId: string) => Promise<void> };

/**
 * Microphone, speaker and remote-audio playback of the softphone. Every call gets its own microphone track
 * (so a device switch or a call's end never cuts another call) and its own `<audio>` sink.
 * Without `navigator.mediaDevices` (Node, insecure page) calls are receive-only.
 */
export class MediaController {
  private selectedInput?: string;
  private selectedOutput?: string;
  private state: DeviceState = { inputs: [], outputs: [], outputSelectable: false };
  private readonly sinks = new Map<string, SinkElement>();

  constructor(private readonly onDevices: (state: DeviceState) => void) {}

  get devices(): DeviceState {
    return this.state;
  }

  /**
   * A fresh microphone stream on the selected input, or `undefined` when there is none or access is denied
   * (the call then goes receive-only; the reason is returned for the `error` event).
   */
  async acquireMicrophone(): Promise<{ stream?: MediaStream; error?: MediaDeviceError }> {
    const media = globalThis.navigator?.mediaDevices;
    if (!media?.getUserMedia) return { error: new MediaDeviceError('This browser offers no microphone access here') };
    try {
      const audio: MediaTrackConstraints | boolean = this.selectedInput
        ? {
            deviceId: { exact: this.selectedInput },
            echoCancellation: true,
            noiseSuppression: true,
            autoGainControl: true,
          }
        : { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
      return { stream: await media.getUserMedia({ audio, video: false }) };
    } catch (cause) {
      // NotAllowedError / NotFoundError / OverconstrainedError: the agent can still hear the caller.
      return { error: new MediaDeviceError(`Microphone unavailable: ${(cause as Error).name ?? 'error'}`, { cause }) };
    }
  }

  /** Reads the device list (labels need a granted permission). */
  async refresh(): Promise<DeviceState> {
    const media = globalThis.navigator?.mediaDevices;
    const list = media?.enumerateDevices ? await media.enumerateDevices() : [];
    const summary = (kind: MediaDeviceKind): MediaDeviceSummary[] =>
      list
        .filter((device) => device.kind === kind)
        .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `${kind} ${index + 1}` }));
    this.state = {
      inputs: summary('audioinput'),
      outputs: summary('audiooutput'),
      selectedInput: this.selectedInput,
      selectedOutput: this.selectedOutput,
      outputSelectable: typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype,
    };
    this.onDevices(this.state);
    return this.state;
  }

  /** Chooses the microphone of future calls; returns a stream on it for switching live calls. */
  async selectInput(deviceId: string): Promise<MediaStream | undefined> {
    this.selectedInput = deviceId;
    this.state = { ...this.state, selectedInput: deviceId };
    this.onDevices(this.state);
    const { stream, error } = await this.acquireMicrophone();
    if (error) throw error;
    return stream;
  }

  /** Chooses the speaker of every call, now and later. */
  async selectOutput(deviceId: string): Promise<void> {
    this.selectedOutput = deviceId;
    this.state = { ...this.state, selectedOutput: deviceId };
    this.onDevices(this.state);
    await Promise.all([...this.sinks.values()].map((sink) => this.applySink(sink)));
  }

  /** Plays a call's remote audio. */
  playRemote(callId: string, stream: MediaStream): void {
    if (typeof Audio === 'undefined') return;
    let sink = this.sinks.get(callId);
    if (!sink) {
      sink = new Audio() as SinkElement;
      sink.autoplay = true;
      this.sinks.set(callId, sink);
    }
    sink.srcObject = stream;
    void this.applySink(sink);
    Promise.resolve()
      .then(() => sink.play())
      .catch(() => {
        // Autoplay may be blocked until the agent interacts with the page; the next click starts it.
      });
  }

  /** Stops a call's playback. */
  stopRemote(callId: string): void {
    const sink = this.sinks.get(callId);
    if (!sink) return;
    sink.pause();
    sink.srcObject = null;
    this.sinks.delete(callId);
  }

  private async applySink(sink: SinkElement): Promise<void> {
    if (!this.selectedOutput || !sink.setSinkId) return;
    try {
      await sink.setSinkId(this.selectedOutput);
    } catch (cause) {
      throw new MediaDeviceError(`Speaker ${this.selectedOutput} unavailable`, { cause });
    }
  }
}

/**
 * The local ringback tone (440 + 480 Hz, 2 s on / 4 s off) for a 180 Ringing without SDP.
 * Silent where WebAudio is missing; the call's `ringback` flag still tells the UI.
 */
export class RingbackTone {
  private context?: AudioContext;
  private timer?: ReturnType<typeof setInterval>;

  get playing(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.burst(), 6000);
    if (typeof AudioContext === 'undefined') return;
    this.context = new AudioContext();
    this.burst();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    void this.context?.close();
    this.context = undefined;
  }

  private burst(): void {
    const ctx = this.context;
    if (!ctx) return;
    const gain = ctx.createGain();
    gain.gain.value = 0.1;
    gain.connect(ctx.destination);
    for (const frequency of [440, 480]) {
      const oscillator = ctx.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      oscillator.stop(ctx.currentTime + 2);
    }
  }
}
