import {
  FakeAudioContext,
  FakeMediaStream,
  FakeMediaStreamTrack,
  FakePeerConnection,
  FakeSessionDescription,
  FAKE_AUDIO_CODECS,
  type FakeIceBehaviour,
} from './fake-webrtc';

/** A fake `navigator.mediaDevices`: two microphones and two speakers; microphone access can be denied. */
export class FakeMediaDevices extends EventTarget {
  denyMicrophone = false;
  readonly requests: MediaStreamConstraints[] = [];
  readonly devices = [
    { kind: 'audioinput', deviceId: 'mic-1', label: 'Headset microphone', groupId: 'g1' },
    { kind: 'audioinput', deviceId: 'mic-2', label: 'Laptop microphone', groupId: 'g2' },
    { kind: 'audiooutput', deviceId: 'spk-1', label: 'Headset', groupId: 'g1' },
    { kind: 'audiooutput', deviceId: 'spk-2', label: 'Speakers', groupId: 'g2' },
  ];

  getUserMedia(constraints: MediaStreamConstraints): Promise<FakeMediaStream> {
    this.requests.push(constraints);
    if (this.denyMicrophone)
      return Promise.reject(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }));
    const audio = constraints.audio;
    const wanted =
      typeof audio === 'object' && audio.deviceId && typeof audio.deviceId === 'object' && 'exact' in audio.deviceId
        ? String(audio.deviceId.exact)
        : 'mic-1';
    return Promise.resolve(new FakeMediaStream([new FakeMediaStreamTrack('audio', wanted, wanted)]));
  }

  enumerateDevices(): Promise<typeof this.devices> {
    return Promise.resolve(this.devices);
  }
}

/** Handle of an installed fake WebRTC environment. */
export interface FakeWebRtc {
  readonly mediaDevices: FakeMediaDevices;
  /** Every peer connection created since install, oldest first. */
  readonly peerConnections: FakePeerConnection[];
  /** Changes how later peer connections gather ICE candidates. */
  setIce(behaviour: FakeIceBehaviour): void;
  /** Whether audio packets arrive on the peer connections (default true); false is a call without a media path. */
  setMediaFlows(flows: boolean): void;
  uninstall(): void;
}

/**
 * Installs `RTCPeerConnection`, `RTCSessionDescription`, `MediaStream`, `AudioContext`, `RTCRtpReceiver.getCapabilities`,
 * `navigator.mediaDevices` and `window` (JsSIP checks `window.RTCPeerConnection`) on `globalThis`.
 */
export function installFakeWebRtc(): FakeWebRtc {
  const g = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const set = (name: string, value: unknown): void => {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  };
  const mediaDevices = new FakeMediaDevices();
  FakePeerConnection.instances = [];
  FakePeerConnection.ice = {};
  FakePeerConnection.mediaFlows = true;
  set('RTCPeerConnection', FakePeerConnection);
  set('RTCSessionDescription', FakeSessionDescription);
  set('MediaStream', FakeMediaStream);
  FakeAudioContext.instances = [];
  set('AudioContext', FakeAudioContext);
  set('RTCRtpReceiver', { getCapabilities: () => ({ codecs: [...FAKE_AUDIO_CODECS], headerExtensions: [] }) });
  const navigator = Object.create((g['navigator'] as object | undefined) ?? null) as Record<string, unknown>;
  navigator['mediaDevices'] = mediaDevices;
  set('navigator', navigator);
  if (g['window'] === undefined) set('window', globalThis);
  return {
    mediaDevices,
    get peerConnections() {
      return FakePeerConnection.instances;
    },
    setIce(behaviour) {
      FakePeerConnection.ice = behaviour;
    },
    setMediaFlows(flows) {
      FakePeerConnection.mediaFlows = flows;
    },
    uninstall() {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete g[name];
      }
    },
  };
}
