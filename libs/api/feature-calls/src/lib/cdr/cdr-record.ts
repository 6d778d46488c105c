import { type CallRecord, type CallState, toCallRecord } from '../assembler/call-state';
import type { CallDirection } from '@switchboard/shared/contracts';
import { queueOutcomeOf } from '../assembler/queue-outcome';
import { webCallOf } from '../assembler/web-call';

/** The parts of a mod_json_cdr document we read. Values are strings, as FreeSWITCH writes them. */
export interface JsonCdr {
  'core-uuid'?: string;
  switchname?: string;
  variables?: Record<string, string | undefined>;
  /** One entry per caller profile, newest first (FreeSWITCH 1.11); older builds wrote a single object. */
  callflow?: CdrCallflow[] | CdrCallflow;
}

/** One caller profile of a CDR's callflow. */
interface CdrCallflow {
  profile_index?: string;
  caller_profile?: Record<string, unknown>;
}

/** A CDR that cannot be turned into a record; the HTTP layer answers 400 with this message. */
export class InvalidCdrError extends Error {
  override readonly name = 'InvalidCdrError';
}

/** FreeSWITCH's channel UUIDs; anything else is not a call id we store. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 2000-01-01 .. 2100-01-01 in µs: a time outside it is a corrupt document, not a call. */
const MIN_US = 946_684_800_000_000n;
const MAX_US = 4_102_444_800_000_000n;

function timeUs(name: string, value: unknown, unit: 'us' | 's'): bigint | undefined {
  if (value === undefined || value === '' || value === '0') return undefined;
  if (typeof value !== 'string' || !/^\d{1,20}$/.test(value))
    throw new InvalidCdrError(`variables.${name} must be a number of ${unit === 'us' ? 'microseconds' : 'seconds'}`);
  const us = unit === 'us' ? BigInt(value) : BigInt(value) * 1_000_000n;
  if (us < MIN_US || us > MAX_US) throw new InvalidCdrError(`variables.${name} is not a time between 2000 and 2100`);
  return us;
}

/** The variables, checked: every value a string (FreeSWITCH writes nothing else), ids are UUIDs. */
function readVariables(cdr: JsonCdr): Record<string, string | undefined> {
  const v = cdr.variables;
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new InvalidCdrError('not a mod_json_cdr document: variables is missing');
  for (const [name, value] of Object.entries(v)) {
    if (value !== undefined && typeof value !== 'string')
      throw new InvalidCdrError(`variables.${name} must be a string`);
  }
  for (const name of [
    'uuid',
    'call_uuid',
    'cc_member_session_uuid',
    'originating_leg_uuid',
    'other_loopback_leg_uuid',
  ]) {
    const value = v[name];
    if (value !== undefined && !UUID.test(value))
      throw new InvalidCdrError(`variables.${name} must be a FreeSWITCH UUID`);
  }
  return v;
}

