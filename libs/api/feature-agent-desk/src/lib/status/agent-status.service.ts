import { Injectable, Logger } from '@nestjs/common';
import {
  type AgentStatusChangeResult,
  type AgentStatusCode,
  type AgentStatusDto,
  BREAK_REASONS,
  type BreakReason,
  type PbxSyncReport,
  type SetAgentStatusRequest,
  type StatusSetter,
} from '@switchboard/shared/contracts';
import { type Prisma, PrismaService } from '@switchboard/api/data-access-db';
import type { Principal } from '@switchboard/api/util-http';
import { type DeskAgent, DeskAgentService } from '../shared/desk-agent.service';
import { DeskActivityService, type DeskActivityState } from './desk-activity.service';
import { PbxStatusSync } from './pbx-status-sync.service';
import { type QueuedStatus, QueuedStatusStore } from './queued-status.store';

const isBreakReason = (code: string | null | undefined): code is BreakReason =>
  BREAK_REASONS.some((reason) => reason === code);

type StatusSource = Prisma.AgentStatusChangeModel['source'];

/** The history's source of a change, as the agent console names who made it. */
const STATUS_SETTER_OF: Readonly<Record<StatusSource, StatusSetter>> = {
  AGENT: 'agent',
  SUPERVISOR: 'supervisor',
  FREESWITCH: 'switch',
  SYSTEM: 'system',
};

/**
 * The agent's own status: read it, change it now, or queue a change for when the current call and its wrap-up end.
 * Every change is stored (`Agent.status`, an `AgentStatusChange` with source AGENT) before mod_callcenter is told.
 */
@Injectable()
export class AgentStatusService {
  private readonly logger = new Logger(AgentStatusService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly agents: DeskAgentService,
    private readonly activity: DeskActivityService,
    private readonly queued: QueuedStatusStore,
    private readonly pbx: PbxStatusSync,
  ) {}

  /** The caller's status; a queued change whose call and wrap-up are over is applied first. */
  async current(principal: Principal): Promise<AgentStatusDto> {
    const agent = await this.agents.agentOf(principal);
    const settled = await this.settle(agent.id);
    return settled?.status ?? this.describe(agent);
  }

  async change(principal: Principal, request: SetAgentStatusRequest): Promise<AgentStatusChangeResult> {
    const agent = await this.agents.agentOf(principal);
    const reasonCode = request.reasonCode ?? null;
    if (request.when === 'after-call') {
      const busy = await this.activity.activityOf(agent);
      if (busy.activity !== 'IDLE') {
        this.queued.set(agent.id, {
          status: request.status,
          reasonCode,
          requestedAt: new Date(),
          requestedBy: principal.userId,
        });
        return { ...(await this.describe(agent, busy)), pbxSync: null };
      }
    }
    this.queued.clear(agent.id);
    const pbxSync = await this.apply(agent, request.status, reasonCode, principal.userId);
    return { ...(await this.describe(await this.agents.agentOf(principal))), pbxSync };
  }

  /**
   * Applies the agent's queued status if the call and wrap-up it waited for are over. Returns the outcome, or
   * undefined when nothing was queued or the agent is still busy. Called by the sweeper, after a wrap-up and on reads.
   */
  async settle(agentId: string): Promise<{ status: AgentStatusDto; pbxSync: PbxSyncReport } | undefined> {
    const next = this.queued.get(agentId);
    if (!next) return undefined;
    const agent = await this.agents.byId(agentId);
    if (!agent) {
      this.queued.clear(agentId, next);
      return undefined;
    }
    const busy = await this.activity.activityOf(agent);
    if (busy.activity !== 'IDLE' || this.queued.get(agentId) !== next) return undefined;
    this.queued.clear(agentId, next);
    const pbxSync = await this.apply(agent, next.status, next.reasonCode, next.requestedBy);
    this.logger.log(
      { agent: agent.name, status: next.status, pbxSync: pbxSync.status },
      'applied a queued agent status',
    );
    const after = (await this.agents.byId(agentId)) ?? agent;
    return { status: await this.describe(after, busy), pbxSync };
  }

  /**
   * Logs the agent out when the session holding its phone signs out: a phone that is gone must not be offered queue
   * calls. Skipped when another session of the agent's extension holds a live credential (the phone moved there).
   */
  async logOutWithSession(userId: string): Promise<PbxSyncReport | undefined> {
    const agent = await this.agents.byUser(userId);
    if (!agent || agent.status === 'LOGGED_OUT') return undefined;
    if (agent.extension) {
      const now = new Date();
      const live = await this.prisma.sipCredential.count({
        where: {
          extensionId: agent.extension.id,
          revokedAt: null,
          expiresAt: { gt: now },
          session: { revokedAt: null, expiresAt: { gt: now } },
        },
      });
      if (live > 0) return undefined;
    }
    this.queued.clear(agent.id);
    const pbxSync = await this.apply(agent, 'LOGGED_OUT', null, userId, 'SYSTEM');
    this.logger.log({ agent: agent.name, pbxSync: pbxSync.status }, 'signed out: agent logged out of its queues');
    return pbxSync;
  }

  /** Stores the status (a new `AgentStatusChange` only when it differs) and sends it to mod_callcenter either way. */
  private async apply(
    agent: DeskAgent,
    status: AgentStatusCode,
    reasonCode: BreakReason | null,
    changedById: string,
    source: 'AGENT' | 'SYSTEM' = 'AGENT',
  ): Promise<PbxSyncReport> {
    const latest = await this.latestChange(agent.id);
    const unchanged = agent.status === status && (status !== 'ON_BREAK' || latest?.reasonCode === reasonCode);
    if (!unchanged) {
      const at = new Date();
      await this.prisma.$transaction([
        this.prisma.agent.update({ where: { id: agent.id }, data: { status, statusChangedAt: at } }),
        this.prisma.agentStatusChange.create({
          data: { agentId: agent.id, status, reasonCode, source, changedById, at },
        }),
      ]);
    }
    // Sent even when unchanged: it re-aligns a mod_callcenter that missed an earlier change while disconnected.
    return this.pbx.setStatus(agent.name, status);
  }

  private async describe(agent: DeskAgent, known?: DeskActivityState): Promise<AgentStatusDto> {
    const [busy, latest] = await Promise.all([known ?? this.activity.activityOf(agent), this.latestChange(agent.id)]);
    const next: QueuedStatus | undefined = this.queued.get(agent.id);
    return {
      agentId: agent.id,
      agentName: agent.name,
      extensionNumber: agent.extension?.number ?? null,
      status: agent.status,
      reasonCode: agent.status === 'ON_BREAK' && isBreakReason(latest?.reasonCode) ? latest.reasonCode : null,
      since: agent.statusChangedAt.toISOString(),
      setBy: latest ? STATUS_SETTER_OF[latest.source] : null,
      state: agent.state,
      activity: busy.activity,
      wrapUp: busy.wrapUp,
      next: next
        ? { status: next.status, reasonCode: next.reasonCode, requestedAt: next.requestedAt.toISOString() }
        : null,
    };
  }

  private latestChange(agentId: string): Promise<{ reasonCode: string | null; source: StatusSource } | null> {
    return this.prisma.agentStatusChange.findFirst({
      where: { agentId },
      orderBy: { at: 'desc' },
      select: { reasonCode: true, source: true },
    });
  }
}
