import { createHash } from 'node:crypto';

/**
 * FreeSWITCH's `a1-hash` directory param: md5 of `user:realm:password`, the HA1 of RFC 2617 digest auth. The realm
 * is the SIP domain (the internal profile challenges with `auto_from`, and registrations are forced to the domain).
 */
export function sipA1Hash(user: string, domain: string, password: string): string {
  return createHash('md5').update(`${user}:${domain}:${password}`, 'utf8').digest('hex');
}
