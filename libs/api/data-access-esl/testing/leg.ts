import type { HeaderList } from './wire';

/**
 * One channel of a generated call, holding what FreeSWITCH keeps for it: its state, its current caller profile and
 * that profile's times (µs, 0 until the thing happened), its variables, and the leg it is bridged to.
 */
export interface Leg {
  readonly uuid: string;
  readonly direction: 'inbound' | 'outbound';
  readonly channelName: string;
  readonly callerIdName: string;
  readonly callerIdNumber: string;
  /** Caller-Destination-Number of the current profile (a blind transfer starts a profile with the target). */
  destination: string;
  readonly context: string;
  /** `mod_sofia` for a leg that called in, `src/switch_ivr_originate.c` for one FreeSWITCH originated. */
  readonly source: string;
  readonly networkAddr: string;
  /**
   * Caller-Username: the SIP user FreeSWITCH authenticated on an inbound leg (also variable_user_name), or the one
   * of the leg whose profile an originated leg was cloned from.
   */
  readonly username: string | undefined;
  /** Caller-Dialplan: `XML` for a leg that runs the dialplan, or one cloned from such a leg. */
  readonly dialplan: string | undefined;
  /** Caller-RDNIS: who transferred the call here (a blind transfer sets it, originated legs inherit it). */
  rdnis: string | undefined;
  /** Whether FreeSWITCH knows the far end's address yet (an originated leg learns it from the first reply). */
  networkKnown: boolean;
  /** Channel-Presence-ID of a SIP user's leg (`2001@switchboard.local`). */
  readonly presenceId: string | undefined;
  calleeName: string | undefined;
  calleeNumber: string | undefined;
  channelState: string;
  callState: string;
  /** Channel-State-Number: FreeSWITCH writes the number of the state being entered, which can differ from the name. */
  stateNumber: string;
  answerState: string;
  /** Channel-Call-UUID: the A leg's uuid while an originated leg is bridged to it, else its own. */
  callUuid: string;
  /** Hangup-Cause, from CHANNEL_HANGUP on. */
  hangupCause: string | undefined;
  /** Whether media was negotiated: the Channel-*-Codec-* headers appear from then on. */
  hasMedia: boolean;
  profileIndex: number;
  profileCreatedUs: bigint;
  /** Caller-Transfer-Source of a profile started by a transfer (`epoch:uuid:uuid_br:other`). */
  transferSource: string | undefined;
  createdUs: bigint;
  progressUs: bigint;
  progressMediaUs: bigint;
  answeredUs: bigint;
  bridgedUs: bigint;
  /** When the leg hung up; FreeSWITCH shows it (Caller-Channel-Hangup-Time) only from CS_REPORTING on. */
  hangupUs: bigint;
  /** Whether the leg reached CS_REPORTING (CHANNEL_HANGUP_COMPLETE). */
  reported: boolean;
  lastHoldUs: bigint;
  holdAccumUs: bigint;
  /** Channel variables, in the order they were first set (events but DTMF carry them as `variable_*`). */
  readonly vars: Map<string, string>;
  other: Leg | undefined;
  /** The other leg's caller profile as FreeSWITCH copied it when the legs were linked (the Other-Leg-* headers). */
  otherProfile: HeaderList | undefined;
}

/** Fields a scenario chooses for a new leg; the rest starts at FreeSWITCH's initial values. */
export type LegSpec = Pick<
  Leg,
  | 'uuid'
  | 'direction'
  | 'channelName'
  | 'callerIdName'
  | 'callerIdNumber'
  | 'destination'
  | 'context'
  | 'source'
  | 'networkAddr'
> &
  Partial<Pick<Leg, 'username' | 'presenceId' | 'rdnis'>>;

/** Sets channel variables (in FreeSWITCH's order: an existing one keeps its place). */
export function setVars(leg: Leg, vars: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(vars)) leg.vars.set(name, value);
}

const STATE_NUMBERS: Readonly<Record<string, string>> = {
  CS_INIT: '2',
  CS_ROUTING: '2',
  CS_SOFT_EXECUTE: '3',
  CS_EXECUTE: '4',
  CS_EXCHANGE_MEDIA: '5',
  CS_CONSUME_MEDIA: '7',
  CS_HANGUP: '10',
  CS_REPORTING: '11',
  CS_DESTROY: '12',
};

