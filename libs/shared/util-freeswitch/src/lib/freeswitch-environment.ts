/**
 * What the repository's `freeswitch/` configuration reads from the environment (freeswitch/vars.xml). A FreeSWITCH
 * started by us gets exactly these; everything else in the configuration stays as committed.
 */
export interface FreeswitchSettings {
  /** SIP domain and digest realm: the API's SIP_DOMAIN. */
  readonly sipDomain: string;
  readonly eslPassword: string;
  /** Where the event socket listens (127.0.0.1 keeps it private). */
  readonly eslListenIp?: string;
  /** Base URL of the API as FreeSWITCH reaches it (mod_xml_curl, mod_json_cdr). */
  readonly apiUrl: string;
  readonly httpUser: string;
  readonly httpPassword: string;
  /** Address SIP, WebSocket and RTP bind to. */
  readonly bindIp?: string;
  /** Address put in SDP and Contact for phones and browsers. */
  readonly externalIp?: string;
  readonly rtpPorts?: { readonly start: number; readonly end: number };
  /** host[:port] of the outbound trunk. */
  readonly carrierProxy?: string;
  /** Addresses whose calls skip digest auth and land in the public context. */
  readonly carrierCidr?: string;
  /** Regular expression of premium-rate numbers the dialplan refuses. */
  readonly premiumPattern?: string;
}

/** The environment variables that carry {@link FreeswitchSettings} into freeswitch/vars.xml. */
export function freeswitchEnvironment(settings: FreeswitchSettings): Record<string, string> {
  const env: Record<string, string | undefined> = {
    SIP_DOMAIN: settings.sipDomain,
    FREESWITCH_ESL_PASSWORD: settings.eslPassword,
    FREESWITCH_ESL_LISTEN_IP: settings.eslListenIp,
    SWITCHBOARD_API_URL: settings.apiUrl,
    FREESWITCH_HTTP_USER: settings.httpUser,
    FREESWITCH_HTTP_PASSWORD: settings.httpPassword,
    FREESWITCH_BIND_IP: settings.bindIp,
    FREESWITCH_EXTERNAL_IP: settings.externalIp ?? settings.bindIp,
    FREESWITCH_RTP_START_PORT: settings.rtpPorts ? String(settings.rtpPorts.start) : undefined,
    FREESWITCH_RTP_END_PORT: settings.rtpPorts ? String(settings.rtpPorts.end) : undefined,
    FREESWITCH_CARRIER_PROXY: settings.carrierProxy,
    FREESWITCH_CARRIER_CIDR: settings.carrierCidr,
    FREESWITCH_PREMIUM_PATTERN: settings.premiumPattern,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The premium-rate pattern for the dialplan from the API's DIAL_PREMIUM_PREFIXES (digits only, so no escaping). */
export function premiumPattern(prefixes: readonly string[]): string {
  return `^(?:${prefixes.join('|')})`;
}
