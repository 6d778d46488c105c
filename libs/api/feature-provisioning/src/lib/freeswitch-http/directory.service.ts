import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { SIP_USER_PATTERN } from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { directoryDomainDocument, directoryUserDocument, queueNumberDocument } from '../xml/directory-document';
import { NOT_FOUND_DOCUMENT } from '../xml/xml';
import { liveCredentialHash } from '../directory/live-credential';
import { DIRECTORY_GUESTS, type DirectoryGuests } from './directory-guests';
import type { XmlCurlFetch } from './xml-curl-fetch';

/**
 * The actions that look a user up by id and get its params: SIP digest auth (REGISTER, INVITE, SUBSCRIBE),
 * `user/` dialling, and mod_voicemail's message count. Lookups without an action come from `user_exists`/`user_data`.
 */
const USER_ACTIONS: ReadonlySet<string> = new Set(['sip_auth', 'user_call', 'message-count']);

/** Answers mod_xml_curl's `directory` section from the database: users by a1-hash, never by password. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(DIRECTORY_GUESTS) private readonly guests?: DirectoryGuests,
  ) {}

  async answer(fetch: XmlCurlFetch): Promise<string> {
    const domain = this.config.sip.domain;
    if (fetch.section !== 'directory') return NOT_FOUND_DOCUMENT;
    const asked = (fetch.domain || (fetch.tag_name === 'domain' ? fetch.key_value : '')).toLowerCase();
    if (asked && asked !== domain.toLowerCase()) return NOT_FOUND_DOCUMENT;
    // No user: the domain itself (start-up gateway and network-list scans, domain_exists). It has no gateways.
    if (!fetch.user) return directoryDomainDocument(domain);
    if (!SIP_USER_PATTERN.test(fetch.user)) return NOT_FOUND_DOCUMENT;
    if (fetch.action && !USER_ACTIONS.has(fetch.action)) return NOT_FOUND_DOCUMENT;
    // Web call credentials have names of their own; their source decides (and refuses everything but one INVITE).
    if (this.guests?.claims(fetch.user)) return (await this.guests.answer(fetch)) ?? NOT_FOUND_DOCUMENT;
    const extension = await this.prisma.extension.findUnique({
      where: { domain_number: { domain, number: fetch.user } },
      include: { agent: { select: { userId: true, user: { select: { role: true } } } } },
    });
    if (extension) {
      if (!extension.enabled) return NOT_FOUND_DOCUMENT;
      const a1Hash =
        (extension.agent ? await liveCredentialHash(this.prisma, extension.id, extension.agent.userId) : undefined) ??
        extension.a1Hash;
      if (!a1Hash) return NOT_FOUND_DOCUMENT;
      return directoryUserDocument(domain, {
        number: extension.number,
        displayName: extension.displayName,
        a1Hash,
        outboundClass: extension.outboundClass,
        callerIdNumber: extension.callerIdNumber,
        callerIdName: extension.callerIdName,
        callGroup: extension.callGroup,
        supervisor: extension.agent?.user.role === 'ADMIN' || extension.agent?.user.role === 'SUPERVISOR',
      });
    }
    // Queue numbers are directory entries only for the dialplan's `user_data` lookup, never for SIP auth.
    if (fetch.action) return NOT_FOUND_DOCUMENT;
    const queue = await this.prisma.queue.findUnique({
      where: { number: fetch.user },
      select: { name: true, displayName: true },
    });
    return queue ? queueNumberDocument(domain, fetch.user, queue, randomBytes(16).toString('hex')) : NOT_FOUND_DOCUMENT;
  }
}
