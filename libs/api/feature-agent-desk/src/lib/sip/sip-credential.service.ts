import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SipRegistrationDto } from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { PBX_DIRECTORY, type PbxDirectoryPort, sipA1Hash } from '@switchboard/api/feature-provisioning';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { type Principal, UnauthenticatedError } from '@switchboard/api/util-http';
import { DeskAgentService } from '../shared/desk-agent.service';
import { type RequestOrigin, sipWebSocketUrl } from './sip-ws-url';

/** 256 random bits: far beyond what an online guess against digest auth could reach. */
const SECRET_BYTES = 32;

/**
 * Per-login SIP credentials. Each call issues a fresh random secret, stores only its a1-hash (what FreeSWITCH's
 * directory serves) tied to the caller's session, revokes every earlier credential of the extension, and answers the
 * HA1 — never the secret, which is dropped at once. A PBX that does not ask the API (Asterisk) is handed the new HA1. The credential ends with the session (logout revokes it; it
 * expires with the session's refresh lifetime) or with the next call.
 */
@Injectable()
export class SipCredentialService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly agents: DeskAgentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PBX_DIRECTORY) private readonly pbx: PbxDirectoryPort,
  ) {}

  async issue(principal: Principal, origin: RequestOrigin, ip: string | undefined): Promise<SipRegistrationDto> {
    const { extension, id: agentId } = await this.agents.agentWithExtension(principal);
    const now = new Date();
    const session = await this.prisma.session.findUnique({
      where: { id: principal.sessionId },
      select: { expiresAt: true, revokedAt: true },
    });
    // The auth guard checked the session a moment ago; it can only be gone if a logout raced this request.
    if (!session || session.revokedAt || session.expiresAt <= now)
      throw new UnauthenticatedError('Your session has ended: sign in again.');
    const ha1 = sipA1Hash(extension.number, extension.domain, randomBytes(SECRET_BYTES).toString('base64url'));
    const credential = await this.prisma.$transaction(async (tx) => {
      // One live credential per extension: a new login (or a second tab) takes the phone over from the old one.
      const revoked = await tx.sipCredential.updateMany({
        where: { extensionId: extension.id, revokedAt: null },
        data: { revokedAt: now },
      });
      const created = await tx.sipCredential.create({
        data: {
          sessionId: principal.sessionId,
          extensionId: extension.id,
          a1Hash: ha1,
          createdAt: now,
          expiresAt: session.expiresAt,
        },
        select: { id: true, expiresAt: true },
      });
      await tx.auditLog.create({
        data: {
          actorId: principal.userId,
          action: 'sip.credential.issue',
          targetType: 'Extension',
          targetId: extension.id,
          details: { agentId, credentialId: created.id, number: extension.number, revokedEarlier: revoked.count },
          ip,
        },
      });
      return created;
    });
    // A PBX that is written to (Asterisk) must hold the new HA1 before the console registers with it; a failure is
    // logged by the adapter and shows as a refused registration in the console.
    await this.pbx.extensionChanged(extension.number);
    return {
      extension: extension.number,
      authorizationUser: extension.number,
      domain: extension.domain,
      realm: extension.domain,
      uri: `sip:${extension.number}@${extension.domain}`,
      wsUrl: sipWebSocketUrl(this.config.sip.wsUrl, origin, this.config.sip.domain, this.config.pbx.kind),
      pbx: this.config.pbx.kind,
      displayName: extension.displayName,
      ha1,
      expiresAt: credential.expiresAt.toISOString(),
    };
  }
}
