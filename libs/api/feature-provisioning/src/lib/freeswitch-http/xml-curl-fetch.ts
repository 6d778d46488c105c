/**
 * The form fields mod_xml_curl posts (application/x-www-form-urlencoded): `hostname`, `section`, `tag_name`,
 * `key_name`, `key_value`, then the request's event headers (`Event-Name=REQUEST_PARAMS`, `action`, `user`,
 * `domain`, `purpose`, `sip_auth_*`, ...). Only the fields the API reads are named here.
 */
export interface XmlCurlFetch {
  section: string;
  tag_name: string;
  key_name: string;
  key_value: string;
  action: string;
  user: string;
  domain: string;
  purpose: string;
  /** SIP method of a digest authentication (`action=sip_auth`): REGISTER, INVITE, SUBSCRIBE, ... */
  sip_auth_method: string;
  /** Call-ID of the SIP request being authenticated. */
  sip_call_id: string;
}

const FIELDS: readonly (keyof XmlCurlFetch)[] = [
  'section',
  'tag_name',
  'key_name',
  'key_value',
  'action',
  'user',
  'domain',
  'purpose',
  'sip_auth_method',
  'sip_call_id',
];

/**
 * Reads a parsed form body. A field FreeSWITCH sent twice (user_data adds a second `key`) arrives as an array;
 * the first value wins. Missing fields are empty strings, as FreeSWITCH sends them.
 */
export function readXmlCurlFetch(body: unknown): XmlCurlFetch {
  const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const field = (name: string): string => {
    const value = form[name];
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first.trim() : '';
  };
  return Object.fromEntries(FIELDS.map((name) => [name, field(name)])) as unknown as XmlCurlFetch;
}
