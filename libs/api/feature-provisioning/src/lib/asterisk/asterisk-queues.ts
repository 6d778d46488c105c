import { Logger } from '@nestjs/common';
import type { PbxSyncReport } from '@switchboard/shared/contracts';
import type { AmiClient } from '@switchboard/api/data-access-asterisk';
import type { PrismaService } from '@switchboard/api/data-access-db';
import type { PbxCallcenterPort } from '../pbx/pbx-callcenter.port';
import { fromPrismaStrategy } from '../shared/dto-mappers';
import { type AsteriskQueueSnapshot, QUEUES_FILE, asteriskQueueActions, categoriesOf } from './asterisk-queue-config';

/** Agent statuses that are offered queue calls (`Logged Out` and `On Break` are not). */
const TAKING_CALLS: ReadonlySet<string> = new Set(['AVAILABLE', 'AVAILABLE_ON_DEMAND']);

/**
 * The queue port on Asterisk: app_queue has no API to create a queue at run time, so after every change the API
 * rewrites its own include files through AMI (UpdateConfig: queues with their members, and the dialplan of queue
 * numbers) and reloads app_queue and the dialplan. An agent's status decides whether their tiers are members (the
 * agent desk calls {@link sync} after a status change). Every change writes everything from the database, so a missed one
 * is mended by the next, and a restarted Asterisk gets it all again (see `AsteriskDirectory`). No secret is written:
 * members are dialplan routes to the agents' extensions, whose credentials live in memory only (ARI).
 */
export class AsteriskQueues implements PbxCallcenterPort {
  private readonly logger = new Logger(AsteriskQueues.name);
  /** One rewrite at a time: two interleaved ones could drop each other's categories. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaService,
    private readonly ami: AmiClient,
  ) {}

  agentCreated = (): Promise<PbxSyncReport> => this.sync();
  agentUpdated = (): Promise<PbxSyncReport> => this.sync();
  agentDeleted = (): Promise<PbxSyncReport> => this.sync();
  agentContactChanged = (): Promise<PbxSyncReport> => this.sync();
  tierCreated = (): Promise<PbxSyncReport> => this.sync();
  tierUpdated = (): Promise<PbxSyncReport> => this.sync();
  tierDeleted = (): Promise<PbxSyncReport> => this.sync();
  queueCreated = (): Promise<PbxSyncReport> => this.sync();
  queueUpdated = (): Promise<PbxSyncReport> => this.sync();
  queueDeleted = (): Promise<PbxSyncReport> => this.sync();

  /** Writes every queue, member and queue number from the database into Asterisk. Never throws. */
  sync(): Promise<PbxSyncReport> {
    const next = this.running.then(() => this.write());
    this.running = next;
    return next;
  }

  private async write(): Promise<PbxSyncReport> {
    try {
      const queues = await this.snapshot();
      const [current] = await this.ami.run([{ action: 'GetConfig', fields: [['Filename', QUEUES_FILE]] }]);
      await this.ami.run(asteriskQueueActions(categoriesOf(current ?? {}), queues));
      const members = queues.reduce((sum, queue) => sum + queue.members.length, 0);
      return {
        status: 'applied',
        message: `Asterisk's app_queue has ${queues.length} queue${queues.length === 1 ? '' : 's'} with ${members} member${members === 1 ? '' : 's'}.`,
      };
    } catch (error) {
      // AMI down or refusing (AmiRequestError), or a stored value that does not fit a config line.
      this.logger.warn({ err: error }, 'could not write the queues to Asterisk over AMI');
      return {
        status: 'failed',
        message: `Asterisk did not take the queues (${(error as Error).message}); the next change or restart writes them all again.`,
      };
    }
  }

  private async snapshot(): Promise<AsteriskQueueSnapshot[]> {
    const queues = await this.prisma.queue.findMany({
      orderBy: { name: 'asc' },
      select: {
        name: true,
        number: true,
        displayName: true,
        strategy: true,
        maxWaitTime: true,
        mohSound: true,
        tiers: {
          orderBy: [{ level: 'asc' }, { position: 'asc' }],
          select: {
            level: true,
            agent: { select: { name: true, status: true, extension: { select: { number: true, enabled: true } } } },
          },
        },
      },
    });
    return queues.map((queue) => ({
      name: queue.name,
      number: queue.number,
      displayName: queue.displayName,
      strategy: fromPrismaStrategy(queue.strategy),
      maxWaitTime: queue.maxWaitTime,
      mohSound: queue.mohSound,
      // Only agents who take calls, as mod_callcenter offers calls only to Available agents; and an agent without an
      // enabled extension has nothing to ring.
      members: queue.tiers.flatMap(({ level, agent }) =>
        TAKING_CALLS.has(agent.status) && agent.extension?.enabled
          ? [{ agentName: agent.name, extension: agent.extension.number, level }]
          : [],
      ),
    }));
  }
}
