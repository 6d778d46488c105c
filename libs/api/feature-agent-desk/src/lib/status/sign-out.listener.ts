import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import { SessionEvents } from '@switchboard/api/feature-auth';
import { PBX_DIRECTORY, type PbxDirectoryPort } from '@switchboard/api/feature-provisioning';
import { AgentStatusService } from './agent-status.service';

/**
 * When the session holding an agent's phone signs out: logs the agent out of mod_callcenter (no ghost agents) and
 * tells the PBX the extension's credential ended (Asterisk then refuses it at once).
 */
@Injectable()
export class SignOutListener implements OnModuleInit, OnModuleDestroy {
  private stop: (() => void) | undefined;

  constructor(
    private readonly sessions: SessionEvents,
    private readonly statuses: AgentStatusService,
    private readonly prisma: PrismaService,
    @Inject(PBX_DIRECTORY) private readonly pbx: PbxDirectoryPort,
  ) {}

  onModuleInit(): void {
    this.stop = this.sessions.onEnded(async ({ userId, releasedPhone }) => {
      if (!releasedPhone) return;
      const agent = await this.prisma.agent.findUnique({
        where: { userId },
        select: { extension: { select: { number: true } } },
      });
      if (agent?.extension) await this.pbx.extensionChanged(agent.extension.number);
      await this.statuses.logOutWithSession(userId);
    });
  }

  onModuleDestroy(): void {
    this.stop?.();
  }
}
