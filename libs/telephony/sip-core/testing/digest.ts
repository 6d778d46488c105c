import { createHash } from 'node:crypto';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** HA1 = MD5(user:realm:password), what the API hands out instead of the password. */
export function computeHa1(user: string, realm: string, password: string): string {
  return md5(`${user}:${realm}:${password}`);
}

/** Parses `Digest a="b", c=d` into a record. */
export function parseDigest(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of value.replace(/^Digest\s+/i, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    const key = match[1];
    if (key) params[key.toLowerCase()] = match[2] ?? match[3] ?? '';
  }
  return params;
}

/** Verifies an RFC 2617 digest `Authorization` (qop=auth or none) for `method` against `ha1`. */
export function verifyDigest(authorization: string, method: string, ha1: string, nonce: string): boolean {
  const p = parseDigest(authorization);
  if (p['nonce'] !== nonce || !p['uri'] || !p['response']) return false;
  const ha2 = md5(`${method}:${p['uri']}`);
  const expected = p['qop']
    ? md5(`${ha1}:${nonce}:${p['nc']}:${p['cnonce']}:${p['qop']}:${ha2}`)
    : md5(`${ha1}:${nonce}:${ha2}`);
  return expected === p['response'];
}
