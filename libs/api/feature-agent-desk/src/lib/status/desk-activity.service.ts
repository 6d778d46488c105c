import { Injectable } from '@nestjs/common';
import type { DeskActivity, WrapUpDto } from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';

/**
 * A call without an end older than this is taken as a record FreeSWITCH never closed (a crash, a lost hangup
 * event), not as a call in progress: it must not keep the agent "on a call" for ever.
 */
const STALE_CALL_MS = 12 * 3600 * 1000;

/** What the agent is busy with, read from the call records. */
export interface DeskActivityState {
  activity: DeskActivity;
  wrapUp: WrapUpDto | null;
}

/**
 * Derives the agent's activity from the calls attributed to them: on a call while one has no end, in wrap-up from a
 * call's end until its disposition is submitted or the agent's `wrapUpTime` (mod_callcenter's wrap_up_time) runs out.
 */
@Injectable()
export class DeskActivityService {
  constructor(private readonly prisma: PrismaService) {}

  async activityOf(agent: { id: string; wrapUpTime: number }, now = new Date()): Promise<DeskActivityState> {
    const onCall = await this.prisma.call.findFirst({
      where: { agentId: agent.id, endedAt: null, startedAt: { gt: new Date(now.getTime() - STALE_CALL_MS) } },
      select: { uuid: true },
    });
    if (onCall) return { activity: 'ON_CALL', wrapUp: null };
    if (agent.wrapUpTime <= 0) return { activity: 'IDLE', wrapUp: null };
    const last = await this.prisma.call.findFirst({
      where: {
        agentId: agent.id,
        wrappedUpAt: null,
        endedAt: { gt: new Date(now.getTime() - agent.wrapUpTime * 1000) },
      },
      orderBy: { endedAt: 'desc' },
      select: { uuid: true, endedAt: true },
    });
    if (!last?.endedAt) return { activity: 'IDLE', wrapUp: null };
    const deadline = new Date(last.endedAt.getTime() + agent.wrapUpTime * 1000);
    return {
      activity: 'WRAP_UP',
      wrapUp: { callUuid: last.uuid, endedAt: last.endedAt.toISOString(), deadline: deadline.toISOString() },
    };
  }
}
