import { Module } from '@nestjs/common';
import { AuthModule } from '@switchboard/api/feature-auth';
import { CallsModule } from '@switchboard/api/feature-calls';
import { AgentDirectoryService } from './core/agent-directory.service';
import { RealtimeHub } from './core/realtime-hub.service';
import { TodayCountersService } from './core/today-counters.service';
import { AgentGateway } from './gateway/agent.gateway';
import { SocketAuthService } from './gateway/socket-auth.service';
import { SupervisorGateway } from './gateway/supervisor.gateway';

/** The realtime API: socket.io namespaces `/supervisor` and `/agent` over the live floor (wired into AppModule). */
@Module({
  imports: [AuthModule, CallsModule],
  providers: [
    AgentDirectoryService,
    TodayCountersService,
    RealtimeHub,
    SocketAuthService,
    SupervisorGateway,
    AgentGateway,
  ],
  exports: [RealtimeHub],
})
export class RealtimeModule {}
