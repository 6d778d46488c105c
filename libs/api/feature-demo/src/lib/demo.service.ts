import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { PrismaService } from '@switchboard/api/data-access-db';
import { EslService } from '@switchboard/api/data-access-esl';
import { IngestionService, SwitchStatusRecorder } from '@switchboard/api/feature-calls';
import { AgentsService, ExtensionsService, QueuesService, TiersService } from '@switchboard/api/feature-provisioning';
import { AgentDirectoryService } from '@switchboard/api/feature-realtime';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import type { Principal } from '@switchboard/api/util-http';
import {
  agentStatusCodeOf,
  createAgentRequestSchema,
  createExtensionRequestSchema,
  createQueueRequestSchema,
  createTierRequestSchema,
} from '@switchboard/shared/contracts';
import { demoHistoryCoreUuid, demoHistoryEvents } from './demo-history';
import { demoShiftChanges } from './demo-shifts';
import {
  DEMO_AGENT_PASSWORD_HASH,
  DEMO_SEEDED_AGENTS,
  DEMO_SEEDED_QUEUES,
  type DemoAgent,
  demoAgentEmail,
  demoSimAgents,
  demoSwitchQueues,
} from './demo-plan';
import { DEMO_NODE_ID } from './demo-simulator';

/** What a seeding did. */
export interface DemoSeedReport {
  /** False when the demo was already there (a restart): nothing was provisioned again. */
  readonly seeded: boolean;
  readonly queues: number;
  readonly agents: number;
  readonly tiers: number;
  /** Tiers and agents whose mod_callcenter sync did not report `applied`. */
  readonly notApplied: number;
}

/** What the history fill wrote. */
export interface DemoHistoryReport {
  readonly events: number;
  readonly calls: number;
  /** Rows of the agents' status history (their working days). */
  readonly statusChanges: number;
  readonly ms: number;
}

const DAY_US = 86_400_000_000n;
/** Events of history written at a time (the ingestion's own batch size). */
const HISTORY_BATCH = 5_000;
/** How long seeding waits for the simulated switch, so mod_callcenter gets the provisioning commands. */
const SWITCH_WAIT_MS = 3_000;

/**
 * Seeds the demo contact center through the services the REST API uses (so mod_callcenter hears of every queue,
 * agent and tier as it would from an admin), marks each row `demo`, and writes a week of call history through the
 * ESL ingestion path, exactly as if a FreeSWITCH had reported it.
 */
