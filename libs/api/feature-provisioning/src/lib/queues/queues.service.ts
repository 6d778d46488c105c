import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateQueueRequest,
  ListQueuesQuery,
  Page,
  ProvisioningDeleteResult,
  Provisioned,
  QueueDto,
  UpdateQueueRequest,
} from '@switchboard/shared/contracts';
import { Prisma, PrismaService, isRecordNotFound } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { NotFoundError, type Principal } from '@switchboard/api/util-http';
import { PBX_CALLCENTER, type PbxCallcenterPort } from '../pbx/pbx-callcenter.port';
import { toPrismaStrategy, toQueueDto } from '../shared/dto-mappers';
import { uniqueViolationKey } from '../shared/prisma-conflicts';
import { conflict, pageWindow } from '../shared/provisioning-support';

/** Settings only Switchboard uses; changing just these leaves mod_callcenter alone. */
const SWITCHBOARD_ONLY: ReadonlySet<string> = new Set(['displayName', 'number', 'serviceLevelSeconds']);

function toData<T extends { strategy?: CreateQueueRequest['strategy'] }>(
  request: T,
): Omit<T, 'strategy'> & { strategy?: Prisma.QueueModel['strategy'] } {
  const { strategy, ...rest } = request;
  return { ...rest, ...(strategy ? { strategy: toPrismaStrategy(strategy) } : {}) };
}

/** mod_callcenter queues. FreeSWITCH reads their settings from /freeswitch/configuration; we tell it when to. */
@Injectable()
export class QueuesService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PBX_CALLCENTER) private readonly sync: PbxCallcenterPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: ListQueuesQuery): Promise<Page<QueueDto>> {
    const where: Prisma.QueueWhereInput = query.search
      ? {
          OR: [
            { name: { contains: query.search, mode: 'insensitive' } },
            { displayName: { contains: query.search, mode: 'insensitive' } },
          ],
        }
      : {};
    const [items, total] = await this.prisma.$transaction([
      this.prisma.queue.findMany({ where, orderBy: { name: 'asc' }, ...pageWindow(query) }),
      this.prisma.queue.count({ where }),
    ]);
    return { items: items.map(toQueueDto), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<QueueDto> {
    return toQueueDto(await this.find(id));
  }

  async create(request: CreateQueueRequest, actor: Principal, ip?: string): Promise<Provisioned<QueueDto>> {
    if (request.number) await this.refuseExtensionNumber(request.number);
    try {
      const queue = await this.prisma.$transaction(async (tx) => {
        const created = await tx.queue.create({ data: toData(request) });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'queue.create',
            targetType: 'Queue',
            targetId: created.id,
            details: { name: created.name, number: created.number },
            ip,
          },
        });
        return created;
      });
      return { ...toQueueDto(queue), pbxSync: await this.sync.queueCreated(queue.name) };
    } catch (error) {
      throw this.translate(error, request.name);
    }
  }

  async update(id: string, request: UpdateQueueRequest, actor: Principal, ip?: string): Promise<Provisioned<QueueDto>> {
    const current = await this.find(id);
    if (request.number && request.number !== current.number) await this.refuseExtensionNumber(request.number);
    const changed = Object.keys(request);
    try {
      const queue = await this.prisma.$transaction(async (tx) => {
        const updated = await tx.queue.update({ where: { id }, data: toData(request) });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'queue.update',
            targetType: 'Queue',
            targetId: id,
            details: { name: updated.name, changed },
            ip,
          },
        });
        return updated;
      });
      const pbxSync = changed.every((field) => SWITCHBOARD_ONLY.has(field))
        ? { status: 'applied' as const, message: 'Nothing to change in FreeSWITCH (Switchboard-only settings).' }
        : await this.sync.queueUpdated(queue.name);
      return { ...toQueueDto(queue), pbxSync };
    } catch (error) {
      throw this.translate(error, current.name, id);
    }
  }

  /** Deleting a queue deletes its tiers (the schema cascades); the audit entry lists them. */
  async remove(id: string, actor: Principal, ip?: string): Promise<ProvisioningDeleteResult> {
    const current = await this.find(id);
    const tiers = await this.prisma.tier.findMany({
      where: { queueId: id },
      include: { agent: { select: { name: true } } },
    });
    try {
      await this.prisma.$transaction([
        this.prisma.queue.delete({ where: { id } }),
        this.prisma.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'queue.delete',
            targetType: 'Queue',
            targetId: id,
            details: { name: current.name, deletedTiers: tiers.length, agents: tiers.map((t) => t.agent.name) },
            ip,
          },
        }),
      ]);
    } catch (error) {
      throw this.translate(error, current.name, id);
    }
    const pbxSync = await this.sync.queueDeleted(
      current.name,
      tiers.map((t) => ({ queueName: current.name, agentName: t.agent.name, level: t.level, position: t.position })),
    );
    return { id, deletedTiers: tiers.length, pbxSync };
  }

  private async find(id: string): Promise<Prisma.QueueModel> {
    const queue = await this.prisma.queue.findUnique({ where: { id } });
    if (!queue) throw new NotFoundError(`No queue with id ${id}.`);
    return queue;
  }

  /** A number that is both an extension and a queue would make the dialplan's choice arbitrary. */
  private async refuseExtensionNumber(number: string): Promise<void> {
    const extension = await this.prisma.extension.findUnique({
      where: { domain_number: { domain: this.config.sip.domain, number } },
      select: { id: true },
    });
    if (extension)
      throw conflict(`Extension ${number} already exists.`, 'number', 'an extension already uses this number');
  }

  private translate(error: unknown, name: string, id?: string): unknown {
    switch (uniqueViolationKey(error)) {
      case 'name':
        return conflict(
          `A queue named ${name} already exists.`,
          'name',
          'a queue with this name already exists',
          error,
        );
      case 'number':
        return conflict(
          'Another queue already answers on this number.',
          'number',
          'another queue already uses this number',
          error,
        );
      case undefined:
        break;
      default:
        return conflict('This queue clashes with an existing one.', 'name', 'a queue like this already exists', error);
    }
    if (id && isRecordNotFound(error)) return new NotFoundError(`No queue with id ${id}.`, undefined, { cause: error });
    return error;
  }
}
