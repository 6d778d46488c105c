import { Injectable } from '@nestjs/common';
import type { CallDetailDto, CallDto, ListCallsQuery, Page } from '@switchboard/shared/contracts';
import { type Prisma, PrismaService } from '@switchboard/api/data-access-db';
import { NotFoundError } from '@switchboard/api/util-http';
import { toCallDto, toTimelineEntry } from './call-mapper';

/** Reads call records and their event timelines. */
@Injectable()
export class CallsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ListCallsQuery): Promise<Page<CallDto>> {
    const where: Prisma.CallWhereInput = {
      ...(query.from || query.to
        ? { startedAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } }
        : {}),
      ...(query.queue ? { OR: [{ queueName: query.queue }, { queueName: { startsWith: `${query.queue}@` } }] } : {}),
      ...(query.agent ? { agentName: query.agent } : {}),
      ...(query.direction ? { direction: query.direction } : {}),
      ...(query.outcome ? { queueOutcome: query.outcome } : {}),
      ...(query.channel ? { channel: query.channel === 'web' ? ('WEB' as const) : ('VOICE' as const) } : {}),
      ...(query.number
        ? { AND: [{ OR: [{ fromNumber: { contains: query.number } }, { toNumber: { contains: query.number } }] }] }
        : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.call.findMany({
        where,
        orderBy: [{ startedAt: 'desc' }, { uuid: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.call.count({ where }),
    ]);
    return { items: items.map(toCallDto), total, page: query.page, pageSize: query.pageSize };
  }

  async get(uuid: string): Promise<CallDetailDto> {
    const call = await this.prisma.call.findUnique({ where: { uuid } });
    if (!call) throw new NotFoundError(`No call with uuid ${uuid}.`);
    const events = await this.prisma.callEvent.findMany({
      where: { OR: [{ callUuid: uuid }, { channelUuid: { in: call.channelUuids } }] },
      orderBy: [{ node: 'asc' }, { sequence: 'asc' }],
    });
    return { ...toCallDto(call), channelUuids: call.channelUuids, timeline: events.map(toTimelineEntry) };
  }
}
