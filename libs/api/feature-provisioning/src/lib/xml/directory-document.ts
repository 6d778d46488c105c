import type { OutboundClass } from '@switchboard/shared/contracts';
import { tollAllow } from '../directory/toll-allow';
import { type XmlNode, params, renderXmlDocument, xml } from './xml';

/**
 * How `user/NUMBER@DOMAIN` reaches a user: every device registered for it (SIP and WebRTC alike). The `${...}` are
 * FreeSWITCH's own variables, expanded when the user is dialled.
 */
export const DIAL_STRING =
  '{^^:sip_invite_domain=${dialed_domain}:presence_id=${dialed_user}@${dialed_domain}}${sofia_contact(*/${dialed_user}@${dialed_domain})}';

/** Directory variable holding the queue name of a queue number (read by the dialplan with `user_data`). */
export const QUEUE_VARIABLE = 'switchboard_queue';
/** Directory variable with the queue's display name, which the dialplan passes to the agent's console. */
export const QUEUE_DISPLAY_VARIABLE = 'switchboard_queue_display';

/** An enabled extension as FreeSWITCH's directory serves it. */
export interface DirectoryUser {
  number: string;
  displayName: string;
  /** The a1-hash to authenticate with: the newest live per-login credential, or the static one. */
  a1Hash: string;
  outboundClass: OutboundClass;
  callerIdNumber: string | null;
  callerIdName: string | null;
  callGroup: string | null;
  /** Whether the extension's agent is an admin or supervisor (may use the *31-*33 listen/whisper/barge codes). */
  supervisor: boolean;
}

function directoryDocument(domain: string, users: readonly XmlNode[]): string {
  return renderXmlDocument(
    xml('document', { type: 'freeswitch/xml' }, [
      xml('section', { name: 'directory' }, [
        xml('domain', { name: domain }, [
          xml('params', {}, params({ 'dial-string': DIAL_STRING })),
          ...(users.length > 0
            ? [xml('groups', {}, [xml('group', { name: 'default' }, [xml('users', {}, users)])])]
            : []),
        ]),
      ]),
    ]),
  );
}

/** The domain alone: what FreeSWITCH asks for at start-up (gateways, network lists) and for domain checks. */
export function directoryDomainDocument(domain: string): string {
  return directoryDocument(domain, []);
}

/** One user of the domain, with its a1-hash (never a password) and the variables the dialplan relies on. */
export function directoryUserDocument(domain: string, user: DirectoryUser): string {
  const variables = params(
    {
      user_context: 'default',
      effective_caller_id_name: user.displayName,
      effective_caller_id_number: user.number,
      outbound_caller_id_name: user.callerIdName ?? user.displayName,
      outbound_caller_id_number: user.callerIdNumber,
      toll_allow: tollAllow(user.outboundClass),
      callgroup: user.callGroup,
      accountcode: user.number,
      // Channels of this user (calls it makes and `user/` calls it takes) can be found by *31-*33 with
      // eavesdrop_require_group, without keeping a map of channel UUIDs.
      eavesdrop_group: `ext-${user.number}`,
      switchboard_supervisor: user.supervisor ? 'true' : null,
    },
    'variable',
  );
  return directoryDocument(domain, [
    xml('user', { id: user.number }, [
      xml('params', {}, params({ 'a1-hash': user.a1Hash })),
      xml('variables', {}, variables),
    ]),
  ]);
}

/**
 * A queue number as a directory entry that carries only the queue's name, for the dialplan's
 * `${user_data(NUMBER@DOMAIN var switchboard_queue)}`. Served only to lookups without an `action` (never to SIP
 * authentication); `unusableA1Hash` is random so that it could not authenticate anyone even then.
 */
export function queueNumberDocument(
  domain: string,
  queueNumber: string,
  queue: { name: string; displayName: string },
  unusableA1Hash: string,
): string {
  return directoryDocument(domain, [
    xml('user', { id: queueNumber }, [
      xml('params', {}, params({ 'a1-hash': unusableA1Hash })),
      xml(
        'variables',
        {},
        params({ [QUEUE_VARIABLE]: queue.name, [QUEUE_DISPLAY_VARIABLE]: queue.displayName }, 'variable'),
      ),
    ]),
  ]);
}

/**
 * A SIP user that is not an extension (a web call's single-use credential): its a1-hash and the channel variables
 * FreeSWITCH sets when it authenticates (`user_context` picks the dialplan context its calls start in).
 */
export function directoryGuestDocument(
  domain: string,
  user: { id: string; a1Hash: string; variables: Readonly<Record<string, string>> },
): string {
  return directoryDocument(domain, [
    xml('user', { id: user.id }, [
      xml('params', {}, params({ 'a1-hash': user.a1Hash })),
      xml('variables', {}, params(user.variables, 'variable')),
    ]),
  ]);
}
