import { Module } from '@nestjs/common';
import { AuthModule } from '@switchboard/api/feature-auth';
import { FreeswitchHttpModule } from '@switchboard/api/feature-provisioning';
import { FreeswitchEventsBridge } from './bridge/freeswitch-events.bridge';
import { ClusterFreeswitchCommands } from './cluster/cluster-freeswitch-commands';
import { NodeOwnership } from './cluster/node-ownership.service';
import { SharedFloorService } from './cluster/shared-floor.service';
import { CdrController } from './cdr/cdr.controller';
import { CdrService } from './cdr/cdr.service';
import { CallWriter } from './ingestion/call-writer';
import { IngestionService } from './ingestion/ingestion.service';
import { SwitchStatusRecorder } from './ingestion/switch-status.recorder';
import { LiveStateService } from './live/live-state.service';
import { CallsController } from './records/calls.controller';
import { CallsService } from './records/calls.service';

/**
 * Call records: ingestion of FreeSWITCH events and CDRs, the live floor, and the read API. With Redis, the nodes are
 * shared between API replicas (NodeOwnership) and so is the floor (SharedFloorService).
 */
@Module({
  imports: [AuthModule, FreeswitchHttpModule],
  controllers: [CallsController, CdrController],
  providers: [
    CallWriter,
    IngestionService,
    CdrService,
    CallsService,
    LiveStateService,
    NodeOwnership,
    SharedFloorService,
    ClusterFreeswitchCommands,
    FreeswitchEventsBridge,
    SwitchStatusRecorder,
  ],
  exports: [IngestionService, LiveStateService, NodeOwnership, SharedFloorService, ClusterFreeswitchCommands],
})
export class CallsModule {}