/** Moves a leg to a channel state, with the number FreeSWITCH writes beside it. */
export function enterState(leg: Leg, state: string): void {
  leg.channelState = state;
  leg.stateNumber = STATE_NUMBERS[state] ?? leg.stateNumber;
}

/** The variables FreeSWITCH sets when it creates a channel (a subset of what the captures show, the telling part). */
export function initialVariables(leg: Leg, sessionId: number, domain: string): Record<string, string> {
  const common = {
    direction: leg.direction,
    uuid: leg.uuid,
    call_uuid: leg.callUuid,
    session_id: String(sessionId),
    channel_name: leg.channelName,
  };
  if (leg.direction === 'outbound') {
    const { direction, ...rest } = common;
    return { direction, is_outbound: 'true', ...rest, ...(leg.presenceId ? { presence_id: leg.presenceId } : {}) };
  }
  const user = leg.username;
  return {
    ...common,
    sip_from_user: leg.callerIdNumber,
    sip_from_host: user ? domain : leg.networkAddr,
    sip_call_id: `${leg.uuid.slice(0, 8)}@${leg.networkAddr}`,
    sip_network_ip: leg.networkAddr,
    sip_network_port: '5060',
    ...(user
      ? {
          sip_authorized: 'true',
          sip_auth_username: user,
          sip_auth_realm: domain,
          user_context: leg.context,
          effective_caller_id_name: leg.callerIdName,
          effective_caller_id_number: leg.callerIdNumber,
          accountcode: user,
          user_name: user,
          domain_name: domain,
        }
      : {}),
    sofia_profile_name: user ? 'internal' : 'external',
    sip_req_user: leg.destination,
    sip_to_user: leg.destination,
    ...(leg.presenceId ? { presence_id: leg.presenceId } : {}),
    endpoint_disposition: 'DELAYED NEGOTIATION',
  };
}

/** The times of a caller profile, as FreeSWITCH names them after `Caller-` or `Other-Leg-`. */
export interface ProfileTimes {
  readonly profileCreated: bigint;
  readonly created: bigint;
  readonly answered: bigint;
  readonly progress: bigint;
  readonly progressMedia: bigint;
  readonly hangup: bigint;
  readonly transfer: bigint;
  readonly bridged: bigint;
  readonly lastHold: bigint;
  readonly holdAccum: bigint;
}

/** What FreeSWITCH shows of a leg's current times: the hangup time only once the leg reached CS_REPORTING. */
export function legTimes(leg: Leg): ProfileTimes {
  return {
    profileCreated: leg.profileCreatedUs,
    created: leg.createdUs,
    answered: leg.answeredUs,
    progress: leg.progressUs,
    progressMedia: leg.progressMediaUs,
    hangup: leg.reported ? leg.hangupUs : 0n,
    transfer: 0n,
    bridged: leg.bridgedUs,
    lastHold: leg.lastHoldUs,
    holdAccum: leg.holdAccumUs,
  };
}

const ZERO_TIMES: ProfileTimes = {
  profileCreated: 0n,
  created: 0n,
  answered: 0n,
  progress: 0n,
  progressMedia: 0n,
  hangup: 0n,
  transfer: 0n,
  bridged: 0n,
  lastHold: 0n,
  holdAccum: 0n,
};

