import type { PbxKind } from '@switchboard/shared/contracts';

/** What {@link sipWebSocketUrl} reads from the request that asked for the registration. */
export interface RequestOrigin {
  /** Whether the page reached the API over HTTPS (Express `req.secure`, honouring TRUST_PROXY). */
  secure: boolean;
  /** Host name the browser used (Express `req.hostname`), without port. */
  hostname: string | undefined;
}

const HOST_NAME = /^(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}$|^\[[0-9A-Fa-f:.]+\]$|^[0-9A-Fa-f:.]+$/;

/** Where each PBX serves SIP over WebSocket with the repository's configuration (freeswitch/, asterisk/). */
const LISTENERS: Readonly<Record<PbxKind, { readonly wss: string; readonly ws: string }>> = {
  freeswitch: { wss: ':7443', ws: ':5066' },
  // Asterisk's built-in HTTP server (http.conf), at the path res_pjsip_transport_websocket serves.
  asterisk: { wss: ':8089/ws', ws: ':8088/ws' },
};

/**
 * The SIP WebSocket URL the softphone connects to: `SIP_WS_URL` when set. Otherwise the PBX's own listeners on
 * the host the browser reached the API by (the compose files publish both): WSS for pages served over HTTPS (a
 * browser refuses plain ws:// there), WS for plain-HTTP development (FreeSWITCH `wss://HOST:7443`, `ws://HOST:5066`;
 * Asterisk `wss://HOST:8089/ws`, `ws://HOST:8088/ws`). A Host header that is not a host name falls back to the SIP
 * domain.
 */
export function sipWebSocketUrl(
  configured: string | undefined,
  origin: RequestOrigin,
  sipDomain: string,
  pbx: PbxKind = 'freeswitch',
): string {
  if (configured) return configured;
  const asked = origin.hostname ?? '';
  const host = HOST_NAME.test(asked) ? asked : sipDomain;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const listener = LISTENERS[pbx];
  return origin.secure ? `wss://${bracketed}${listener.wss}` : `ws://${bracketed}${listener.ws}`;
}
