import { Injectable } from '@nestjs/common';
import type {
  CallButtonDto,
  CreateCallButtonRequest,
  OpeningInterval,
  UpdateCallButtonRequest,
} from '@switchboard/shared/contracts';
import { Prisma, PrismaService, isRecordNotFound, isUniqueViolation } from '@switchboard/api/data-access-db';
import { ConflictError, NotFoundError, type Principal, ValidationError } from '@switchboard/api/util-http';
import { startOfDay } from '@switchboard/shared/util-metrics';
import { holdingALine } from '../credentials/web-call-limits';
import { isOpenAt } from '../hours/opening-hours';
import { type CallButtonRow, toCallButtonDto } from './call-button-mapper';

/** JSON column value of opening hours (Prisma wants DbNull for SQL NULL). */
const hoursValue = (hours: OpeningInterval[] | null | undefined) =>
  hours === undefined ? undefined : hours === null ? Prisma.DbNull : (hours as unknown as Prisma.InputJsonValue);

/**
 * Call buttons for admins: create, change, switch off and delete them, each change audited. Nothing is pushed to
 * FreeSWITCH: a button only matters when a visitor asks for a credential, and then the API reads it.
 */
@Injectable()
export class CallButtonsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(now = new Date()): Promise<CallButtonDto[]> {
    const rows = await this.prisma.callButton.findMany({ include: { queue: true }, orderBy: { name: 'asc' } });
    return Promise.all(rows.map((row) => this.withFigures(row, now)));
  }

  async get(id: string): Promise<CallButtonDto> {
    return this.withFigures(await this.find(id), new Date());
  }

  async create(request: CreateCallButtonRequest, actor: Principal, ip?: string): Promise<CallButtonDto> {
    await this.requireQueue(request.queueId);
    const { openingHours, ...rest } = request;
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const created = await tx.callButton.create({
          data: { ...rest, openingHours: hoursValue(openingHours) },
          include: { queue: true },
        });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'call-button.create',
            targetType: 'CallButton',
            targetId: created.id,
            details: { name: created.name, queueId: created.queueId, allowedOrigins: created.allowedOrigins },
            ip,
          },
        });
        return created;
      });
      return this.withFigures(row, new Date());
    } catch (error) {
      throw translate(error, request.name);
    }
  }

  async update(id: string, request: UpdateCallButtonRequest, actor: Principal, ip?: string): Promise<CallButtonDto> {
    const current = await this.find(id);
    if (request.queueId) await this.requireQueue(request.queueId);
    const { openingHours, ...rest } = request;
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const updated = await tx.callButton.update({
          where: { id },
          data: { ...rest, openingHours: hoursValue(openingHours) },
          include: { queue: true },
        });
        await tx.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'call-button.update',
            targetType: 'CallButton',
            targetId: id,
            details: { name: updated.name, changed: Object.keys(request) },
            ip,
          },
        });
        return updated;
      });
      return this.withFigures(row, new Date());
    } catch (error) {
      throw translate(error, request.name ?? current.name, id);
    }
  }

  /** Deletes the button and its credentials: calls it placed keep its name in their records. */
  async remove(id: string, actor: Principal, ip?: string): Promise<void> {
    const current = await this.find(id);
    try {
      await this.prisma.$transaction([
        this.prisma.callButton.delete({ where: { id } }),
        this.prisma.auditLog.create({
          data: {
            actorId: actor.userId,
            action: 'call-button.delete',
            targetType: 'CallButton',
            targetId: id,
            details: { name: current.name },
            ip,
          },
        }),
      ]);
    } catch (error) {
      throw translate(error, current.name, id);
    }
  }

  private async find(id: string): Promise<CallButtonRow> {
    const row = await this.prisma.callButton.findUnique({ where: { id }, include: { queue: true } });
    if (!row) throw new NotFoundError(`No call button with id ${id}.`);
    return row;
  }

  private async requireQueue(queueId: string): Promise<void> {
    const queue = await this.prisma.queue.findUnique({ where: { id: queueId }, select: { id: true } });
    if (!queue) throw new ValidationError('queueId names no queue', [{ path: 'queueId', message: 'names no queue' }]);
  }

  /** Opening state now, calls since the local midnight of the button's time zone, lines held now. */
  private async withFigures(row: CallButtonRow, now: Date): Promise<CallButtonDto> {
    const since = startOfDay(now, row.timeZone);
    const [calls, answered, activeCalls] = await Promise.all([
      this.prisma.call.count({ where: { webButtonId: row.id, startedAt: { gte: since } } }),
      this.prisma.call.count({ where: { webButtonId: row.id, startedAt: { gte: since }, bridgedAt: { not: null } } }),
      this.prisma.webCallCredential.count({ where: holdingALine(row.id, now) }),
    ]);
    const openNow = isOpenAt(row.openingHours as OpeningInterval[] | null, row.timeZone, now);
    return toCallButtonDto(row, { openNow, today: { calls, answered }, activeCalls });
  }
}

function translate(error: unknown, name: string, id?: string): unknown {
  if (isUniqueViolation(error))
    return new ConflictError(`A call button named ${name} already exists.`, [
      { path: 'name', message: 'a call button with this name already exists' },
    ]);
  if (id && isRecordNotFound(error))
    return new NotFoundError(`No call button with id ${id}.`, undefined, { cause: error });
  return error;
}
