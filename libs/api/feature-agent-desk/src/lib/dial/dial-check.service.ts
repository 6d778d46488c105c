import { Inject, Injectable } from '@nestjs/common';
import type { DialCheckResultDto } from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import type { Principal } from '@switchboard/api/util-http';
import { DeskAgentService } from '../shared/desk-agent.service';
import { type NumberPlan, decideDial, normalizeDestination } from './number-plan';

/** `POST /api/me/dial-check`: whether the caller's extension may call a destination, by {@link decideDial}. */
@Injectable()
export class DialCheckService {
  private readonly plan: NumberPlan;

  constructor(
    private readonly prisma: PrismaService,
    private readonly agents: DeskAgentService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.plan = config.dialPlan;
  }

  async check(principal: Principal, destination: string): Promise<DialCheckResultDto> {
    const { extension } = await this.agents.agentWithExtension(principal);
    const isInternal = await this.isInternalNumber(extension.domain, destination);
    return {
      ...decideDial(destination, this.plan, extension.outboundClass, isInternal),
      outboundClass: extension.outboundClass,
    };
  }

  /** Whether the destination is a provisioned extension (enabled or not: the dialplan's user_exists) or queue number. */
  private async isInternalNumber(domain: string, destination: string): Promise<boolean> {
    const numbers = [...new Set([destination.trim(), normalizeDestination(destination)])];
    const [extensions, queues] = await this.prisma.$transaction([
      this.prisma.extension.count({ where: { domain, number: { in: numbers } } }),
      this.prisma.queue.count({ where: { number: { in: numbers } } }),
    ]);
    return extensions + queues > 0;
  }
}
