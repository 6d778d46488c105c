import { Injectable } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import { ConflictError, NotFoundError, type Principal } from '@switchboard/api/util-http';

/** The signed-in user's agent row with what the desk needs of its extension. */
export interface DeskAgent {
  id: string;
  name: string;
  userId: string;
  wrapUpTime: number;
  status: 'LOGGED_OUT' | 'AVAILABLE' | 'AVAILABLE_ON_DEMAND' | 'ON_BREAK';
  state: 'IDLE' | 'WAITING' | 'RECEIVING' | 'IN_A_QUEUE_CALL' | 'RESERVED';
  statusChangedAt: Date;
  extension: DeskExtension | null;
}

export interface DeskExtension {
  id: string;
  number: string;
  domain: string;
  displayName: string;
  enabled: boolean;
  outboundClass: 'INTERNAL' | 'LOCAL' | 'NATIONAL' | 'INTERNATIONAL';
}

const DESK_AGENT_SELECT = {
  id: true,
  name: true,
  userId: true,
  wrapUpTime: true,
  status: true,
  state: true,
  statusChangedAt: true,
  extension: {
    select: { id: true, number: true, domain: true, displayName: true, enabled: true, outboundClass: true },
  },
} as const;

/** Finds the agent behind `/api/me/...`: the signed-in user's `Agent` row, with clear 404/409 answers. */
@Injectable()
export class DeskAgentService {
  constructor(private readonly prisma: PrismaService) {}

  /** The caller's agent; 404 when the user is not set up as an agent. */
  async agentOf(principal: Principal): Promise<DeskAgent> {
    const agent = await this.prisma.agent.findUnique({
      where: { userId: principal.userId },
      select: DESK_AGENT_SELECT,
    });
    if (!agent) {
      throw new NotFoundError('You are not set up as an agent: ask an administrator to create an agent for your user.');
    }
    return agent;
  }

  /** The agent of a user, or null when the user is not an agent. */
  byUser(userId: string): Promise<DeskAgent | null> {
    return this.prisma.agent.findUnique({ where: { userId }, select: DESK_AGENT_SELECT });
  }

  /** An agent by id, or null when it was deleted. */
  byId(agentId: string): Promise<DeskAgent | null> {
    return this.prisma.agent.findUnique({ where: { id: agentId }, select: DESK_AGENT_SELECT });
  }

  /** The caller's agent and its extension; 409 when the agent has no (enabled) extension to take calls on. */
  async agentWithExtension(principal: Principal): Promise<DeskAgent & { extension: DeskExtension }> {
    const agent = await this.agentOf(principal);
    const { extension } = agent;
    if (!extension) {
      throw new ConflictError(
        'Your agent has no extension: ask an administrator to assign one before using the phone.',
      );
    }
    if (!extension.enabled) {
      throw new ConflictError(`Your extension ${extension.number} is disabled: ask an administrator to enable it.`);
    }
    return { ...agent, extension };
  }
}
