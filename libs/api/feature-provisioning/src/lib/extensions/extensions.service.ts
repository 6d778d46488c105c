import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateExtensionRequest,
  ExtensionDto,
  ListExtensionsQuery,
  Page,
  ProvisioningDeleteResult,
  Provisioned,
  UpdateExtensionRequest,
} from '@switchboard/shared/contracts';
import { Prisma, PrismaService, isRecordNotFound } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { NotFoundError, type Principal, ValidationError } from '@switchboard/api/util-http';
import { PBX_CALLCENTER, type PbxCallcenterPort } from '../pbx/pbx-callcenter.port';
import { sipA1Hash } from '../directory/a1-hash';
import { PBX_DIRECTORY, type PbxDirectoryPort } from '../pbx/pbx-directory.port';
import { toExtensionDto } from '../shared/dto-mappers';
import { uniqueViolationKey } from '../shared/prisma-conflicts';
import { conflict, pageWindow } from '../shared/provisioning-support';

/** SIP extensions of the configured domain. Every change is audited in the same transaction. */
@Injectable()
export class ExtensionsService {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(PBX_CALLCENTER) private readonly sync: PbxCallcenterPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PBX_DIRECTORY) private readonly directory: PbxDirectoryPort,
  ) {}

  async list(query: ListExtensionsQuery): Promise<Page<ExtensionDto>> {
    const where: Prisma.ExtensionWhereInput = {
      domain: this.config.sip.domain,
      ...(query.enabled ? { enabled: query.enabled === 'true' } : {}),
      ...(query.search
        ? {
            OR: [
              { number: { contains: query.search, mode: 'insensitive' } },
              { displayName: { contains: query.search, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.extension.findMany({ where, orderBy: { number: 'asc' }, ...pageWindow(query) }),
      this.prisma.extension.count({ where }),
    ]);
    return { items: items.map(toExtensionDto), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<ExtensionDto> {
    return toExtensionDto(await this.find(id));
  }

  async create(request: CreateExtensionRequest, actor: Principal, ip?: string): Promise<Provisioned<ExtensionDto>> {
    const domain = this.config.sip.domain;
    await this.refuseQueueNumber(request.number);
    const { password, ...fields } = request;
    try {
      const extension = await this.prisma.$transaction(async (tx) => {
        const created = await tx.extension.create({
          data: { ...fields, domain, a1Hash: password ? sipA1Hash(request.number, domain, password) : null },
        });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'extension.create',
            targetType: 'Extension',
            targetId: created.id,
            details: {
              number: created.number,
              outboundClass: created.outboundClass,
              enabled: created.enabled,
              hasPassword: created.a1Hash !== null,
            },
            ip,
          },
        });
        return created;
      });
      return { ...toExtensionDto(extension), pbxSync: await this.directory.extensionChanged(extension.number) };
    } catch (error) {
      throw this.translate(error, request.number);
    }
  }

  async update(
    id: string,
    request: UpdateExtensionRequest,
    actor: Principal,
    ip?: string,
  ): Promise<Provisioned<ExtensionDto>> {
    const current = await this.find(id);
    const number = request.number ?? current.number;
    const renumbered = number !== current.number;
    if (renumbered && current.a1Hash !== null && request.password === undefined) {
      throw new ValidationError(
        'password is required when the number changes: the stored a1-hash includes the number',
        [
          {
            path: 'password',
            message: 'password is required when the number changes (send null to remove the static password)',
          },
        ],
      );
    }
    if (renumbered) await this.refuseQueueNumber(number);
    const { password, ...fields } = request;
    const a1Hash =
      password === undefined ? undefined : password === null ? null : sipA1Hash(number, current.domain, password);
    try {
      const extension = await this.prisma.$transaction(async (tx) => {
        const updated = await tx.extension.update({
          where: { id },
          data: { ...fields, ...(a1Hash !== undefined ? { a1Hash } : {}) },
        });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'extension.update',
            targetType: 'Extension',
            targetId: id,
            details: { number: updated.number, changed: Object.keys(request) },
            ip,
          },
        });
        return updated;
      });
      const agent = renumbered
        ? await this.prisma.agent.findUnique({ where: { extensionId: id }, select: { name: true } })
        : null;
      if (renumbered) await this.directory.extensionChanged(current.number);
      const written = await this.directory.extensionChanged(extension.number);
      const pbxSync = agent
        ? await this.sync.agentContactChanged(agent.name, { number: extension.number, domain: extension.domain })
        : written;
      return { ...toExtensionDto(extension), pbxSync: written.status === 'applied' ? pbxSync : written };
    } catch (error) {
      throw this.translate(error, number, id);
    }
  }

  /** Deleting an extension also ends its per-login SIP credentials; its agent stays, without a contact. */
  async remove(id: string, actor: Principal, ip?: string): Promise<ProvisioningDeleteResult> {
    const current = await this.find(id);
    const agent = await this.prisma.agent.findUnique({ where: { extensionId: id }, select: { name: true } });
    try {
      await this.prisma.$transaction([
        this.prisma.extension.delete({ where: { id } }),
        this.prisma.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'extension.delete',
            targetType: 'Extension',
            targetId: id,
            details: { number: current.number, agent: agent?.name ?? null },
            ip,
          },
        }),
      ]);
    } catch (error) {
      throw this.translate(error, current.number, id);
    }
    const written = await this.directory.extensionChanged(current.number);
    const pbxSync = agent ? await this.sync.agentContactChanged(agent.name, null) : written;
    return { id, deletedTiers: 0, pbxSync: written.status === 'applied' ? pbxSync : written };
  }

  private async find(id: string): Promise<Prisma.ExtensionModel> {
    const extension = await this.prisma.extension.findUnique({ where: { id } });
    if (!extension) throw new NotFoundError(`No extension with id ${id}.`);
    return extension;
  }

  /** A number that is both an extension and a queue would make the dialplan's choice arbitrary. */
  private async refuseQueueNumber(number: string): Promise<void> {
    const queue = await this.prisma.queue.findUnique({ where: { number }, select: { name: true } });
    if (queue)
      throw conflict(
        `Queue ${queue.name} already answers on ${number}.`,
        'number',
        `queue ${queue.name} already uses this number`,
      );
  }

  private translate(error: unknown, number: string, id?: string): unknown {
    if (uniqueViolationKey(error) === 'domain_number') {
      return conflict(
        `Extension ${number} already exists.`,
        'number',
        'an extension with this number already exists',
        error,
      );
    }
    if (id && isRecordNotFound(error))
      return new NotFoundError(`No extension with id ${id}.`, undefined, { cause: error });
    return error;
  }
}
