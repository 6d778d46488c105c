import { Injectable } from '@nestjs/common';
import { AuditLogService, PrismaService } from '@switchboard/api/data-access-db';
import { eslCommand } from '@switchboard/api/data-access-esl';
import { LiveStateService } from '@switchboard/api/feature-calls';
import type { Principal } from '@switchboard/api/util-http';
import {
  CALLCENTER_AGENT_STATUS,
  type ForceAgentStatusRequest,
  type ForcedAgentStatusResult,
  SUPERVISION_AUDIT_ACTIONS,
} from '@switchboard/shared/contracts';
import { FreeswitchGate } from './freeswitch-gate';
import { AgentNotFoundError } from './supervision.errors';

/**
 * Forces an agent's status (or logs them out): mod_callcenter first, then — only once FreeSWITCH took it — the
 * stored status, a status-history row with source SUPERVISOR, and the audit entry, in one transaction.
 */
@Injectable()
export class AgentOverrideService {
  constructor(
    private readonly live: LiveStateService,
    private readonly freeswitch: FreeswitchGate,
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
  ) {}

  async forceStatus(
    principal: Principal,
    name: string,
    request: ForceAgentStatusRequest,
    ip?: string,
  ): Promise<ForcedAgentStatusResult> {
    const live = this.live.snapshot().agents.find((a) => a.name === name);
    if (!live) throw new AgentNotFoundError(`Agent ${name} is not known to FreeSWITCH right now.`);
    const agent = await this.prisma.agent.findUnique({ where: { name }, select: { id: true, status: true } });
    if (!agent) throw new AgentNotFoundError(`Agent ${name} is not provisioned in Switchboard.`);
    // Every node: with several, the agent's status is in each one's mod_callcenter (the demo's simulator included).
    await this.freeswitch.apiOnEveryNode(
      eslCommand.callcenterAgentSetStatus(name, CALLCENTER_AGENT_STATUS[request.status]),
    );
    const at = new Date();
    const reasonCode = request.reasonCode ?? null;
    await this.prisma.$transaction([
      this.prisma.agent.update({ where: { id: agent.id }, data: { status: request.status, statusChangedAt: at } }),
      this.prisma.agentStatusChange.create({
        data: {
          agentId: agent.id,
          status: request.status,
          reasonCode,
          source: 'SUPERVISOR',
          changedById: principal.userId,
          at,
        },
      }),
      this.audit.entry({
        actorId: principal.userId,
        action: SUPERVISION_AUDIT_ACTIONS.forceStatus,
        targetType: 'agent',
        targetId: agent.id,
        details: { agent: name, from: agent.status, to: request.status, reasonCode },
        ...(ip ? { ip } : {}),
      }),
    ]);
    return { agent: name, status: request.status, reasonCode, at: at.toISOString() };
  }
}
