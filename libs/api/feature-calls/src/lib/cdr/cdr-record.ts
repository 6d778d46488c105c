import { type CallRecord, type CallState, toCallRecord } from '../assembler/call-state';
import type { CallDirection } from '@switchboard/shared/contracts';
import { queueOutcomeOf } from '../assembler/queue-outcome';

/** The parts of a mod_json_cdr document we read. Values are strings, as FreeSWITCH writes them. */
export interface JsonCdr {
  'core-uuid'?: string;
  switchname?: string;
  variables?: Record<string, string | undefined>;
  callflow?: { caller_profile?: Record<string, unknown> }[] | { caller_profile?: Record<string, unknown> };
}

/** A CDR that cannot be turned into a record; the HTTP layer answers 400 with this message. */
export class InvalidCdrError extends Error {
  override readonly name = 'InvalidCdrError';
}

const us = (value: string | undefined): bigint | undefined =>
  value && /^\d+$/.test(value) && value !== '0' ? BigInt(value) : undefined;
const epochUs = (value: string | undefined): bigint | undefined =>
  value && /^\d+$/.test(value) && value !== '0' ? BigInt(value) * 1_000_000n : undefined;

/**
 * The call record a mod_json_cdr document describes, with the same definitions as the live assembler (it fills a
 * {@link CallState} and derives from it). A CDR of an agent or bridged leg belongs to its A leg's call: then
 * `legOf` names that call and the record only adds the leg.
 */
export function recordFromCdr(cdr: JsonCdr): { record: CallRecord; legOf?: string } {
  const v = cdr.variables;
  const uuid = v?.['uuid'];
  const node = cdr['core-uuid'] ?? cdr.switchname;
  const startedUs = us(v?.['start_uepoch']);
  if (!v || !uuid || !node || startedUs === undefined)
    throw new InvalidCdrError(
      'not a mod_json_cdr document: variables.uuid, variables.start_uepoch and core-uuid are required',
    );
  const parent =
    v['cc_member_session_uuid'] ??
    v['originating_leg_uuid'] ??
    (v['call_uuid'] && v['call_uuid'] !== uuid ? v['call_uuid'] : undefined);
  const destination = v['destination_number'] ?? v['caller_destination_number'];
  const authenticated = v['sip_authorized'] === 'true' || v['user_name'] !== undefined;
  const direction: CallDirection = !authenticated
    ? v['direction'] === 'outbound' && !parent
      ? 'OUTBOUND'
      : 'INBOUND'
    : /^\+?\d{7,}$/.test(destination ?? '')
      ? 'OUTBOUND'
      : 'INTERNAL';
  const disposition = v['sip_hangup_disposition'];
  const bridgedUs = us(v['bridge_uepoch']);
  const state: CallState = {
    uuid: parent ?? uuid,
    node,
    channels: parent ? [parent, uuid] : [uuid],
    direction,
    fromNumber: v['caller_id_number'] ?? v['effective_caller_id_number'],
    fromName: v['caller_id_name'] ?? v['effective_caller_id_name'],
    toNumber: destination,
    queueName: v['cc_queue'],
    agentName: v['cc_agent'],
    startedUs,
    answeredUs: us(v['answer_uepoch']),
    bridgedUs,
    endedUs: us(v['end_uepoch']),
    queueJoinedUs: epochUs(v['cc_queue_joined_epoch']),
    queueLeftUs: epochUs(v['cc_queue_terminated_epoch'] ?? v['cc_queue_canceled_epoch']),
    holdUs: BigInt(v['hold_accum_usec'] && /^\d+$/.test(v['hold_accum_usec']) ? v['hold_accum_usec'] : '0'),
    heldSince: new Map(),
    hangupCause: v['hangup_cause'],
    hangupSide: disposition?.startsWith('recv_')
      ? 'CALLER'
      : disposition?.startsWith('send_')
        ? bridgedUs !== undefined
          ? 'CALLEE'
          : 'SYSTEM'
        : undefined,
    queueOutcome: v['cc_queue']
      ? queueOutcomeOf(v['cc_cause'], v['cc_cancel_reason'], v['cc_agent'] !== undefined)
      : undefined,
    ccCancelReason: v['cc_cancel_reason'],
    recordingPath: v['record_file_path'] ?? v['recording_file'],
  };
  if (!parent) return { record: toCallRecord(state) };
  // A leg's CDR tells which agent took the call; the A leg's own CDR (or the live events) has the rest.
  const record = toCallRecord({ ...state, startedUs: state.startedUs });
  return {
    legOf: parent,
    record: {
      uuid: parent,
      node,
      channelUuids: state.channels,
      direction,
      startedAt: record.startedAt,
      agentName: v['cc_agent'],
      holdSeconds: record.holdSeconds,
    },
  };
}
