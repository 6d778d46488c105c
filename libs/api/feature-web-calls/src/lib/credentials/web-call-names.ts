import { randomBytes } from 'node:crypto';

/** SIP user names of web call credentials: `web-` and 26 base32 characters (130 random bits). */
export const WEB_SIP_USER = /^web-[a-z2-7]{26}$/;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh, unguessable SIP user name for one web call credential. */
export function newWebSipUser(): string {
  const bytes = randomBytes(26);
  let name = 'web-';
  for (const byte of bytes) name += BASE32[byte & 31];
  return name;
}

/**
 * Text made safe to travel through FreeSWITCH variables and SIP headers: every character outside
 * `A-Z a-z 0-9 - _ . ~` percent-encoded (UTF-8). FreeSWITCH expands `${...}` and splits originate variables at
 * commas, so nothing a visitor or an admin typed reaches it unencoded. `decodeURIComponent` reverses it.
 */
export function sipSafe(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The page a visitor called from, as stored and shown: scheme, host, port and path. The query and fragment are
 * dropped (they often carry personal data or session tokens), and so are user names. Null for anything but http(s).
 */
export function pageWithoutQuery(page: string): string | null {
  try {
    const url = new URL(page);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname}`;
  } catch {
    // TypeError: not a URL.
    return null;
  }
}
