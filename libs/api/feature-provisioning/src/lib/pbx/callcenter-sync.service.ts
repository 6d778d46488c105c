import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PbxSyncReport } from '@switchboard/shared/contracts';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { AGENT_TIMER_KEYS, type AgentTimerField, type AgentTimers, agentContact, callcenterCommands as cc, fsQueueName } from './callcenter-commands';
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

/** How long one command may take before the change is reported as failed. */
const REPLY_TIMEOUT_MS = 5_000;
/** mod_callcenter's answer when an agent or tier is already there (loaded from callcenter.conf): the goal is met. */
const ALREADY_THERE = /^-ERR (Agent|Tier) already exist/i;

const PENDING =
  'FreeSWITCH is not connected: the change is saved, and mod_callcenter loads it from /freeswitch/configuration ' +
  'when it next starts (or on `reload mod_callcenter`).';

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
      ...(Object.keys(AGENT_TIMER_KEYS) as AgentTimerField[]).map((field) => cc.agentSetTimer(field, agent.name, agent[field])),
    ]);
  }

  agentUpdated(before: AgentSnapshot, after: AgentSnapshot): Promise<PbxSyncReport> {
    return this.run(() => [
      ...(agentContact(before.extension) !== agentContact(after.extension) ? [cc.agentSetContact(after.name, agentContact(after.extension))] : []),
      ...(Object.keys(AGENT_TIMER_KEYS) as AgentTimerField[])
        .filter((field) => before[field] !== after[field])
        .map((field) => cc.agentSetTimer(field, after.name, after[field])),
    ]);
  }

  /** `tiers` are the agent's tiers the database removed with it. */
  agentDeleted(agentName: string, tiers: readonly TierSnapshot[]): Promise<PbxSyncReport> {
    return this.run(() => [...tiers.map((tier) => cc.tierDel(this.queue(tier.queueName), agentName)), cc.agentDel(agentName)]);
  }

  /** The agent's extension changed number or went away: point mod_callcenter at the new contact. */
  agentContactChanged(agentName: string, extension: AgentSnapshot['extension']): Promise<PbxSyncReport> {
    return this.run(() => [cc.agentSetContact(agentName, agentContact(extension))]);
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
    return this.run(() => [...tiers.map((tier) => cc.tierDel(this.queue(queueName), tier.agentName)), cc.queueUnload(this.queue(queueName))]);
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
    if (!this.freeswitch.isConnected()) return { status: 'pending', message: PENDING };
    for (const command of commands) {
      const failure = await this.send(command);
      if (failure) {
        this.logger.warn({ command, reply: failure.reply, error: failure.error }, 'FreeSWITCH refused a provisioning command');
        const message = failure.reply !== undefined ? `FreeSWITCH answered "${failure.reply}" to: ${command}` : `FreeSWITCH did not answer ${command}: ${failure.error}`;
        return { status: 'failed', message };
      }
    }
    return { status: 'applied', message: `FreeSWITCH applied ${commands.length} command${commands.length === 1 ? '' : 's'}.` };
  }

  /** Sends one command; returns FreeSWITCH's refusal or the transport problem, or undefined when it was accepted. */
  private async send(command: string): Promise<{ reply?: string; error?: string } | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no reply within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
    });
    try {
      const reply = (await Promise.race([this.freeswitch.api(command), timeout])).trim();
      return reply.startsWith('+OK') || ALREADY_THERE.test(reply) ? undefined : { reply: reply || '(empty reply)' };
    } catch (error) {
      // The port rejects when the link drops, times out, or refuses to write the command.
      return { error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
