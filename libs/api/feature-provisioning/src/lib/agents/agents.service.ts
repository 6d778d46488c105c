import { Inject, Injectable } from '@nestjs/common';
import type {
  AgentDto,
  CreateAgentRequest,
  ListAgentsQuery,
  Page,
  ProvisioningDeleteResult,
  Provisioned,
  UpdateAgentRequest,
} from '@switchboard/shared/contracts';
import { Prisma, PrismaService, isRecordNotFound } from '@switchboard/api/data-access-db';
import { NotFoundError, type Principal } from '@switchboard/api/util-http';
import { PBX_CALLCENTER, type PbxCallcenterPort } from '../pbx/pbx-callcenter.port';
import type { AgentSnapshot } from '../pbx/callcenter-sync.service';
import { PBX_DIRECTORY, type PbxDirectoryPort } from '../pbx/pbx-directory.port';
import { type AgentWithExtension, toAgentDto } from '../shared/dto-mappers';
import { isForeignKeyViolation, uniqueViolationKey } from '../shared/prisma-conflicts';
import { conflict, pageWindow, unknownReference } from '../shared/provisioning-support';

const WITH_EXTENSION = {
  extension: { select: { number: true, domain: true } },
  user: { select: { displayName: true } },
} as const;

function snapshot(agent: AgentWithExtension): AgentSnapshot {
  return {
    name: agent.name,
    extension: agent.extension,
    wrapUpTime: agent.wrapUpTime,
    maxNoAnswer: agent.maxNoAnswer,
    noAnswerDelayTime: agent.noAnswerDelayTime,
    rejectDelayTime: agent.rejectDelayTime,
    busyDelayTime: agent.busyDelayTime,
  };
}

