import { type DynamicModule, type InjectionToken, Module, type ModuleMetadata } from '@nestjs/common';
import { AgentsController } from './agents/agents.controller';
import { AgentsService } from './agents/agents.service';
import { ExtensionsController } from './extensions/extensions.controller';
import { ExtensionsService } from './extensions/extensions.service';
import { CallcenterConfigService } from './freeswitch-http/callcenter-config.service';
import { DirectoryService } from './freeswitch-http/directory.service';
import { FreeswitchHttpModule } from './freeswitch-http/freeswitch-http.module';
import { XmlCurlController } from './freeswitch-http/xml-curl.controller';
import { CallcenterReapply } from './pbx/callcenter-reapply.service';
import { CallcenterSync } from './pbx/callcenter-sync.service';
import { DisconnectedFreeswitchCommands, FREESWITCH_COMMANDS } from './pbx/freeswitch-command.port';
import { ASTERISK_QUEUES, PBX_CALLCENTER, type PbxCallcenterPort } from './pbx/pbx-callcenter.port';
import { PbxDirectoryModule } from './pbx/pbx-directory.module';
import { QueuesController } from './queues/queues.controller';
import { QueuesService } from './queues/queues.service';
import { TiersController } from './tiers/tiers.controller';
import { TiersService } from './tiers/tiers.service';

/** Where the {@link FreeswitchCommandPort} comes from: a provider token exported by one of `imports`. */
export interface ProvisioningModuleOptions {
  imports?: ModuleMetadata['imports'];
  /** Token (class or symbol) of a provider implementing FreeswitchCommandPort, e.g. the ESL connection. */
  commands: InjectionToken;
}

/**
 * Telephony provisioning: REST for extensions, agents, queues and tiers (/api/...), mod_callcenter sync over the
 * FreeSWITCH command port, and the mod_xml_curl endpoints (/freeswitch/directory, /freeswitch/configuration).
 * Imported as is, it has no FreeSWITCH connection and every change reports `pbxSync.status = 'pending'`;
 * {@link ProvisioningModule.forRoot} binds the real port.
 */
@Module({
  imports: [FreeswitchHttpModule, PbxDirectoryModule],
  controllers: [ExtensionsController, AgentsController, QueuesController, TiersController, XmlCurlController],
  providers: [
    ExtensionsService,
    AgentsService,
    QueuesService,
    TiersService,
    CallcenterSync,
    {
      // app_queue on Asterisk when AMI is configured, else mod_callcenter (reporting `pending` without FreeSWITCH).
      provide: PBX_CALLCENTER,
      inject: [ASTERISK_QUEUES, CallcenterSync],
      useFactory: (asterisk: PbxCallcenterPort | null, freeswitch: CallcenterSync): PbxCallcenterPort =>
        asterisk ?? freeswitch,
    },
    CallcenterReapply,
    DirectoryService,
    CallcenterConfigService,
    { provide: FREESWITCH_COMMANDS, useClass: DisconnectedFreeswitchCommands },
  ],
})
export class ProvisioningModule {
  /**
   * Binds FREESWITCH_COMMANDS to `options.commands` (e.g. `{ imports: [EslModule], commands: EslCommands }`).
   * Import either this or the plain module, not both: each registers the controllers.
   */
  static forRoot(options: ProvisioningModuleOptions): DynamicModule {
    return {
      module: ProvisioningModule,
      imports: options.imports ?? [],
      // Dynamic providers are registered after the decorator's, so this replaces the disconnected default.
      providers: [{ provide: FREESWITCH_COMMANDS, useExisting: options.commands }],
    };
  }
}
