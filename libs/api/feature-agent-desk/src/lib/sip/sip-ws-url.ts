/** What {@link sipWebSocketUrl} reads from the request that asked for the registration. */
export interface RequestOrigin {
  /** Whether the page reached the API over HTTPS (Express `req.secure`, honouring TRUST_PROXY). */
  secure: boolean;
  /** Host name the browser used (Express `req.hostname`), without port. */
  hostname: string | undefined;
}

const HOST_NAME = /^(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}$|^\[[0-9A-Fa-f:.]+\]$|^[0-9A-Fa-f:.]+$/;

/**
 * The SIP WebSocket URL the softphone connects to: `SIP_WS_URL` when set. Otherwise FreeSWITCH's own listeners on
 * the host the browser reached the API by (the compose file publishes both): `wss://HOST:7443` for pages served over
 * HTTPS (a browser refuses plain ws:// there), `ws://HOST:5066` for plain-HTTP development. A Host header that is
 * not a host name falls back to the SIP domain.
 */
export function sipWebSocketUrl(configured: string | undefined, origin: RequestOrigin, sipDomain: string): string {
  if (configured) return configured;
  const asked = origin.hostname ?? '';
  const host = HOST_NAME.test(asked) ? asked : sipDomain;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return origin.secure ? `wss://${bracketed}:7443` : `ws://${bracketed}:5066`;
}