@Injectable()
export class DemoService {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Provisions the demo queues, agents (users with extensions) and tiers that are not there yet (a demo seeded by an
   * older version gains what it lacks, such as the live queue), and records `switchCoreUuid` (the live simulator's
   * Core-UUID) as a demo switch, so its calls count as demo data.
   */
  async seed(switchCoreUuid: string): Promise<DemoSeedReport> {
    await this.markDemoSwitch(switchCoreUuid);
    const [queuesThere, extensionsThere] = await Promise.all([
      this.prisma.queue.findMany({
        where: { name: { in: DEMO_SEEDED_QUEUES.map((queue) => queue.name) } },
        select: { id: true, name: true },
      }),
      this.prisma.extension.findMany({
        where: { number: { in: DEMO_SEEDED_AGENTS.map((agent) => agent.extension) } },
        select: { number: true },
      }),
    ]);
    const newQueues = DEMO_SEEDED_QUEUES.filter((queue) => !queuesThere.some((there) => there.name === queue.name));
    const newAgents = DEMO_SEEDED_AGENTS.filter(
      (agent) => !extensionsThere.some((there) => there.number === agent.extension),
    );
    if (newQueues.length === 0 && newAgents.length === 0) {
      this.logger.log({ queues: queuesThere.length }, 'demo already seeded; keeping it');
      return { seeded: false, queues: 0, agents: 0, tiers: 0, notApplied: 0 };
    }
    const actor = await this.actor();
    await this.switchConnected();
    const queues = this.get(QueuesService);
    const createdQueues = await Promise.all(
      newQueues.map((queue) => queues.create(createQueueRequestSchema.parse(queue), actor)),
    );
    await this.prisma.queue.updateMany({ where: { id: { in: createdQueues.map((q) => q.id) } }, data: { demo: true } });
    const queueIds = new Map([...queuesThere, ...createdQueues].map((queue) => [queue.name, queue.id]));

    const extensions = this.get(ExtensionsService);
    const createdExtensions = await Promise.all(
      newAgents.map((agent) =>
        extensions.create(
          createExtensionRequestSchema.parse({ number: agent.extension, displayName: agent.displayName }),
          actor,
        ),
      ),
    );
    await this.prisma.extension.updateMany({
      where: { id: { in: createdExtensions.map((e) => e.id) } },
      data: { demo: true },
    });
    const users = await this.createUsers(newAgents, DEMO_AGENT_PASSWORD_HASH);

    const agents = this.get(AgentsService);
    const createdAgents = await Promise.all(
      newAgents.map((agent, i) =>
        agents.create(
          createAgentRequestSchema.parse({
            userId: users.get(demoAgentEmail(agent)),
            extensionId: createdExtensions[i]?.id,
            wrapUpTime: 20,
          }),
          actor,
        ),
      ),
    );
    await this.prisma.agent.updateMany({ where: { id: { in: createdAgents.map((a) => a.id) } }, data: { demo: true } });

    const tiers = this.get(TiersService);
    const createdTiers = await Promise.all(
      newAgents.flatMap((agent, i) =>
        Object.entries(agent.tiers).map(([queue, level]) =>
          tiers.create(
            createTierRequestSchema.parse({ agentId: createdAgents[i]?.id, queueId: queueIds.get(queue), level }),
            actor,
          ),
        ),
      ),
    );
    // The tiles count a queue's agents from the directory: read it again now rather than in 30 s.
    await this.get(AgentDirectoryService).refresh(true);
    const notApplied = [...createdQueues, ...createdAgents, ...createdTiers].filter(
      (created) => created.pbxSync.status !== 'applied',
    ).length;
    const report = {
      seeded: true,
      queues: createdQueues.length,
      agents: createdAgents.length,
      tiers: createdTiers.length,
      notApplied,
    };
    this.logger.log(report, 'demo contact center provisioned');
    return report;
  }

