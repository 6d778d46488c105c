import { Injectable } from '@nestjs/common';
import type {
  AgentCallDto,
  ListMyCallsQuery,
  Page,
  WrapUpRequest,
  WrapUpResultDto,
} from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { ConflictError, NotFoundError, type Principal } from '@switchboard/api/util-http';
import { type DeskAgent, DeskAgentService } from '../shared/desk-agent.service';
import { AgentStatusService } from '../status/agent-status.service';
import { AGENT_CALL_SELECT, toAgentCallDto } from './agent-call-mapper';

/** The calls an agent handled: their history, and the wrap-up (disposition and notes) of each. */
@Injectable()
export class MyCallsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly agents: DeskAgentService,
    private readonly status: AgentStatusService,
  ) {}

  /** The caller's calls, newest first. */
  async list(principal: Principal, query: ListMyCallsQuery): Promise<Page<AgentCallDto>> {
    const agent = await this.agents.agentOf(principal);
    const where = handledBy(agent);
    const [items, total] = await this.prisma.$transaction([
      this.prisma.call.findMany({
        where,
        orderBy: [{ startedAt: 'desc' }, { uuid: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
        select: AGENT_CALL_SELECT,
      }),
      this.prisma.call.count({ where }),
    ]);
    return { items: items.map(toAgentCallDto), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Saves the disposition and notes of an ended call the caller handled, with the after-call work time (from the
   * call's end until now). A call is wrapped up once; a status queued "after this call" is applied afterwards.
   */
  async wrapUp(
    principal: Principal,
    uuid: string,
    request: WrapUpRequest,
    ip: string | undefined,
  ): Promise<WrapUpResultDto> {
    const agent = await this.agents.agentOf(principal);
    const call = await this.prisma.call.findFirst({
      where: { uuid, ...handledBy(agent) },
      select: { endedAt: true, wrappedUpAt: true },
    });
    if (!call) throw new NotFoundError(`You have no call ${uuid}: only calls you handled can be wrapped up.`);
    if (!call.endedAt) throw new ConflictError('The call is still in progress: wrap it up once it has ended.');
    if (call.wrappedUpAt)
      throw new ConflictError(`This call was already wrapped up at ${call.wrappedUpAt.toISOString()}.`);
    const now = new Date();
    const wrapUpSeconds = Math.max(0, Math.round((now.getTime() - call.endedAt.getTime()) / 1000));
    const notes = request.notes ? request.notes : null;
    const saved = await this.prisma.$transaction(async (tx) => {
      // Conditional on wrappedUpAt still being empty, so two submissions racing cannot both win.
      const updated = await tx.call.updateMany({
        where: { uuid, wrappedUpAt: null },
        data: { disposition: request.disposition, notes, wrapUpSeconds, wrappedUpAt: now },
      });
      if (updated.count === 0) throw new ConflictError('This call was wrapped up meanwhile (another tab or device?).');
      await tx.auditLog.create({
        data: {
          actorId: principal.userId,
          action: 'call.wrap-up',
          targetType: 'Call',
          targetId: uuid,
          details: {
            agentId: agent.id,
            disposition: request.disposition,
            wrapUpSeconds,
            notesLength: notes?.length ?? 0,
          },
          ip,
        },
      });
      return tx.call.findUniqueOrThrow({ where: { uuid }, select: AGENT_CALL_SELECT });
    });
    const settled = await this.status.settle(agent.id);
    return {
      call: toAgentCallDto(saved),
      status: settled?.status ?? (await this.status.current(principal)),
      pbxSync: settled?.pbxSync ?? null,
    };
  }
}

/**
 * Calls attributed to the agent. By id only: ingestion links a call to the agent whose name FreeSWITCH reported
 * when it arrives, and a later agent re-created under the same name must not see its predecessor's calls.
 */
function handledBy(agent: DeskAgent): { agentId: string } {
  return { agentId: agent.id };
}
