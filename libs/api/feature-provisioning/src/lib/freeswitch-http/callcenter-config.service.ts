import { Inject, Injectable, Logger } from '@nestjs/common';
import { PrismaService } from '@switchboard/api/data-access-db';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { agentContact, fsQueueName } from '../pbx/callcenter-commands';
import { fromPrismaStrategy } from '../shared/dto-mappers';
import { callcenterConfigDocument } from '../xml/callcenter-document';
import { NOT_FOUND_DOCUMENT } from '../xml/xml';
import type { XmlCurlFetch } from './xml-curl-fetch';

/** The one configuration file the API serves; FreeSWITCH reads every other one from its local files. */
const CALLCENTER_CONF = 'callcenter.conf';

/** Answers mod_xml_curl's `configuration` section: callcenter.conf built from the database. */
@Injectable()
export class CallcenterConfigService {
  private readonly logger = new Logger(CallcenterConfigService.name);

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async answer(fetch: XmlCurlFetch): Promise<string> {
    if (fetch.section !== 'configuration' || fetch.key_value !== CALLCENTER_CONF) return NOT_FOUND_DOCUMENT;
    const domain = this.config.sip.domain;
    const [queues, agents, tiers] = await this.prisma.$transaction([
      this.prisma.queue.findMany({ orderBy: { name: 'asc' } }),
      this.prisma.agent.findMany({
        include: { extension: { select: { number: true, domain: true, enabled: true } } },
        orderBy: { name: 'asc' },
      }),
      this.prisma.tier.findMany({
        include: { agent: { select: { name: true } }, queue: { select: { name: true } } },
        orderBy: [{ queue: { name: 'asc' } }, { level: 'asc' }, { position: 'asc' }],
      }),
    ]);
    return callcenterConfigDocument({
      queues: queues.map((queue) => ({
        ...queue,
        name: fsQueueName(queue.name, domain),
        strategy: fromPrismaStrategy(queue.strategy),
        timeBaseScore: queue.timeBaseScore === 'queue' ? 'queue' : 'system',
      })),
      agents: agents.map((agent) => ({ ...agent, contact: this.contact(agent.name, agent.extension) })),
      tiers: tiers.map((tier) => ({
        agent: tier.agent.name,
        queue: fsQueueName(tier.queue.name, domain),
        level: tier.level,
        position: tier.position,
      })),
    });
  }

  private contact(agentName: string, extension: { number: string; domain: string; enabled: boolean } | null): string {
    try {
      return agentContact(extension?.enabled ? extension : null);
    } catch (error) {
      // Only a number stored before validation existed lands here; the agent then fails fast instead of ringing.
      this.logger.warn({ err: error, agent: agentName }, 'agent contact not usable; serving error/user_not_registered');
      return agentContact(null);
    }
  }
}
