import type { CodecPreference } from './types';

/** Codecs that are not audio formats but must stay negotiable with any codec (DTMF, comfort noise). */
const AUXILIARY = new Set(['audio/telephone-event', 'audio/cn']);

/** The codec MIME names (`audio/opus`) a preference puts first, in order; empty = browser default. */
export function preferredMimeTypes(preference: CodecPreference): {
  readonly order: readonly string[];
  readonly exclusive: boolean;
} {
  if (typeof preference !== 'string') return { order: preference.map(toMime), exclusive: true };
  switch (preference) {
    case 'default':
      return { order: [], exclusive: false };
    case 'opus-first':
      return { order: ['audio/opus'], exclusive: false };
    case 'pcma-only':
      return { order: ['audio/pcma'], exclusive: true };
    case 'pcmu-only':
      return { order: ['audio/pcmu'], exclusive: true };
  }
}

function toMime(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes('/') ? lower : `audio/${lower}`;
}

/**
 * Orders `capabilities` by `preference`: the preferred codecs first (in the given order), then — unless the
 * preference is exclusive — the rest in the browser's order. DTMF (telephone-event) and CN always stay.
 */
export function orderCodecs<C extends { readonly mimeType: string }>(
  capabilities: readonly C[],
  preference: CodecPreference,
): C[] {
  const { order, exclusive } = preferredMimeTypes(preference);
  if (order.length === 0) return [...capabilities];
  const mime = (codec: C): string => codec.mimeType.toLowerCase();
  const preferred = order.flatMap((wanted) => capabilities.filter((codec) => mime(codec) === wanted));
  const rest = capabilities.filter((codec) => !order.includes(mime(codec)));
  return exclusive ? [...preferred, ...rest.filter((codec) => AUXILIARY.has(mime(codec)))] : [...preferred, ...rest];
}

/**
 * Applies a preference to every audio transceiver of `pc` with `setCodecPreferences` (no SDP munging).
 * Must run before the offer or answer is created. Browsers without the API keep their default order.
 */
export function applyCodecPreferences(pc: RTCPeerConnection, preference: CodecPreference): void {
  if (preference === 'default') return;
  const capabilities =
    typeof RTCRtpReceiver !== 'undefined' ? RTCRtpReceiver.getCapabilities?.('audio')?.codecs : undefined;
  if (!capabilities) return;
  const ordered = orderCodecs(capabilities, preference);
  for (const transceiver of pc.getTransceivers()) {
    const kind = transceiver.receiver.track?.kind ?? transceiver.sender.track?.kind ?? 'audio';
    if (
      kind === 'audio' &&
      typeof transceiver.setCodecPreferences === 'function' &&
      transceiver.currentDirection !== 'stopped'
    ) {
      transceiver.setCodecPreferences(ordered);
    }
  }
}
