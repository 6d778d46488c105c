import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import { CallcenterSync } from './callcenter-sync.service';
import { FREESWITCH_COMMANDS, type FreeswitchCommandPort } from './freeswitch-command.port';

/**
 * Gives a FreeSWITCH node the whole mod_callcenter configuration again when the command port says it is ready (it
 * reconnected, or this replica took it over): changes made while it was away would otherwise be missing there.
 */
@Injectable()
export class CallcenterReapply implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CallcenterReapply.name);
  private stop: (() => void) | undefined;

  constructor(
    @Inject(FREESWITCH_COMMANDS) private readonly freeswitch: FreeswitchCommandPort,
    private readonly sync: CallcenterSync,
    private readonly prisma: PrismaService,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = this.freeswitch.onNodeReady?.((node) => void this.reapply(node));
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  /** Sends `node` every queue, agent and tier from the database. */
  async reapply(node: string): Promise<void> {
    try {
      const [queues, agents, tiers] = await this.prisma.$transaction([
        this.prisma.queue.findMany({ select: { name: true }, orderBy: { name: 'asc' } }),
        this.prisma.agent.findMany({
          include: { extension: { select: { number: true, domain: true, enabled: true } } },
          orderBy: { name: 'asc' },
        }),
        this.prisma.tier.findMany({
          include: { agent: { select: { name: true } }, queue: { select: { name: true } } },
        }),
      ]);
      const sent = await this.sync.reapply(node, {
        queues: queues.map((queue) => queue.name),
        agents: agents.map((agent) => ({
          name: agent.name,
          // A disabled extension rings nobody, as callcenter.conf serves it.
          extension: agent.extension?.enabled ? agent.extension : null,
          wrapUpTime: agent.wrapUpTime,
          maxNoAnswer: agent.maxNoAnswer,
          noAnswerDelayTime: agent.noAnswerDelayTime,
          rejectDelayTime: agent.rejectDelayTime,
          busyDelayTime: agent.busyDelayTime,
        })),
        tiers: tiers.map((tier) => ({
          queueName: tier.queue.name,
          agentName: tier.agent.name,
          level: tier.level,
          position: tier.position,
        })),
        statuses: async () =>
          new Map(
            (await this.prisma.agent.findMany({ select: { name: true, status: true } })).map((agent) => [
              agent.name,
              agent.status,
            ]),
          ),
      });
      this.logger.log({ node, commands: sent }, 'mod_callcenter configuration re-applied');
    } catch (error) {
      // The database is away: the node keeps what it has; its next reconnect tries again.
      this.logger.warn({ err: error, node }, 'could not re-apply the mod_callcenter configuration');
    }
  }
}
