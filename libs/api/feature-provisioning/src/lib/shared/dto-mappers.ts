import type { AgentDto, ExtensionDto, QueueDto, QueueStrategy, TierDto } from '@switchboard/shared/contracts';
import type { Prisma } from '@switchboard/api/data-access-db';

type PrismaStrategy = Prisma.QueueModel['strategy'];

/** `ring-all` → `RING_ALL`: the contract's spelling is mod_callcenter's, the database enum maps to it. */
export function toPrismaStrategy(strategy: QueueStrategy): PrismaStrategy {
  return strategy.toUpperCase().replace(/-/g, '_') as PrismaStrategy;
}

export function fromPrismaStrategy(strategy: PrismaStrategy): QueueStrategy {
  return strategy.toLowerCase().replace(/_/g, '-') as QueueStrategy;
}

/** An extension as the API shows it: whether it has a static password, never the a1-hash. */
export function toExtensionDto(extension: Prisma.ExtensionModel): ExtensionDto {
  return {
    id: extension.id,
    number: extension.number,
    domain: extension.domain,
    displayName: extension.displayName,
    enabled: extension.enabled,
    outboundClass: extension.outboundClass,
    callerIdNumber: extension.callerIdNumber,
    callerIdName: extension.callerIdName,
    callGroup: extension.callGroup,
    hasPassword: extension.a1Hash !== null,
    createdAt: extension.createdAt.toISOString(),
    updatedAt: extension.updatedAt.toISOString(),
  };
}

/** An agent row with the number of its extension and its person's name. */
export type AgentWithExtension = Prisma.AgentModel & {
  extension: Pick<Prisma.ExtensionModel, 'number' | 'domain'> | null;
  user: Pick<Prisma.UserModel, 'displayName'>;
};

export function toAgentDto(agent: AgentWithExtension): AgentDto {
  return {
    id: agent.id,
    userId: agent.userId,
    displayName: agent.user.displayName,
    name: agent.name,
    extensionId: agent.extensionId,
    extensionNumber: agent.extension?.number ?? null,
    wrapUpTime: agent.wrapUpTime,
    maxNoAnswer: agent.maxNoAnswer,
    noAnswerDelayTime: agent.noAnswerDelayTime,
    rejectDelayTime: agent.rejectDelayTime,
    busyDelayTime: agent.busyDelayTime,
    status: agent.status,
    state: agent.state,
    createdAt: agent.createdAt.toISOString(),
    updatedAt: agent.updatedAt.toISOString(),
  };
}

export function toQueueDto(queue: Prisma.QueueModel): QueueDto {
  const { recordTemplate: _recordTemplate, createdAt, updatedAt, strategy, timeBaseScore, ...rest } = queue;
  return {
    ...rest,
    strategy: fromPrismaStrategy(strategy),
    timeBaseScore: timeBaseScore === 'queue' ? 'queue' : 'system',
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

/** A tier row with the names mod_callcenter knows its agent and queue by. */
export type TierWithNames = Prisma.TierModel & { agent: { name: string }; queue: { name: string } };

export function toTierDto(tier: TierWithNames): TierDto {
  return {
    id: tier.id,
    agentId: tier.agentId,
    agentName: tier.agent.name,
    queueId: tier.queueId,
    queueName: tier.queue.name,
    level: tier.level,
    position: tier.position,
    createdAt: tier.createdAt.toISOString(),
  };
}
