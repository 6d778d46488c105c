/** Known SIP servers; each needs slightly different transport and media settings. */
export type SipProfileName = 'freeswitch' | 'asterisk' | 'generic';

/** Settings a server flavour implies. */
export interface SipProfile {
  readonly name: SipProfileName;
  /** Default WebSocket port when the account's URL gives none. */
  readonly defaultWsPort: number;
  /** WebSocket path the server listens on. */
  readonly wsPath: string;
  /** RFC 4028 session timers: FreeSWITCH and Asterisk accept them; `minSessionExpires` is our floor. */
  readonly sessionTimers: boolean;
  /** Session-Expires we ask for (seconds); raised to the server's Min-SE after a 422. */
  readonly sessionExpires: number;
  /** RTCPeerConnection settings. Asterisk's WebRTC wiki requires AVPF + DTLS + rtcp-mux (Chromium's defaults). */
  readonly rtcConfiguration: RTCConfiguration;
  /** Refresh method for session timers. */
  readonly sessionRefreshMethod: 'UPDATE' | 'INVITE';
}

/**
 * `balanced`, never `max-bundle`: FreeSWITCH answers with one audio m-line and no `a=group:BUNDLE`/`a=mid`, and
 * Chromium refuses that answer under `max-bundle` (the call is confirmed, then ends with BYE cause 488). Asterisk
 * without `webrtc=yes` answers the same way. With our single audio m-line `balanced` bundles exactly as much.
 */
const bundleMux: RTCConfiguration = { bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' };

/** The built-in profiles. */
export const SIP_PROFILES: Readonly<Record<SipProfileName, SipProfile>> = {
  // FreeSWITCH's Sofia WSS profile listens on 7443 (ws on 5066) at the root path.
  freeswitch: {
    name: 'freeswitch',
    defaultWsPort: 7443,
    wsPath: '/',
    sessionTimers: true,
    sessionExpires: 1800,
    rtcConfiguration: bundleMux,
    sessionRefreshMethod: 'UPDATE',
  },
  // Asterisk's http server serves WebSocket SIP on /ws (8089 for TLS); endpoints need webrtc=yes
  // (AVPF, DTLS-SRTP, ICE, rtcp-mux), which is exactly what Chromium offers with these settings.
  asterisk: {
    name: 'asterisk',
    defaultWsPort: 8089,
    wsPath: '/ws',
    sessionTimers: true,
    sessionExpires: 1800,
    rtcConfiguration: bundleMux,
    sessionRefreshMethod: 'INVITE',
  },
  // Kamailio (as in our e2e) is a proxy: session timers are end to end, re-INVITE is the safest refresh.
  generic: {
    name: 'generic',
    defaultWsPort: 443,
    wsPath: '/',
    sessionTimers: true,
    sessionExpires: 1800,
    rtcConfiguration: bundleMux,
    sessionRefreshMethod: 'INVITE',
  },
};

/**
 * The WebSocket URL to use: the account's URL, with the profile's port and path filled in when the
 * account gives only a host (`wss://pbx.example.com` → `wss://pbx.example.com:7443` for FreeSWITCH).
 */
export function resolveWebSocketUrl(wsUrl: string, profile: SipProfile): string {
  const url = new URL(wsUrl);
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new TypeError(`Not a WebSocket URL: ${wsUrl}`);
  }
  const explicitPort = /^wss?:\/\/[^/]+:\d+/.test(wsUrl);
  if (!explicitPort && url.protocol === 'wss:') url.port = String(profile.defaultWsPort);
  if (url.pathname === '/' && profile.wsPath !== '/') url.pathname = profile.wsPath;
  return url.toString().replace(/\/$/, '');
}