/** The caller profile the call started with: FreeSWITCH lists profiles newest first. */
function originalProfile(cdr: JsonCdr): Record<string, unknown> {
  const listed: unknown[] = Array.isArray(cdr.callflow) ? cdr.callflow : [cdr.callflow];
  // Only entries shaped like FreeSWITCH's count: a null or text entry is no caller profile, not a reason to fail.
  const flows = listed.filter(
    (flow): flow is CdrCallflow & { caller_profile: Record<string, unknown> } =>
      isObject(flow) && isObject((flow as CdrCallflow).caller_profile),
  );
  const index = (flow: CdrCallflow): number => Number(flow.profile_index ?? 0) || 0;
  return [...flows].sort((a, b) => index(a) - index(b))[0]?.caller_profile ?? {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The call record a mod_json_cdr document describes, with the same definitions as the live assembler (it fills a
 * {@link CallState} and derives from it). A CDR of an agent or bridged leg belongs to its A leg's call: then
 * `legOf` names that call and the record only adds the leg.
 */
function holdUs(value: string | undefined): bigint {
  if (value === undefined || value === '') return 0n;
  // Hold can never outlast the ~100 years allowed above; a longer value is corrupt.
  if (!/^\d{1,16}$/.test(value))
    throw new InvalidCdrError('variables.hold_accum_usec must be a number of microseconds');
  return BigInt(value);
}

export function recordFromCdr(cdr: JsonCdr): { record: CallRecord; legOf?: string } {
  const v = readVariables(cdr);
  const uuid = v['uuid'];
  const node = text(cdr['core-uuid']) ?? text(cdr.switchname);
  const us = (name: string): bigint | undefined => timeUs(name, v[name], 'us');
  const epochUs = (name: string): bigint | undefined => timeUs(name, v[name], 's');
  const startedUs = us('start_uepoch');
  if (!uuid || !node || startedUs === undefined)
    throw new InvalidCdrError(
      'not a mod_json_cdr document: variables.uuid, variables.start_uepoch and core-uuid are required',
    );
  const profile = originalProfile(cdr);
  const parent =
    v['cc_member_session_uuid'] ??
    v['originating_leg_uuid'] ??
    (v['call_uuid'] && v['call_uuid'] !== uuid ? v['call_uuid'] : undefined) ??
    // A loopback A leg belongs to its B leg's call, as the live assembler decides (joinLoopbackPartner).
    (v['loopback_leg'] === 'A' ? v['other_loopback_leg_uuid'] : undefined);
  const destination =
    v['destination_number'] ?? text(profile['destination_number']) ?? v['original_destination_number'];
  const authenticated = v['sip_authorized'] === 'true' || v['user_name'] !== undefined;
  const web = webCallOf((name) => v[name]);
  // A website visitor authenticates with a one-call credential, but calls in from outside like any customer.
  const direction: CallDirection = web
    ? 'INBOUND'
    : !authenticated
      ? v['direction'] === 'outbound' && !parent
        ? 'OUTBOUND'
        : 'INBOUND'
      : /^\+?\d{7,}$/.test(destination ?? '')
        ? 'OUTBOUND'
        : 'INTERNAL';
  const disposition = v['sip_hangup_disposition'];
  const bridgedUs = us('bridge_uepoch');
  const state: CallState = {
    uuid: parent ?? uuid,
    node,
    channels: parent ? [parent, uuid] : [uuid],
    direction,
    fromNumber: v['caller_id_number'] ?? text(profile['caller_id_number']) ?? v['effective_caller_id_number'],
    fromName: v['caller_id_name'] ?? text(profile['caller_id_name']) ?? v['effective_caller_id_name'],
    toNumber: destination,
    queueName: v['cc_queue'],
    agentName: v['cc_agent'],
    startedUs,
    answeredUs: us('answer_uepoch'),
    bridgedUs,
    endedUs: us('end_uepoch'),
    queueJoinedUs: epochUs('cc_queue_joined_epoch'),
    queueLeftUs: epochUs(v['cc_queue_terminated_epoch'] ? 'cc_queue_terminated_epoch' : 'cc_queue_canceled_epoch'),
    holdUs: holdUs(v['hold_accum_usec']),
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
    web,
  };
  if (!parent) return { record: toCallRecord(state) };
  // A leg's CDR tells which agent took the call; the A leg's own CDR (or the live events) has the rest. mod_callcenter
  // sets cc_agent on every leg it rings: a leg never answered is an offer the agent missed, not the agent's call (the
  // caller may be answered by another agent, or give up).
  const record = toCallRecord({ ...state, startedUs: state.startedUs });
  const tookIt = state.answeredUs !== undefined;
  return {
    legOf: parent,
    record: {
      uuid: parent,
      node,
      channelUuids: state.channels,
      direction,
      startedAt: record.startedAt,
      agentName: tookIt ? v['cc_agent'] : undefined,
      holdSeconds: record.holdSeconds,
    },
  };
}
