import { Module } from '@nestjs/common';
import { AuthModule } from '@switchboard/api/feature-auth';
import { FreeswitchHttpModule } from '@switchboard/api/feature-provisioning';
import { FreeswitchEventsBridge } from './bridge/freeswitch-events.bridge';
import { CdrController } from './cdr/cdr.controller';
import { CdrService } from './cdr/cdr.service';
import { CallWriter } from './ingestion/call-writer';
import { IngestionService } from './ingestion/ingestion.service';
import { LiveStateService } from './live/live-state.service';
import { CallsController } from './records/calls.controller';
import { CallsService } from './records/calls.service';

/** Call records: ingestion of FreeSWITCH events and CDRs, the live floor, and the read API. */
@Module({
  imports: [AuthModule, FreeswitchHttpModule],
  controllers: [CallsController, CdrController],
  providers: [CallWriter, IngestionService, CdrService, CallsService, LiveStateService, FreeswitchEventsBridge],
  exports: [IngestionService, LiveStateService],
})
export class CallsModule {}
