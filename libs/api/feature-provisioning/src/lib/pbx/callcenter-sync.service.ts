import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AgentStatusCode, PbxSyncReport } from '@switchboard/shared/contracts';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import {
  AGENT_TIMER_KEYS,
  type AgentTimerField,
  type AgentTimers,
  agentContact,
  callcenterCommands as cc,
  fsQueueName,
} from './callcenter-commands';
import { FREESWITCH_COMMANDS, type FreeswitchCommandPort } from './freeswitch-command.port';

/** An agent as mod_callcenter needs it. */
export interface AgentSnapshot extends AgentTimers {
  name: string;
  extension: { number: string; domain: string } | null;
}

/** A tier as mod_callcenter needs it; `queueName` is the queue's name without `@domain`. */
export interface TierSnapshot {
  queueName: string;
  agentName: string;
  level: number;
  position: number;
}

/** Everything mod_callcenter should hold, from the database (queue names without `@domain`). */
export interface CallcenterConfiguration {
  queues: readonly string[];
  agents: readonly AgentSnapshot[];
  tiers: readonly TierSnapshot[];
  /**
   * The agents' stored statuses, read when they are sent (a change made while the node was away reaches it now). Read
   * then, not with the rest: an agent may change status while the configuration is being sent (seconds on a loaded
   * node, which re-imports every agent from callcenter.conf on each `queue load`), and a status read at the start
   * would put the agent back as it was.
   */
  statuses(): Promise<ReadonlyMap<string, AgentStatusCode>>;
}

/** How long one command may take before the change is reported as failed. */
const REPLY_TIMEOUT_MS = 5_000;
/** mod_callcenter's answer when an agent or tier is already there (loaded from callcenter.conf): the goal is met. */
const ALREADY_THERE = /^-ERR (Agent|Tier) already exist/i;

const PENDING =
  'FreeSWITCH is not connected: the change is saved, and FreeSWITCH gets it when it connects (mod_callcenter also ' +
  'loads it from /freeswitch/configuration when it starts).';

/**
 * Mirrors provisioning changes into a running mod_callcenter with `callcenter_config` commands, after the database
 * change has committed. It never throws: the caller gets a {@link PbxSyncReport} to show the admin.
 */
@Injectable()
export class CallcenterSync {
  private readonly logger = new Logger(CallcenterSync.name);

