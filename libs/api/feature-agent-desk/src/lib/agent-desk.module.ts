import { Module } from '@nestjs/common';
import { AuthModule } from '@switchboard/api/feature-auth';
import { AgentDeskController } from './agent-desk.controller';
import { MyCallsService } from './calls/my-calls.service';
import { DialCheckService } from './dial/dial-check.service';
import { DeskAgentService } from './shared/desk-agent.service';
import { SipCredentialService } from './sip/sip-credential.service';
import { AgentStatusService } from './status/agent-status.service';
import { DeskActivityService } from './status/desk-activity.service';
import { PbxStatusSync } from './status/pbx-status-sync.service';
import { QueuedStatusStore } from './status/queued-status.store';
import { QueuedStatusSweeper } from './status/queued-status.sweeper';
import { SignOutListener } from './status/sign-out.listener';

/**
 * The agent's own desk (`/api/me/...`): per-login SIP credentials, status with breaks and queued changes,
 * wrap-up, call history and outbound checks. mod_callcenter is told of status changes through the global
 * `EslService`; without a connection changes are stored and reported `pending`.
 */
@Module({
  imports: [AuthModule],
  controllers: [AgentDeskController],
  providers: [
    DeskAgentService,
    SipCredentialService,
    DeskActivityService,
    QueuedStatusStore,
    PbxStatusSync,
    AgentStatusService,
    QueuedStatusSweeper,
    SignOutListener,
    MyCallsService,
    DialCheckService,
  ],
})
export class AgentDeskModule {}
