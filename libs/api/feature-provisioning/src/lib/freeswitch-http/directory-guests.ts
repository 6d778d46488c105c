import type { XmlCurlFetch } from './xml-curl-fetch';

/**
 * Injection token of an optional {@link DirectoryGuests}: SIP users that are not extensions (the single-use
 * credentials of web calls). The directory asks it first about user names it claims; provide it from a global module.
 */
export const DIRECTORY_GUESTS = Symbol('DIRECTORY_GUESTS');

/** A source of short-lived SIP users that the directory serves besides the extensions. */
export interface DirectoryGuests {
  /** Whether `user` is one of this source's names (its pattern), so the extension lookup does not apply. */
  claims(user: string): boolean;
  /** The directory document for the lookup, or undefined when this source refuses it (then FreeSWITCH gets "not found"). */
  answer(fetch: XmlCurlFetch): Promise<string | undefined>;
}
