import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateTierRequest,
  ListTiersQuery,
  Page,
  ProvisioningDeleteResult,
  Provisioned,
  TierDto,
  UpdateTierRequest,
} from '@switchboard/shared/contracts';
import { Prisma, PrismaService, isRecordNotFound } from '@switchboard/api/data-access-db';
import { NotFoundError, type Principal } from '@switchboard/api/util-http';
import { PBX_CALLCENTER, type PbxCallcenterPort } from '../pbx/pbx-callcenter.port';
import type { TierSnapshot } from '../pbx/callcenter-sync.service';
import { type TierWithNames, toTierDto } from '../shared/dto-mappers';
import { isForeignKeyViolation, uniqueViolationKey } from '../shared/prisma-conflicts';
import { conflict, pageWindow, unknownReference } from '../shared/provisioning-support';

const WITH_NAMES = { agent: { select: { name: true } }, queue: { select: { name: true } } } as const;

function snapshot(tier: TierWithNames): TierSnapshot {
  return { queueName: tier.queue.name, agentName: tier.agent.name, level: tier.level, position: tier.position };
}

/** Tiers: which agent answers which queue, at what level and position. Mirrored into mod_callcenter. */
@Injectable()
export class TiersService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PBX_CALLCENTER) private readonly sync: PbxCallcenterPort,
  ) {}

  async list(query: ListTiersQuery): Promise<Page<TierDto>> {
    const where: Prisma.TierWhereInput = {
      ...(query.queueId ? { queueId: query.queueId } : {}),
      ...(query.agentId ? { agentId: query.agentId } : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.tier.findMany({
        where,
        include: WITH_NAMES,
        orderBy: [{ queue: { name: 'asc' } }, { level: 'asc' }, { position: 'asc' }, { agent: { name: 'asc' } }],
        ...pageWindow(query),
      }),
      this.prisma.tier.count({ where }),
    ]);
    return { items: items.map(toTierDto), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<TierDto> {
    return toTierDto(await this.find(id));
  }

  async create(request: CreateTierRequest, actor: Principal, ip?: string): Promise<Provisioned<TierDto>> {
    const [agent, queue] = await Promise.all([
      this.prisma.agent.findUnique({ where: { id: request.agentId }, select: { name: true } }),
      this.prisma.queue.findUnique({ where: { id: request.queueId }, select: { name: true } }),
    ]);
    if (!agent) throw unknownReference('agentId', 'names no agent');
    if (!queue) throw unknownReference('queueId', 'names no queue');
    try {
      const tier = await this.prisma.$transaction(async (tx) => {
        const created = await tx.tier.create({ data: request, include: WITH_NAMES });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'tier.create',
            targetType: 'Tier',
            targetId: created.id,
            details: { agent: agent.name, queue: queue.name, level: created.level, position: created.position },
            ip,
          },
        });
        return created;
      });
      return { ...toTierDto(tier), pbxSync: await this.sync.tierCreated(snapshot(tier)) };
    } catch (error) {
      throw this.translate(error, `${agent.name} in ${queue.name}`);
    }
  }

  async update(id: string, request: UpdateTierRequest, actor: Principal, ip?: string): Promise<Provisioned<TierDto>> {
    const current = await this.find(id);
    try {
      const tier = await this.prisma.$transaction(async (tx) => {
        const updated = await tx.tier.update({ where: { id }, data: request, include: WITH_NAMES });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'tier.update',
            targetType: 'Tier',
            targetId: id,
            details: {
              agent: updated.agent.name,
              queue: updated.queue.name,
              changed: Object.keys(request),
              level: updated.level,
              position: updated.position,
            },
            ip,
          },
        });
        return updated;
      });
      return { ...toTierDto(tier), pbxSync: await this.sync.tierUpdated(snapshot(current), snapshot(tier)) };
    } catch (error) {
      throw this.translate(error, `${current.agent.name} in ${current.queue.name}`, id);
    }
  }

  async remove(id: string, actor: Principal, ip?: string): Promise<ProvisioningDeleteResult> {
    const current = await this.find(id);
    try {
      await this.prisma.$transaction([
        this.prisma.tier.delete({ where: { id } }),
        this.prisma.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'tier.delete',
            targetType: 'Tier',
            targetId: id,
            details: { agent: current.agent.name, queue: current.queue.name },
            ip,
          },
        }),
      ]);
    } catch (error) {
      throw this.translate(error, `${current.agent.name} in ${current.queue.name}`, id);
    }
    return { id, deletedTiers: 1, pbxSync: await this.sync.tierDeleted(snapshot(current)) };
  }

  private async find(id: string): Promise<TierWithNames> {
    const tier = await this.prisma.tier.findUnique({ where: { id }, include: WITH_NAMES });
    if (!tier) throw new NotFoundError(`No tier with id ${id}.`);
    return tier;
  }

  private translate(error: unknown, what: string, id?: string): unknown {
    if (uniqueViolationKey(error) !== undefined) {
      return conflict(`There is already a tier for ${what}.`, 'agentId', 'this agent is already in this queue', error);
    }
    if (isForeignKeyViolation(error))
      return unknownReference('agentId', 'or queueId names a record that no longer exists', error);
    if (id && isRecordNotFound(error)) return new NotFoundError(`No tier with id ${id}.`, undefined, { cause: error });
    return error;
  }
}
