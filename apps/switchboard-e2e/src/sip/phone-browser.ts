// Headless Chromium for the phone tests: the base flags of ../browser.ts plus loopback ICE candidates, which only
// stay on 127.0.0.1 inside a loopback-only network namespace (tools/sip/netns.mjs; see shared TESTING.md).
import { type Browser } from 'playwright-core';
import { launchBrowser } from '../browser';

const PHONE_FLAGS = [
  '--allow-loopback-in-peer-connection',
  // Ringtones and test tones must play without a click first.
  '--autoplay-policy=no-user-gesture-required',
];

/** Launches Debian's Chromium (CHROMIUM_PATH) for WebRTC on loopback, with extra flags and without some base ones. */
export function launchPhoneBrowser(
  extraFlags: readonly string[] = [],
  withoutFlags: readonly string[] = [],
): Promise<Browser> {
  return launchBrowser([...PHONE_FLAGS, ...extraFlags], withoutFlags);
}

/**
 * Runs in every page before the app: remembers each RTCPeerConnection and each DTMF tone the browser actually
 * played out (RTCDTMFSender `tonechange`), so tests read what happened on the wire side of the browser rather than
 * what the app claims.
 */
export const PAGE_PROBES = `
(() => {
  const peers = [];
  const tones = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      peers.push(this);
    }
  };
  const insert = RTCDTMFSender.prototype.insertDTMF;
  RTCDTMFSender.prototype.insertDTMF = function (...args) {
    if (!this.__sbProbe) {
      this.__sbProbe = true;
      this.addEventListener('tonechange', (event) => { if (event.tone) tones.push(event.tone); });
    }
    return insert.apply(this, args);
  };
  window.__sbProbes = {
    tones,
    async packetsReceived() {
      let total = 0;
      for (const peer of peers) {
        if (peer.connectionState === 'closed') continue;
        const report = await peer.getStats();
        report.forEach((entry) => { if (entry.type === 'inbound-rtp' && entry.kind === 'audio') total += entry.packetsReceived; });
      }
      return total;
    },
    /** The loudest inbound audio level (0..1) Chromium measures now on the open peer connections. */
    async audioLevel() {
      let level = 0;
      for (const peer of peers) {
        if (peer.connectionState === 'closed') continue;
        (await peer.getStats()).forEach((entry) => {
          if (entry.type === 'inbound-rtp' && entry.kind === 'audio' && typeof entry.audioLevel === 'number') level = Math.max(level, entry.audioLevel);
        });
      }
      return level;
    },
    /** Connection and ICE state of every peer connection, for failure messages. */
    async peerStates() {
      const states = [];
      for (const peer of peers) {
        const rtp = [];
        (await peer.getStats()).forEach((entry) => {
          if (entry.type === 'inbound-rtp' || entry.type === 'outbound-rtp') rtp.push(entry.type + ':' + entry.kind + ':' + (entry.packetsReceived ?? entry.packetsSent));
        });
        const directions = peer.getTransceivers().map((t) => t.currentDirection + (t.sender.track ? '+track' : ''));
        // The ICE pairs and their states: which address pair media was to take, when none carries it.
        const stats = await peer.getStats();
        const address = (id) => { const c = stats.get(id); return c ? c.candidateType + ':' + c.address + ':' + c.port : '?'; };
        const pairs = [];
        stats.forEach((entry) => {
          if (entry.type === 'candidate-pair') pairs.push(address(entry.localCandidateId) + '>' + address(entry.remoteCandidateId) + '=' + entry.state + (entry.nominated ? '*' : '') + ' rx' + entry.bytesReceived);
        });
        states.push(peer.iceConnectionState + '/' + peer.connectionState + '/' + peer.signalingState + ' ' + directions.join(',') + ' ' + rtp.join(',') + ' pairs[' + pairs.join('; ') + ']');
      }
      return states;
    },
  };
})();
`;
