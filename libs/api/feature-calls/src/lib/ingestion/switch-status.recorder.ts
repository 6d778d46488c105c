import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type AgentStatusCode, agentStatusCodeOf } from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { type EslEvent, EslService } from '@switchboard/api/data-access-esl';
import { headerOf } from '../assembler/switch-event';
import { NodeOwnership } from '../cluster/node-ownership.service';

/**
 * How long an observed change waits before it is compared with the stored status. A change this replica sent is
 * known at once ({@link EslService.statusEchoes}); one another replica sent (several replicas) is stored by then: the
 * agent desk stores before it sends, a supervisor's override right after FreeSWITCH's reply.
 */
export const SWITCH_STATUS_SETTLE_MS = 1_000;

/**
 * Records the status changes an agent did not make through Switchboard: mod_callcenter puts an agent On Break after
 * max-no-answer missed calls, an operator runs `callcenter_config agent set status` in fs_cli, the demo's simulated
 * switch moves its agents. Without them the status history, and the staffed, available and break times the reports
 * count from it, said the agent was still Available. They are stored with source FREESWITCH at the time the API
 * saw them, and become the agent's stored status when newer than it (so a node that reconnects gets the truth).
 *
 * Only the replica that ingests the node records (several replicas see every node's events). mod_callcenter also
 * announces every change Switchboard made itself; such an echo is one this replica sent (EslService's statusEchoes,
 * which holds even when the agent changed again meanwhile) or finds the status stored already, and is not stored
 * again.
 */
@Injectable()
export class SwitchStatusRecorder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SwitchStatusRecorder.name);
  private stop: (() => void) | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** One change at a time, in the order they came: two changes of one agent must not pass each other. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly esl: EslService,
    private readonly ownership: NodeOwnership,
    private readonly prisma: PrismaService,
  ) {}

  onModuleInit(): void {
    this.stop = this.esl.on('event', (event, nodeId) => this.observe(event, nodeId));
  }

  onModuleDestroy(): void {
    this.stop?.();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Cheap for the events it ignores (nearly all): the ESL reader calls it for every event. */
  private observe(event: EslEvent, nodeId: string): void {
    if (event.subclass !== 'callcenter::info' || headerOf(event, 'CC-Action') !== 'agent-status-change') return;
    if (!this.ownership.owns(nodeId)) return;
    const agent = headerOf(event, 'CC-Agent');
    const status = agentStatusCodeOf(headerOf(event, 'CC-Agent-Status'));
    if (!agent || !status) return;
    // In the order mod_callcenter announces: an echo is told apart here, before a later change can overtake it.
    if (this.esl.statusEchoes.take(agent, headerOf(event, 'CC-Agent-Status') ?? '')) return;
    const seen = new Date();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.chain = this.chain
        .then(async () => {
          await this.record(agent, status, seen);
        })
        .catch((error: unknown) => this.logger.warn({ err: error, agent, status }, 'could not record a status change'));
    }, SWITCH_STATUS_SETTLE_MS);
    this.timers.add(timer);
  }

  /** Stores the change unless the agent already has that status stored; returns whether it stored it. */
  async record(agentName: string, status: AgentStatusCode, at: Date): Promise<boolean> {
    const agent = await this.prisma.agent.findUnique({
      where: { name: agentName },
      select: { id: true, status: true, statusChangedAt: true },
    });
    // Already the stored status: nothing changed (a node that connects is sent every stored status, and echoes it).
    if (!agent || agent.status === status) return false;
    // Stored after the switch said so: a change made through Switchboard meanwhile, sent to the switch after this
    // announcement (the desk stores, then sends). The announcement is older news, not a change of the switch's own: a
    // node re-importing callcenter.conf on `queue load` announces every agent's status as it was when it read it.
    if (agent.statusChangedAt.getTime() >= at.getTime()) return false;
    await this.prisma.$transaction([
      this.prisma.agentStatusChange.create({
        data: { agentId: agent.id, status, reasonCode: null, source: 'FREESWITCH', changedById: null, at },
      }),
      this.prisma.agent.updateMany({
        where: { id: agent.id, statusChangedAt: { lt: at } },
        data: { status, statusChangedAt: at },
      }),
    ]);
    this.logger.log({ agent: agentName, status }, 'recorded a status change made on the switch');
    return true;
  }
}