  constructor(
    @Inject(FREESWITCH_COMMANDS) private readonly freeswitch: FreeswitchCommandPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  agentCreated(agent: AgentSnapshot): Promise<PbxSyncReport> {
    return this.run(() => [
      cc.agentAdd(agent.name),
      cc.agentSetContact(agent.name, agentContact(agent.extension)),
      ...(Object.keys(AGENT_TIMER_KEYS) as AgentTimerField[]).map((field) =>
        cc.agentSetTimer(field, agent.name, agent[field]),
      ),
    ]);
  }

  agentUpdated(before: AgentSnapshot, after: AgentSnapshot): Promise<PbxSyncReport> {
    return this.run(() => [
      ...(agentContact(before.extension) !== agentContact(after.extension)
        ? [cc.agentSetContact(after.name, agentContact(after.extension))]
        : []),
      ...(Object.keys(AGENT_TIMER_KEYS) as AgentTimerField[])
        .filter((field) => before[field] !== after[field])
        .map((field) => cc.agentSetTimer(field, after.name, after[field])),
    ]);
  }

  /** `tiers` are the agent's tiers the database removed with it. */
  agentDeleted(agentName: string, tiers: readonly TierSnapshot[]): Promise<PbxSyncReport> {
    return this.run(() => [
      ...tiers.map((tier) => cc.tierDel(this.queue(tier.queueName), agentName)),
      cc.agentDel(agentName),
    ]);
  }

  /** The agent's extension changed number or went away: point mod_callcenter at the new contact. */
  agentContactChanged(agentName: string, extension: AgentSnapshot['extension']): Promise<PbxSyncReport> {
    return this.run(() => [cc.agentSetContact(agentName, agentContact(extension))]);
  }

  /**
   * An agent's status as the agent, a supervisor or the desk set it. Every connected node gets it; a node that is
   * not connected gets it with the rest of its configuration when it connects (and callcenter.conf serves it too).
   */
  agentStatusChanged(agentName: string, status: AgentStatusCode): Promise<PbxSyncReport> {
    return this.run(() => [cc.agentSetStatus(agentName, status)]);
  }

  tierCreated(tier: TierSnapshot): Promise<PbxSyncReport> {
    const queue = this.queue(tier.queueName);
    // An "already exists" answer to `tier add` leaves the old level/position, so set both either way.
    return this.run(() => [
      cc.tierAdd(queue, tier.agentName, tier.level, tier.position),
      cc.tierSet('level', queue, tier.agentName, tier.level),
      cc.tierSet('position', queue, tier.agentName, tier.position),
    ]);
  }

  tierUpdated(before: TierSnapshot, after: TierSnapshot): Promise<PbxSyncReport> {
    const queue = this.queue(after.queueName);
    return this.run(() => [
      ...(before.level !== after.level ? [cc.tierSet('level', queue, after.agentName, after.level)] : []),
      ...(before.position !== after.position ? [cc.tierSet('position', queue, after.agentName, after.position)] : []),
    ]);
  }

  tierDeleted(tier: TierSnapshot): Promise<PbxSyncReport> {
    return this.run(() => [cc.tierDel(this.queue(tier.queueName), tier.agentName)]);
  }

  /** mod_callcenter reads the queue's settings from callcenter.conf, which the API serves (ConfigurationController). */
  queueCreated(queueName: string): Promise<PbxSyncReport> {
    return this.run(() => [cc.queueLoad(this.queue(queueName))]);
  }

  queueUpdated(queueName: string): Promise<PbxSyncReport> {
    return this.run(() => [cc.queueReload(this.queue(queueName))]);
  }

  /** `tiers` are the queue's tiers the database removed with it (mod_callcenter keeps tiers in its own table). */
  queueDeleted(queueName: string, tiers: readonly TierSnapshot[]): Promise<PbxSyncReport> {
    return this.run(() => [
      ...tiers.map((tier) => cc.tierDel(this.queue(queueName), tier.agentName)),
      cc.queueUnload(this.queue(queueName)),
    ]);
  }

  private queue(queueName: string): string {
    return fsQueueName(queueName, this.config.sip.domain);
  }

  private async run(plan: () => string[]): Promise<PbxSyncReport> {
    let commands: string[];
    try {
      commands = plan();
    } catch (error) {
      // Only an UnsafeCommandArgumentError is expected here: a stored value no longer fits a command.
      this.logger.error({ err: error }, 'refused to build a callcenter_config command');
      return { status: 'failed', message: `Not sent to FreeSWITCH: ${(error as Error).message}` };
    }
    if (commands.length === 0) return { status: 'applied', message: 'Nothing to change in FreeSWITCH.' };
    const nodes = this.freeswitch.nodeIds ?? [undefined];
    const connected = nodes.filter((node) => this.freeswitch.isConnected(node));
    if (connected.length === 0) return { status: 'pending', message: PENDING };
    // Every node runs its own mod_callcenter: each gets every change (one at a time, in order, like a single node).
    const failures = await Promise.all(connected.map((node) => this.sendAll(commands, node)));
    const failed = failures.find((failure) => failure !== undefined);
    if (failed) return { status: 'failed', message: failed };
    const applied = `FreeSWITCH applied ${commands.length} command${commands.length === 1 ? '' : 's'}`;
    if (connected.length === nodes.length)
      return { status: 'applied', message: nodes.length > 1 ? `${applied} on ${nodes.length} nodes.` : `${applied}.` };
    return {
      status: 'applied',
      message:
        `${applied} on ${connected.length} of ${nodes.length} nodes; the others get the whole configuration ` +
        'again when they reconnect.',
    };
  }

  /**
   * Sends a node everything it should hold (queues, agents, tiers): after it reconnected or restarted, when it may
   * have missed changes. What is already there is accepted as is. Resolves with the number of commands sent.
   */
  async reapply(node: string, configuration: CallcenterConfiguration): Promise<number> {
    let commands: string[];
    try {
      commands = [
        ...configuration.queues.map((queue) => cc.queueLoad(this.queue(queue))),
        ...configuration.agents.flatMap((agent) => [
          cc.agentAdd(agent.name),
          cc.agentSetContact(agent.name, agentContact(agent.extension)),
          ...(Object.keys(AGENT_TIMER_KEYS) as AgentTimerField[]).map((field) =>
            cc.agentSetTimer(field, agent.name, agent[field]),
          ),
        ]),
        ...configuration.tiers.flatMap((tier) => {
          const queue = this.queue(tier.queueName);
          return [
            cc.tierAdd(queue, tier.agentName, tier.level, tier.position),
            cc.tierSet('level', queue, tier.agentName, tier.level),
            cc.tierSet('position', queue, tier.agentName, tier.position),
          ];
        }),
      ];
    } catch (error) {
      // A stored value that no longer fits a command (see run): mod_callcenter keeps what callcenter.conf gave it.
      this.logger.error({ err: error, node }, 'refused to build the configuration for a reconnected node');
      return 0;
    }
    const refused = await this.sendAll(commands, node, false);
    const failure = (await this.sendStatuses(node, configuration)) ?? refused;
    if (failure) this.logger.warn({ node, failure }, 'a reconnected node refused part of its configuration');
    return commands.length + configuration.agents.length;
  }

  /**
   * The agents' statuses as stored now; then once more any that changed meanwhile. An agent's own change is stored
   * before it is sent, so when it lands between this read and this send, the second read sees it and puts it back
   * on top of the stale one sent here.
   */
  private async sendStatuses(node: string, configuration: CallcenterConfiguration): Promise<string | undefined> {
    const names = configuration.agents.map((agent) => agent.name);
    const sent = await configuration.statuses();
    const commands = (statuses: ReadonlyMap<string, AgentStatusCode>, only?: ReadonlyMap<string, AgentStatusCode>) =>
      names.flatMap((name) => {
        const status = statuses.get(name);
        return status === undefined || (only && only.get(name) === status) ? [] : [cc.agentSetStatus(name, status)];
      });
    const failure = await this.sendAll(commands(sent), node, false);
    const again = await configuration.statuses();
    return (await this.sendAll(commands(again, sent), node, false)) ?? failure;
  }

  /** Sends commands in order; returns why one failed (stopping there unless `stopAtFailure` is false). */
  private async sendAll(commands: string[], node: string | undefined, stopAtFailure = true) {
    let firstFailure: string | undefined;
    for (const command of commands) {
      const failure = await this.send(command, node);
      if (!failure) continue;
      this.logger.warn(
        { command, node, reply: failure.reply, error: failure.error },
        'FreeSWITCH refused a provisioning command',
      );
      const where = node !== undefined && (this.freeswitch.nodeIds?.length ?? 1) > 1 ? ` (node ${node})` : '';
      firstFailure ??=
        failure.reply !== undefined
          ? `FreeSWITCH${where} answered "${failure.reply}" to: ${command}`
          : `FreeSWITCH${where} did not answer ${command}: ${failure.error}`;
      if (stopAtFailure) break;
    }
    return firstFailure;
  }

  /** Sends one command; returns FreeSWITCH's refusal or the transport problem, or undefined when it was accepted. */
  private async send(command: string, node?: string): Promise<{ reply?: string; error?: string } | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no reply within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
    });
    try {
      const reply = (await Promise.race([this.freeswitch.api(command, node), timeout])).trim();
      return reply.startsWith('+OK') || ALREADY_THERE.test(reply) ? undefined : { reply: reply || '(empty reply)' };
    } catch (error) {
      // The port rejects when the link drops, times out, or refuses to write the command.
      return { error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