/** mod_callcenter agents: a user who takes queue calls on an extension. Mirrored into FreeSWITCH after each change. */
@Injectable()
export class AgentsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PBX_CALLCENTER) private readonly sync: PbxCallcenterPort,
    @Inject(PBX_DIRECTORY) private readonly directory: PbxDirectoryPort,
  ) {}

  async list(query: ListAgentsQuery): Promise<Page<AgentDto>> {
    // An admin looks an agent up by the person's name as often as by the agent's.
    const search = query.search ? { contains: query.search, mode: 'insensitive' as const } : undefined;
    const where: Prisma.AgentWhereInput = search
      ? { OR: [{ name: search }, { user: { displayName: search } }, { extension: { number: search } }] }
      : {};
    const [items, total] = await this.prisma.$transaction([
      this.prisma.agent.findMany({ where, include: WITH_EXTENSION, orderBy: { name: 'asc' }, ...pageWindow(query) }),
      this.prisma.agent.count({ where }),
    ]);
    return { items: items.map(toAgentDto), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<AgentDto> {
    return toAgentDto(await this.find(id));
  }

  async create(request: CreateAgentRequest, actor: Principal, ip?: string): Promise<Provisioned<AgentDto>> {
    const user = await this.prisma.user.findUnique({ where: { id: request.userId }, select: { id: true } });
    if (!user) throw unknownReference('userId', 'names no user');
    const extension = request.extensionId ? await this.freeExtension(request.extensionId) : null;
    // The schema guarantees a name or an extension to derive it from.
    const name = request.name ?? `${extension?.number ?? ''}@${extension?.domain ?? ''}`;
    const { extensionId, userId, name: _name, ...timers } = request;
    try {
      const agent = await this.prisma.$transaction(async (tx) => {
        const created = await tx.agent.create({
          data: { ...timers, name, userId, extensionId: extensionId ?? null },
          include: WITH_EXTENSION,
        });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'agent.create',
            targetType: 'Agent',
            targetId: created.id,
            details: { name, userId, extensionId: created.extensionId },
            ip,
          },
        });
        return created;
      });
      await this.extensionsChanged(agent.extension?.number);
      return { ...toAgentDto(agent), pbxSync: await this.sync.agentCreated(snapshot(agent)) };
    } catch (error) {
      throw this.translate(error, name);
    }
  }

  async update(id: string, request: UpdateAgentRequest, actor: Principal, ip?: string): Promise<Provisioned<AgentDto>> {
    const current = await this.find(id);
    if (request.extensionId && request.extensionId !== current.extensionId)
      await this.freeExtension(request.extensionId);
    try {
      const agent = await this.prisma.$transaction(async (tx) => {
        const updated = await tx.agent.update({ where: { id }, data: request, include: WITH_EXTENSION });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'agent.update',
            targetType: 'Agent',
            targetId: id,
            details: { name: updated.name, changed: Object.keys(request) },
            ip,
          },
        });
        return updated;
      });
      await this.extensionsChanged(current.extension?.number, agent.extension?.number);
      return { ...toAgentDto(agent), pbxSync: await this.sync.agentUpdated(snapshot(current), snapshot(agent)) };
    } catch (error) {
      throw this.translate(error, current.name, id);
    }
  }

  /** Deleting an agent deletes its tiers (the schema cascades); both leave mod_callcenter too. */
  async remove(id: string, actor: Principal, ip?: string): Promise<ProvisioningDeleteResult> {
    const current = await this.find(id);
    const tiers = await this.prisma.tier.findMany({
      where: { agentId: id },
      include: { queue: { select: { name: true } } },
    });
    try {
      await this.prisma.$transaction([
        this.prisma.agent.delete({ where: { id } }),
        this.prisma.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'agent.delete',
            targetType: 'Agent',
            targetId: id,
            details: { name: current.name, deletedTiers: tiers.length, queues: tiers.map((t) => t.queue.name) },
            ip,
          },
        }),
      ]);
    } catch (error) {
      throw this.translate(error, current.name, id);
    }
    await this.extensionsChanged(current.extension?.number);
    const pbxSync = await this.sync.agentDeleted(
      current.name,
      tiers.map((t) => ({ queueName: t.queue.name, agentName: current.name, level: t.level, position: t.position })),
    );
    return { id, deletedTiers: tiers.length, pbxSync };
  }

  /**
   * Whether an extension has an agent decides how the PBX sees it (a WebRTC softphone with per-login credentials,
   * or a desk phone); the adapter logs a PBX that does not take it and catches up later.
   */
  private async extensionsChanged(...numbers: (string | undefined)[]): Promise<void> {
    for (const number of new Set(numbers)) if (number) await this.directory.extensionChanged(number);
  }

  private async find(id: string): Promise<AgentWithExtension> {
    const agent = await this.prisma.agent.findUnique({ where: { id }, include: WITH_EXTENSION });
    if (!agent) throw new NotFoundError(`No agent with id ${id}.`);
    return agent;
  }

  /** The extension must exist and not ring another agent already. */
  private async freeExtension(extensionId: string): Promise<{ number: string; domain: string }> {
    const extension = await this.prisma.extension.findUnique({
      where: { id: extensionId },
      include: { agent: { select: { name: true } } },
    });
    if (!extension) throw unknownReference('extensionId', 'names no extension');
    if (extension.agent) {
      throw conflict(
        `Extension ${extension.number} already belongs to agent ${extension.agent.name}.`,
        'extensionId',
        'this extension already belongs to another agent',
      );
    }
    return extension;
  }

  private translate(error: unknown, name: string, id?: string): unknown {
    switch (uniqueViolationKey(error)) {
      case 'name':
        return conflict(
          `An agent named ${name} already exists.`,
          'name',
          'an agent with this name already exists',
          error,
        );
      case 'userId':
        return conflict('This user is already an agent.', 'userId', 'this user is already an agent', error);
      case 'extensionId':
        return conflict(
          'This extension already belongs to another agent.',
          'extensionId',
          'this extension already belongs to another agent',
          error,
        );
      case undefined:
        break;
      default:
        return conflict('This agent clashes with an existing one.', 'name', 'an agent like this already exists', error);
    }
    if (isForeignKeyViolation(error))
      return unknownReference('userId', 'or extensionId names a record that no longer exists', error);
    if (id && isRecordNotFound(error)) return new NotFoundError(`No agent with id ${id}.`, undefined, { cause: error });
    return error;
  }
}
