export * from './lib/provisioning.module';
export * from './lib/pbx/freeswitch-command.port';
export * from './lib/pbx/callcenter-sync.service';
export { UnsafeCommandArgumentError, callcenterCommands, agentContact, fsQueueName } from './lib/pbx/callcenter-commands';
export { sipA1Hash } from './lib/directory/a1-hash';
export { tollAllow } from './lib/directory/toll-allow';
export { FreeswitchHttpGuard, FREESWITCH_HTTP_CHALLENGE } from './lib/freeswitch-http/freeswitch-http.guard';
export { FreeswitchHttpModule } from './lib/freeswitch-http/freeswitch-http.module';
export { IpAllowList, InvalidAllowListEntryError } from './lib/freeswitch-http/ip-allow-list';