  /**
   * Writes `days` days of call history up to `untilUs` through the ingestion path (the event log and call records,
   * in the ingestion's own batches), unless the demo already has history. Resolves when it is all stored.
   */
  async fillHistory(untilUs: bigint, days = 7, seed = 7): Promise<DemoHistoryReport> {
    const started = Date.now();
    const coreUuid = demoHistoryCoreUuid(seed);
    if ((await this.prisma.demoNode.count({ where: { coreUuid } })) > 0)
      return { events: 0, calls: 0, statusChanges: 0, ms: 0 };
    await this.markDemoSwitch(coreUuid);
    const ingestion = this.get(IngestionService);
    const domain = this.config.sip.domain;
    let events = 0;
    const chunks = demoHistoryEvents({
      agents: demoSimAgents(domain),
      queues: demoSwitchQueues(domain),
      fromUs: untilUs - BigInt(days) * DAY_US,
      toUs: untilUs,
      seed,
    });
    for (const chunk of chunks) {
      for (const event of chunk) ingestion.ingest(event);
      events += chunk.length;
      // The ingestion buffer is bounded and would drop the oldest rows of a whole week: write as it fills.
      if (ingestion.pending >= HISTORY_BATCH) await ingestion.drain();
      // Small chunks, so live events and requests get through while the history is built.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await ingestion.drain();
    const statusChanges = await this.writeShifts(untilUs, days, seed);
    const calls = await this.prisma.call.count({ where: { node: coreUuid } });
    const report = { events, calls, statusChanges, ms: Date.now() - started };
    this.logger.log(report, 'demo call history written');
    return report;
  }

  /**
   * The simulated agents' working days over the same week, as their own status changes: the per-agent report's
   * staffed, available and break time and occupancy have something true to show. Removed with the agents.
   */
  private async writeShifts(untilUs: bigint, days: number, seed: number): Promise<number> {
    const untilMs = Number(untilUs / 1000n);
    const names = demoSimAgents(this.config.sip.domain).map((agent) => agent.name);
    const agents = await this.prisma.agent.findMany({
      where: { name: { in: names } },
      select: { id: true, name: true, userId: true },
    });
    const byName = new Map(agents.map((agent) => [agent.name, agent]));
    const rows = demoShiftChanges(names, untilMs - days * 86_400_000, untilMs, seed).flatMap((change) => {
      const agent = byName.get(change.agent);
      if (!agent) return [];
      const { status, reasonCode, at } = change;
      return [{ agentId: agent.id, status, reasonCode, at, source: 'AGENT' as const, changedById: agent.userId }];
    });
    return (await this.prisma.agentStatusChange.createMany({ data: rows })).count;
  }

  /**
   * Stores the simulated agents' statuses as the simulated switch has them now (mod_callcenter's spelling by agent
   * name), where they differ from the stored ones. Its agents come online before the API first connects, and keep
   * working however the database left them, so without this the admin screens, the agents' own consoles and the
   * per-agent report said "logged out" for agents the floor showed taking calls. Recorded as changes made on the
   * switch, as the ones that follow are. Returns how many were stored.
   */
  async adoptSimulatedStatuses(statuses: ReadonlyMap<string, string>): Promise<number> {
    const recorder = this.get(SwitchStatusRecorder);
    const now = new Date();
    let stored = 0;
    for (const agent of demoSimAgents(this.config.sip.domain)) {
      const status = agentStatusCodeOf(statuses.get(agent.name));
      if (status !== undefined && (await recorder.record(agent.name, status, now))) stored++;
    }
    return stored;
  }

  /** Waits (a little) for the demo switch, so provisioning reaches mod_callcenter instead of being left pending. */
  private async switchConnected(): Promise<void> {
    const esl = this.get(EslService);
    const deadline = Date.now() + SWITCH_WAIT_MS;
    while (!esl.isConnected(DEMO_NODE_ID) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  private async markDemoSwitch(coreUuid: string): Promise<void> {
    await this.prisma.demoNode.upsert({ where: { coreUuid }, create: { coreUuid }, update: {} });
  }

  /**
   * Demo users share one password hash, made in advance: argon2 takes most of a second per hash on a small machine, and
   * the demo should be alive before that. Written directly (UsersService hashes each one).
   */
  private async createUsers(agents: readonly DemoAgent[], passwordHash: string): Promise<Map<string, string>> {
    const emails = agents.map(demoAgentEmail);
    await this.prisma.user.createMany({
      data: agents.map((agent) => ({
        email: demoAgentEmail(agent),
        displayName: agent.displayName,
        role: 'AGENT' as const,
        passwordHash,
        demo: true,
      })),
      skipDuplicates: true,
    });
    const rows = await this.prisma.user.findMany({
      where: { email: { in: emails } },
      select: { id: true, email: true },
    });
    return new Map(rows.map((row) => [row.email, row.id]));
  }

  /** Audit entries name the first admin as the one who provisioned the demo. */
  private async actor(): Promise<Principal> {
    const admin = await this.prisma.user.findFirst({ where: { role: 'ADMIN' }, orderBy: { createdAt: 'asc' } });
    if (!admin) throw new Error('no admin user to provision the demo as');
    return { userId: admin.id, sessionId: 'demo', role: 'ADMIN', permissions: [] };
  }

  private get<T>(type: new (...args: never[]) => T): T {
    return this.moduleRef.get(type, { strict: false });
  }
}
