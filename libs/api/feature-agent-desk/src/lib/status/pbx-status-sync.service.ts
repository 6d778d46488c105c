import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { type AgentStatusCode, CALLCENTER_AGENT_STATUS, type PbxSyncReport } from '@switchboard/shared/contracts';
import { EslService, eslCommand } from '@switchboard/api/data-access-esl';
import { ASTERISK_QUEUES, type AsteriskQueues } from '@switchboard/api/feature-provisioning';

/** How long FreeSWITCH may take to answer before the change is reported as failed. */
const REPLY_TIMEOUT_MS = 5_000;

const PENDING =
  'FreeSWITCH is not connected: the status is saved, and FreeSWITCH gets it when it connects (provisioning sends ' +
  'every agent with its stored status to a node that connects).';

/**
 * Tells mod_callcenter an agent's new status (`callcenter_config agent set status NAME 'On Break'`) after the database
 * has it, on every connected node (each runs its own mod_callcenter); a node that is not connected gets the stored
 * status when it connects (CallcenterReapply). On Asterisk, app_queue's members are written again (only agents who
 * take calls are members). Never throws: the caller answers with the {@link PbxSyncReport}, like provisioning does.
 */
@Injectable()
export class PbxStatusSync {
  private readonly logger = new Logger(PbxStatusSync.name);

  constructor(
    private readonly esl: EslService,
    @Optional() @Inject(ASTERISK_QUEUES) private readonly asteriskQueues: AsteriskQueues | null = null,
  ) {}

  async setStatus(agentName: string, status: AgentStatusCode): Promise<PbxSyncReport> {
    if (this.asteriskQueues) return this.asteriskQueues.sync();
    const spelled = CALLCENTER_AGENT_STATUS[status];
    let command: ReturnType<typeof eslCommand.callcenterAgentSetStatus>;
    try {
      command = eslCommand.callcenterAgentSetStatus(agentName, spelled);
    } catch (error) {
      // Only EslUnsafeArgumentError: a stored agent name that no longer fits the command pattern.
      this.logger.error({ err: error, agentName }, 'refused to build callcenter_config agent set status');
      return { status: 'failed', message: `Not sent to FreeSWITCH: ${(error as Error).message}` };
    }
    const connected = this.esl.nodeIds.filter((node) => this.esl.isConnected(node));
    if (connected.length === 0) return { status: 'pending', message: PENDING };
    const failures = (await Promise.all(connected.map((node) => this.send(command, node)))).filter(
      (failure): failure is string => failure !== undefined,
    );
    if (failures.length > 0) return { status: 'failed', message: failures[0] ?? '' };
    const applied = `FreeSWITCH set ${agentName} to ${spelled}`;
    if (connected.length === this.esl.nodeIds.length) return { status: 'applied', message: `${applied}.` };
    return {
      status: 'applied',
      message: `${applied} on ${connected.length} of ${this.esl.nodeIds.length} nodes; the others get it when they connect.`,
    };
  }

  /** Sends the command to one node; returns why it failed, or undefined. */
  private async send(
    command: ReturnType<typeof eslCommand.callcenterAgentSetStatus>,
    node: string,
  ): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no reply within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
    });
    try {
      const reply = (await Promise.race([this.esl.api(command, node), timeout])).trim();
      if (reply.startsWith('+OK')) return undefined;
      this.logger.warn({ command: command.text, reply, node }, 'FreeSWITCH refused an agent status change');
      return `FreeSWITCH answered "${reply || '(empty reply)'}" to: ${command.text}`;
    } catch (error) {
      // The ESL client rejects when the link drops or times out mid-command.
      return `FreeSWITCH did not answer ${command.text}: ${(error as Error).message}`;
    } finally {
      clearTimeout(timer);
    }
  }
}
