import { NoMediaError } from './errors';

/** How long a call confirmed in SIP may go without any media before the softphone says so (default). */
export const DEFAULT_MEDIA_TIMEOUT_MS = 5000;

/**
 * Whether a peer connection has no media path at all: ICE/DTLS never connected and not one audio packet arrived.
 * Either alone is not enough: a call we hold receives nothing over a connected path, and Chromium reports a
 * briefly `disconnected` path while packets still count.
 */
export async function hasNoMedia(pc: RTCPeerConnection): Promise<boolean> {
  const connected =
    pc.connectionState === 'connected' ||
    pc.iceConnectionState === 'connected' ||
    pc.iceConnectionState === 'completed';
  if (connected) return false;
  let packets = 0;
  (await pc.getStats()).forEach((entry: { type?: string; kind?: string; packetsReceived?: number }) => {
    if (entry.type === 'inbound-rtp' && entry.kind === 'audio') packets += entry.packetsReceived ?? 0;
  });
  return packets === 0;
}

/**
 * Checks once, `timeoutMs` after a call is confirmed, that media flows. JsSIP calls a call `confirmed` on the SIP
 * exchange alone: with no usable ICE candidate (Asterisk never offers loopback ones; a firewall drops UDP) it would
 * sit "connected" in silence with no error. `timeoutMs` 0 turns the check off.
 */
export class MediaWatchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onNoMedia: () => void,
  ) {}

  /** Starts the check for this peer connection (once per call; later calls are ignored). */
  arm(pc: RTCPeerConnection | undefined): void {
    if (this.timer !== undefined || !pc || this.timeoutMs <= 0) return;
    this.timer = setTimeout(() => {
      hasNoMedia(pc).then(
        (none) => none && pc.connectionState !== 'closed' && this.onNoMedia(),
        // getStats() rejects on a closed connection: the call ended meanwhile, nothing to report.
        () => undefined,
      );
    }, this.timeoutMs);
  }

  disarm(): void {
    clearTimeout(this.timer);
  }
}

/** What the agent reads when a call has no media path. */
export function noMediaError(callId: string): NoMediaError {
  return new NoMediaError(
    'The call is connected but no audio is coming through: the media connection to the phone system never came ' +
      'up. Hang up and call again; if it keeps happening, the phone system offers no address this browser can ' +
      'reach for audio, or a firewall blocks UDP to it: tell your administrator.',
    callId,
  );
}
