import type { CallcenterSync } from './callcenter-sync.service';

/**
 * What provisioning tells the PBX's queue engine after a change has committed: mod_callcenter on FreeSWITCH
 * ({@link CallcenterSync}, one command per change), app_queue on Asterisk (`AsteriskQueues`, which writes every queue
 * again). Each method resolves with a report for the admin and never throws.
 */
export type PbxCallcenterPort = Pick<
  CallcenterSync,
  | 'agentCreated'
  | 'agentUpdated'
  | 'agentDeleted'
  | 'agentContactChanged'
  | 'tierCreated'
  | 'tierUpdated'
  | 'tierDeleted'
  | 'queueCreated'
  | 'queueUpdated'
  | 'queueDeleted'
>;

/** Injection token of the {@link PbxCallcenterPort}, bound by `PBX`. */
export const PBX_CALLCENTER = Symbol('PBX_CALLCENTER');

/** Injection token of the Asterisk queue writer, or null when the PBX is FreeSWITCH (or Asterisk without AMI). */
export const ASTERISK_QUEUES = Symbol('ASTERISK_QUEUES');
