import { Inject, Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import { type DirectoryGuests, type XmlCurlFetch, directoryGuestDocument } from '@switchboard/api/feature-provisioning';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { sipSafe, WEB_SIP_USER } from './web-call-names';

/** Channel variables a web call credential gives its channel (read by webcall.xml, the call records and the floor). */
export const WEB_CALL_VARIABLES = {
  channel: 'switchboard_channel',
  credential: 'switchboard_web_credential',
  button: 'switchboard_web_button',
  buttonName: 'switchboard_web_button_name',
  page: 'switchboard_web_page',
  target: 'switchboard_web_target',
  queue: 'switchboard_web_queue',
} as const;

/** What a credential dials: the queue's number when it has one, else its name (the dialplan compares, never routes). */
export function webCallTarget(queue: { name: string; number: string | null }): string {
  return queue.number ?? queue.name;
}

/**
 * Serves web call credentials to FreeSWITCH's directory, once. Only digest authentication of an INVITE
 * (`action=sip_auth`, `sip_auth_method=INVITE`) gets an answer, and answering consumes the credential: the first such
 * lookup before it expires marks it used, and every later lookup (a second call, a REGISTER, a SUBSCRIBE, a dial to the
 * user) gets "not found", so FreeSWITCH refuses the request. The user's context is `webcall`, which reaches only the
 * button's queue.
 */
@Injectable()
export class WebCallDirectory implements DirectoryGuests {
  private readonly logger = new Logger('WebCallDirectory');

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  claims(user: string): boolean {
    return WEB_SIP_USER.test(user);
  }

  async answer(fetch: XmlCurlFetch): Promise<string | undefined> {
    if (fetch.action !== 'sip_auth' || fetch.sip_auth_method.toUpperCase() !== 'INVITE') return undefined;
    const now = new Date();
    // The update is the gate: of two lookups racing for one credential, exactly one changes the row.
    const consumed = await this.prisma.webCallCredential.updateMany({
      where: { sipUser: fetch.user, usedAt: null, endedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, sipCallId: fetch.sip_call_id.slice(0, 255) || null },
    });
    if (consumed.count === 0) {
      this.logger.warn({ sipUser: fetch.user }, 'web call credential refused: unknown, already used or expired');
      return undefined;
    }
    const credential = await this.prisma.webCallCredential.findUnique({
      where: { sipUser: fetch.user },
      include: { button: { include: { queue: true } } },
    });
    const queue = credential?.button.queue;
    if (!credential || !queue || !credential.button.enabled) return undefined;
    this.logger.log({ credentialId: credential.id, buttonId: credential.buttonId }, 'web call credential used');
    const buttonName = sipSafe(credential.button.name);
    const page = sipSafe(credential.page);
    return directoryGuestDocument(this.config.sip.domain, {
      id: credential.sipUser,
      a1Hash: credential.a1Hash,
      variables: {
        user_context: 'webcall',
        effective_caller_id_name: 'Web visitor',
        [WEB_CALL_VARIABLES.channel]: 'web',
        [WEB_CALL_VARIABLES.credential]: credential.id,
        [WEB_CALL_VARIABLES.button]: credential.buttonId,
        [WEB_CALL_VARIABLES.buttonName]: buttonName,
        [WEB_CALL_VARIABLES.page]: page,
        [WEB_CALL_VARIABLES.target]: webCallTarget(queue),
        [WEB_CALL_VARIABLES.queue]: queue.name,
        // The agent's console reads these headers of the queue call's INVITE (cc_export_vars in webcall.xml).
        'sip_h_X-Switchboard-Queue': queue.displayName,
        'sip_h_X-Switchboard-Web-Button': buttonName,
        'sip_h_X-Switchboard-Web-Page': page,
        // A visitor's REFER would transfer the agent's leg anywhere the agent's context reaches.
        deny_refer_requests: 'true',
      },
    });
  }
}
