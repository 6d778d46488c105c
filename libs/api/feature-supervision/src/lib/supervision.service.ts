import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditLogService, PrismaService } from '@switchboard/api/data-access-db';
import { eslCommand } from '@switchboard/api/data-access-esl';
import { LiveStateService } from '@switchboard/api/feature-calls';
import type { Principal } from '@switchboard/api/util-http';
import {
  type HangupCallResult,
  type MonitorCallRequest,
  type MonitorCallResult,
  SUPERVISION_AUDIT_ACTIONS,
} from '@switchboard/shared/contracts';
import { monitorDialString } from './eavesdrop';
import { FreeswitchGate } from './freeswitch-gate';
import { agentLegOf, findLiveCall } from './live-call';
import { NoSupervisorExtensionError } from './supervision.errors';

/** Listen, whisper, barge and hang up on live calls; every action goes to the audit log. */
@Injectable()
export class SupervisionService {
  private readonly logger = new Logger('Supervision');

  constructor(
    private readonly live: LiveStateService,
    private readonly freeswitch: FreeswitchGate,
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogService,
  ) {}

  /**
   * Rings the supervisor's extension and, when answered, eavesdrops on the agent's leg in the chosen mode. The audit
   * entry is written before FreeSWITCH is asked, so no session happens unrecorded.
   */
  async monitor(
    principal: Principal,
    uuid: string,
    request: MonitorCallRequest,
    ip?: string,
  ): Promise<MonitorCallResult> {
    const snapshot = this.live.snapshot();
    const call = findLiveCall(snapshot, uuid);
    const { leg, agent } = agentLegOf(call, snapshot);
    const extension = await this.supervisorExtension(principal.userId, request.extension);
    this.freeswitch.requireConnected(call.node);
    const monitorChannelUuid = randomUUID();
    const command = eslCommand.originateEavesdrop(
      monitorDialString({
        mode: request.mode,
        extension: extension.number,
        domain: extension.domain,
        originationUuid: monitorChannelUuid,
        agentLabel: (agent ?? 'agent').split('@', 1)[0] ?? 'agent',
      }),
      leg.uuid,
    );
    const result: MonitorCallResult = {
      mode: request.mode,
      callUuid: call.callUuid,
      agentChannelUuid: leg.uuid,
      agent,
      extension: extension.number,
      node: call.node,
      monitorChannelUuid,
    };
    await this.audit.record({
      actorId: principal.userId,
      action: SUPERVISION_AUDIT_ACTIONS.monitor,
      targetType: 'call',
      targetId: call.callUuid,
      details: { ...result },
      ...(ip ? { ip } : {}),
    });
    this.freeswitch.startBackground(command, call.node, (error) => {
      if (error)
        this.logger.warn(`${request.mode} on ${call.callUuid} by ${principal.userId} failed: ${error.message}`);
    });
    return result;
  }

  /** Hangs up the call's A leg (`uuid_kill`); FreeSWITCH ends the legs bridged to it. */
  async hangup(principal: Principal, uuid: string, ip?: string): Promise<HangupCallResult> {
    const call = findLiveCall(this.live.snapshot(), uuid);
    await this.freeswitch.api(eslCommand.uuidKill(call.aLeg.uuid), call.node);
    const result: HangupCallResult = { callUuid: call.callUuid, channelUuid: call.aLeg.uuid, node: call.node };
    await this.audit.record({
      actorId: principal.userId,
      action: SUPERVISION_AUDIT_ACTIONS.hangup,
      targetType: 'call',
      targetId: call.callUuid,
      details: { ...result },
      ...(ip ? { ip } : {}),
    });
    return result;
  }

  /** The extension to ring: the one given (provisioned, enabled), else the supervisor's own agent extension. */
  private async supervisorExtension(userId: string, given: string | undefined) {
    if (given !== undefined) {
      const extension = await this.prisma.extension.findFirst({ where: { number: given, enabled: true } });
      if (!extension) throw new NoSupervisorExtensionError(`Extension ${given} is not provisioned or is disabled.`);
      return extension;
    }
    const agent = await this.prisma.agent.findUnique({ where: { userId }, include: { extension: true } });
    if (!agent?.extension?.enabled)
      throw new NoSupervisorExtensionError(
        'You have no enabled extension of your own to ring; pass the extension to ring in `extension`.',
      );
    return agent.extension;
  }
}
