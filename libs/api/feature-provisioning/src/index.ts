export * from './lib/provisioning.module';
export * from './lib/pbx/freeswitch-command.port';
export * from './lib/pbx/pbx-directory.port';
export { PbxDirectoryModule } from './lib/pbx/pbx-directory.module';
export * from './lib/pbx/callcenter-sync.service';
export { ASTERISK_QUEUES, PBX_CALLCENTER, type PbxCallcenterPort } from './lib/pbx/pbx-callcenter.port';
export type { AsteriskQueues } from './lib/asterisk/asterisk-queues';
// The provisioning services, for in-process callers that provision as an admin would (the demo).
export { AgentsService } from './lib/agents/agents.service';
export { ExtensionsService } from './lib/extensions/extensions.service';
export { QueuesService } from './lib/queues/queues.service';
export { TiersService } from './lib/tiers/tiers.service';
export {
  UnsafeCommandArgumentError,
  callcenterCommands,
  agentContact,
  fsQueueName,
} from './lib/pbx/callcenter-commands';
export { sipA1Hash } from './lib/directory/a1-hash';
export { tollAllow } from './lib/directory/toll-allow';
export { FreeswitchHttpGuard, FREESWITCH_HTTP_CHALLENGE } from './lib/freeswitch-http/freeswitch-http.guard';
export { FreeswitchHttpModule } from './lib/freeswitch-http/freeswitch-http.module';
export { IpAllowList, InvalidAllowListEntryError } from './lib/freeswitch-http/ip-allow-list';
export { DIRECTORY_GUESTS, type DirectoryGuests } from './lib/freeswitch-http/directory-guests';
export type { XmlCurlFetch } from './lib/freeswitch-http/xml-curl-fetch';
export { directoryGuestDocument } from './lib/xml/directory-document';
export { NOT_FOUND_DOCUMENT } from './lib/xml/xml';
