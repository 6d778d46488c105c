/**
 * What the repository's `asterisk/` configuration reads from the environment (asterisk/render.sh fills every
 * `{{NAME}}` placeholder). An Asterisk started by us gets exactly these; the rest of the configuration stays as
 * committed.
 */
export interface AsteriskSettings {
  /** SIP domain and digest realm: the API's SIP_DOMAIN. */
  readonly sipDomain: string;
  readonly ariUser: string;
  readonly ariPassword: string;
  readonly amiUser: string;
  readonly amiPassword: string;
  /** Address SIP, the HTTP server (SIP over WebSocket, ARI) and RTP bind to (default 0.0.0.0). */
  readonly bindIp?: string;
  /** Address put in SDP and Contact for desk phones. */
  readonly externalIp?: string;
  /** Port of the HTTP server: ws on /ws and ARI on /ari (default 8088). */
  readonly httpPort?: number;
  /** UDP port of plain SIP (default 5060). */
  readonly sipPort?: number;
  readonly amiPort?: number;
  readonly rtpPorts?: { readonly start: number; readonly end: number };
  /** Where Asterisk's modules and data (sounds, music on hold) are installed, when not under /opt/asterisk. */
  readonly moduleDir?: string;
  readonly dataDir?: string;
}

/** The environment variables that carry {@link AsteriskSettings} into asterisk/render.sh. */
export function asteriskEnvironment(settings: AsteriskSettings): Record<string, string> {
  const env: Record<string, string | undefined> = {
    SIP_DOMAIN: settings.sipDomain,
    ASTERISK_ARI_USER: settings.ariUser,
    ASTERISK_ARI_PASSWORD: settings.ariPassword,
    ASTERISK_AMI_USER: settings.amiUser,
    ASTERISK_AMI_PASSWORD: settings.amiPassword,
    ASTERISK_BIND_IP: settings.bindIp,
    ASTERISK_EXTERNAL_IP: settings.externalIp,
    ASTERISK_HTTP_PORT: settings.httpPort === undefined ? undefined : String(settings.httpPort),
    ASTERISK_SIP_PORT: settings.sipPort === undefined ? undefined : String(settings.sipPort),
    ASTERISK_AMI_PORT: settings.amiPort === undefined ? undefined : String(settings.amiPort),
    ASTERISK_RTP_START_PORT: settings.rtpPorts ? String(settings.rtpPorts.start) : undefined,
    ASTERISK_RTP_END_PORT: settings.rtpPorts ? String(settings.rtpPorts.end) : undefined,
    ASTERISK_MODULE_DIR: settings.moduleDir,
    ASTERISK_DATA_DIR: settings.dataDir,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
