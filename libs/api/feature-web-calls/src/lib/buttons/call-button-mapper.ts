import type { CallButtonDto, OpeningInterval } from '@switchboard/shared/contracts';
import type { Prisma } from '@switchboard/api/data-access-db';

/** A button row with its queue, as the admin API reads it. */
export type CallButtonRow = Prisma.CallButtonGetPayload<{ include: { queue: true } }>;

/** What the admin list adds to a row: figures read at the moment of the request. */
export interface CallButtonFigures {
  openNow: boolean;
  today: { calls: number; answered: number };
  activeCalls: number;
}

export function toCallButtonDto(row: CallButtonRow, figures: CallButtonFigures): CallButtonDto {
  return {
    id: row.id,
    name: row.name,
    queueId: row.queueId,
    queueName: row.queue?.name ?? null,
    queueDisplayName: row.queue?.displayName ?? null,
    enabled: row.enabled,
    allowedOrigins: row.allowedOrigins,
    timeZone: row.timeZone,
    // Written only through the API's schema, so the stored JSON has that shape.
    openingHours: (row.openingHours as OpeningInterval[] | null) ?? null,
    closedMessage: row.closedMessage,
    maxConcurrentCalls: row.maxConcurrentCalls,
    visitorRateLimit: row.visitorRateLimit,
    visitorRateWindowSeconds: row.visitorRateWindowSeconds,
    ...figures,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
