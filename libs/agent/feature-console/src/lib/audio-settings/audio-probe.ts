/** A running microphone level meter; `stop()` releases the microphone. */
export interface LevelMeter {
  stop(): void;
}

/**
 * Measures the microphone's level (0..1, RMS of the waveform) about 15 times a second and reports it to `onLevel`.
 * Uses its own `getUserMedia` stream so a call's track is never touched.
 */
export async function startLevelMeter(deviceId: string | undefined, onLevel: (level: number) => void): Promise<LevelMeter> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true });
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    const rms = Math.sqrt(samples.reduce((sum, value) => sum + value * value, 0) / samples.length);
    // Speech sits around 0.05-0.3 RMS; scaling by 3 makes a normal voice fill most of the meter.
    onLevel(Math.min(1, rms * 3));
  }, 66);
  return {
    stop: () => {
      clearInterval(timer);
      stream.getTracks().forEach((track) => track.stop());
      void context.close();
    },
  };
}

/** `HTMLAudioElement.setSinkId`, which not every browser (or TypeScript DOM lib) has. */
interface SinkSelectable {
  setSinkId?(sinkId: string): Promise<void>;
}

/** Plays a one-second 440 Hz tone on `outputDeviceId` (the default output when not selectable). */
export async function playTestTone(outputDeviceId: string | undefined): Promise<void> {
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  gain.gain.value = 0.2;
  const destination = context.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  const audio = new Audio() as HTMLAudioElement & SinkSelectable;
  audio.srcObject = destination.stream;
  if (outputDeviceId && audio.setSinkId) await audio.setSinkId(outputDeviceId);
  oscillator.start();
  await audio.play();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  oscillator.stop();
  audio.pause();
  await context.close();
}
