import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { AgentStatusCode, PbxSyncReport } from '@switchboard/shared/contracts';
import { type CallcenterAgentStatus, EslService, eslCommand } from '@switchboard/api/data-access-esl';
import { ASTERISK_QUEUES, type AsteriskQueues } from '@switchboard/api/feature-provisioning';

/** mod_callcenter's spelling of each stored status. */
const CALLCENTER_STATUS: Readonly<Record<AgentStatusCode, CallcenterAgentStatus>> = {
  LOGGED_OUT: 'Logged Out',
  AVAILABLE: 'Available',
  AVAILABLE_ON_DEMAND: 'Available (On Demand)',
  ON_BREAK: 'On Break',
};

/** How long FreeSWITCH may take to answer before the change is reported as failed. */
const REPLY_TIMEOUT_MS = 5_000;

const PENDING =
  'FreeSWITCH is not connected: the status is saved, and the agent has to be set again once it is (mod_callcenter ' +
  'keeps its own copy of agent statuses).';

/**
 * Tells mod_callcenter an agent's new status (`callcenter_config agent set status NAME 'On Break'`) after the database
 * has it; on Asterisk, app_queue's members are written again (only agents who take calls are members). Never throws:
 * the caller answers with the {@link PbxSyncReport}, like provisioning does.
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
    let command: ReturnType<typeof eslCommand.callcenterAgentSetStatus>;
    try {
      command = eslCommand.callcenterAgentSetStatus(agentName, CALLCENTER_STATUS[status]);
    } catch (error) {
      // Only EslUnsafeArgumentError: a stored agent name that no longer fits the command pattern.
      this.logger.error({ err: error, agentName }, 'refused to build callcenter_config agent set status');
      return { status: 'failed', message: `Not sent to FreeSWITCH: ${(error as Error).message}` };
    }
    if (!this.esl.isConnected()) return { status: 'pending', message: PENDING };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no reply within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
    });
    try {
      const reply = (await Promise.race([this.esl.api(command), timeout])).trim();
      if (reply.startsWith('+OK'))
        return { status: 'applied', message: `FreeSWITCH set ${agentName} to ${CALLCENTER_STATUS[status]}.` };
      this.logger.warn({ command: command.text, reply }, 'FreeSWITCH refused an agent status change');
      return { status: 'failed', message: `FreeSWITCH answered "${reply || '(empty reply)'}" to: ${command.text}` };
    } catch (error) {
      // The ESL client rejects when the link drops or times out mid-command.
      return { status: 'failed', message: `FreeSWITCH did not answer ${command.text}: ${(error as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
  }
}
