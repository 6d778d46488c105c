import { Module } from '@nestjs/common';
import { CallsModule } from '@switchboard/api/feature-calls';
import { AgentOverrideService } from './agent-override.service';
import { FreeswitchGate } from './freeswitch-gate';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/**
 * Supervisor actions (`/api/supervision/...`, permission `floor:supervise`): listen / whisper / barge through
 * mod_dptools eavesdrop, forced agent status and logout, hang-up. Reads the live floor from feature-calls.
 */
@Module({
  imports: [CallsModule],
  controllers: [SupervisionController],
  providers: [FreeswitchGate, SupervisionService, AgentOverrideService],
})
export class SupervisionModule {}
