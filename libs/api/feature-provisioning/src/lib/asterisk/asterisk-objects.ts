import type { PjsipObjectType } from '@switchboard/api/data-access-asterisk';

/** What Asterisk needs to know of an extension. */
export interface AsteriskExtension {
  readonly number: string;
  readonly displayName: string;
  readonly callerIdName: string | null;
  /** Whether an agent uses it: its phone is then the console's WebRTC softphone. */
  readonly hasAgent: boolean;
  /** The HA1 it authenticates with now (live per-login credential, else the static one); none = it must not exist. */
  readonly a1Hash: string | undefined;
}

/** The PJSIP objects of one extension, in the order they are written (an endpoint names its aor and auth). */
export type AsteriskObjects = readonly (readonly [PjsipObjectType, Readonly<Record<string, string>>])[];

/** The dialplan context of asterisk/extensions.conf that agent endpoints land in. */
export const AGENTS_CONTEXT = 'switchboard-agents';

/** A name without the characters that would end Asterisk's quoted caller-id display name. */
function displayName(name: string): string {
  return name.replace(/["\\<>\r\n]/g, '').trim();
}

/**
 * Endpoint, aor and auth of an extension, or undefined when it has no credential: an Asterisk endpoint without an
 * auth accepts anyone, so an extension nobody can authenticate as is not written at all (fail closed). Mirrors the
 * `switchboard-webrtc`/`switchboard-aor` templates of asterisk/pjsip.conf (ARI cannot use templates).
 */
export function asteriskObjects(domain: string, extension: AsteriskExtension): AsteriskObjects | undefined {
  if (!extension.a1Hash) return undefined;
  const id = extension.number;
  // Browser softphones need WebRTC (ICE, DTLS-SRTP, BUNDLE); a static-password extension without an agent is a
  // desk phone speaking plain RTP. A PUT keeps fields it does not name, so a desk phone turns off each option
  // webrtc=yes implies, in case the extension was a softphone before.
  const media: Record<string, string> = extension.hasAgent
    ? { webrtc: 'yes', allow: 'g722,ulaw,alaw' }
    : {
        webrtc: 'no',
        ice_support: 'no',
        media_encryption: 'no',
        use_avpf: 'no',
        rtcp_mux: 'no',
        bundle: 'no',
        media_use_received_transport: 'no',
        dtls_auto_generate_cert: 'no',
        allow: 'g722,ulaw,alaw',
        rtp_symmetric: 'yes',
      };
  return [
    ['auth', { auth_type: 'digest', username: id, realm: domain, password_digest: `MD5:${extension.a1Hash}` }],
    ['aor', { max_contacts: '5', remove_existing: 'no', default_expiration: '300', qualify_frequency: '0' }],
    [
      'endpoint',
      {
        context: AGENTS_CONTEXT,
        disallow: 'all',
        ...media,
        dtmf_mode: 'rfc4733',
        direct_media: 'no',
        force_rport: 'yes',
        rewrite_contact: 'yes',
        timers: 'yes',
        timers_sess_expires: '1800',
        timers_min_se: '90',
        send_pai: 'yes',
        trust_id_outbound: 'yes',
        moh_suggest: 'default',
        from_domain: domain,
        callerid: `"${displayName(extension.callerIdName ?? extension.displayName)}" <${id}>`,
        auth: id,
        aors: id,
      },
    ],
  ];
}