/** A caller profile in switch_caller_profile_event_set_data's order, under `Caller-` or `Other-Leg-`. */
function profileHeaders(
  prefix: 'Caller' | 'Other-Leg',
  leg: Leg,
  logicalDirection: string,
  times: ProfileTimes,
  callee: boolean,
): HeaderList {
  const p = (name: string, value: string): readonly [string, string] => [`${prefix}-${name}`, value];
  const optional = (include: boolean, ...headers: Array<readonly [string, string]>): HeaderList =>
    include ? headers : [];
  return [
    p('Direction', leg.direction),
    p('Logical-Direction', logicalDirection),
    ...optional(leg.username !== undefined, p('Username', leg.username ?? '')),
    ...optional(leg.dialplan !== undefined, p('Dialplan', leg.dialplan ?? '')),
    p('Caller-ID-Name', leg.callerIdName),
    p('Caller-ID-Number', leg.callerIdNumber),
    p('Orig-Caller-ID-Name', leg.callerIdName),
    p('Orig-Caller-ID-Number', leg.callerIdNumber),
    ...optional(
      callee && leg.calleeNumber !== undefined,
      p('Callee-ID-Name', leg.calleeName ?? ''),
      p('Callee-ID-Number', leg.calleeNumber ?? ''),
    ),
    ...optional(leg.networkKnown, p('Network-Addr', leg.networkAddr)),
    p('ANI', leg.callerIdNumber),
    p('Destination-Number', leg.destination),
    p('Unique-ID', leg.uuid),
    p('Source', leg.source),
    ...optional(
      prefix === 'Caller' && leg.transferSource !== undefined,
      p('Transfer-Source', leg.transferSource ?? ''),
    ),
    p('Context', leg.context),
    ...optional(prefix === 'Caller' && leg.rdnis !== undefined, p('RDNIS', leg.rdnis ?? '')),
    p('Channel-Name', leg.channelName),
    ...optional(prefix === 'Caller', p('Profile-Index', String(leg.profileIndex))),
    p('Profile-Created-Time', String(times.profileCreated)),
    p('Channel-Created-Time', String(times.created)),
    p('Channel-Answered-Time', String(times.answered)),
    p('Channel-Progress-Time', String(times.progress)),
    p('Channel-Progress-Media-Time', String(times.progressMedia)),
    p('Channel-Hangup-Time', String(times.hangup)),
    p('Channel-Transfer-Time', String(times.transfer)),
    p('Channel-Resurrect-Time', '0'),
    p('Channel-Bridged-Time', String(times.bridged)),
    p('Channel-Last-Hold', String(times.lastHold)),
    p('Channel-Hold-Accum', String(times.holdAccum)),
    p('Screen-Bit', 'true'),
    p('Privacy-Hide-Name', 'false'),
    p('Privacy-Hide-Number', 'false'),
  ];
}

/**
 * The other leg's profile as FreeSWITCH copies it into a leg when they are linked. The A leg keeps a copy of the
 * originated leg's profile (its times as they were, bridge and hangup 0); the originated leg keeps the A leg's
 * profile with every time 0. Both say Logical-Direction inbound (seen in every 1.11.2 capture).
 */
export function snapshotOtherLeg(of: Leg, seenBy: 'originator' | 'originatee'): HeaderList {
  const times = seenBy === 'originatee' ? { ...legTimes(of), bridged: 0n, hangup: 0n } : ZERO_TIMES;
  return [['Other-Type', seenBy], ...profileHeaders('Other-Leg', of, 'inbound', times, true)];
}

/** Opus for WebRTC phones on the internal profile, G.711 for trunks (as the captures negotiated). */
function codecHeaders(leg: Leg): HeaderList {
  const [name, rate, bitRate] = leg.channelName.startsWith('sofia/internal/')
    ? ['opus', '48000', '0']
    : ['PCMU', '8000', '64000'];
  return [
    ['Channel-Read-Codec-Name', name],
    ['Channel-Read-Codec-Rate', rate],
    ['Channel-Read-Codec-Bit-Rate', bitRate],
    ['Channel-Write-Codec-Name', name],
    ['Channel-Write-Codec-Rate', rate],
    ['Channel-Write-Codec-Bit-Rate', bitRate],
  ];
}

/**
 * The channel data FreeSWITCH puts in a channel's events (switch_channel_event_set_data): Channel-*, the current
 * caller profile (Caller-*), the linked leg's profile (Other-Leg-*) and, unless `withVariables` is false (DTMF),
 * every channel variable.
 */
export function channelData(leg: Leg, withVariables = true): HeaderList {
  return [
    ['Channel-State', leg.channelState],
    ['Channel-Call-State', leg.callState],
    ['Channel-State-Number', leg.stateNumber],
    ['Channel-Name', leg.channelName],
    ['Unique-ID', leg.uuid],
    ['Call-Direction', leg.direction],
    ['Presence-Call-Direction', leg.direction],
    ['Channel-HIT-Dialplan', leg.direction === 'inbound' ? 'true' : 'false'],
    ...((leg.presenceId ? [['Channel-Presence-ID', leg.presenceId]] : []) as HeaderList),
    ['Channel-Call-UUID', leg.callUuid],
    ['Answer-State', leg.answerState],
    ...((leg.hangupCause ? [['Hangup-Cause', leg.hangupCause]] : []) as HeaderList),
    ...(leg.hasMedia ? codecHeaders(leg) : []),
    ...profileHeaders('Caller', leg, leg.direction, legTimes(leg), true),
    ...(leg.otherProfile ?? []),
    ...(withVariables
      ? [...leg.vars].map(([name, value]): readonly [string, string] => [`variable_${name}`, value])
      : []),
  ];
}
