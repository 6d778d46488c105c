import type { AppStamp, ChannelRecord } from './channel-records';
import type { SwitchIdentity } from './wire';

/** A caller profile as a CDR's callflow prints it (switch_ivr_set_json_profile_data). */
export type CdrCallerProfile = Record<string, string | Record<string, unknown>>;

/** One entry of a CDR's callflow: a caller profile with its times. */
export interface CdrCallflow {
  readonly dialplan?: string;
  readonly profile_index: string;
  readonly extension?: {
    readonly name: string;
    readonly number: string;
    readonly applications: ReadonlyArray<Record<string, string>>;
    readonly current_app?: string;
  };
  readonly caller_profile: CdrCallerProfile;
  readonly times: Readonly<Record<string, string>>;
}

/** The document mod_json_cdr posts for one leg (FreeSWITCH 1.11.2, encode-values=false): every variable a string. */
export interface JsonCdrDocument {
  readonly 'core-uuid': string;
  readonly switchname: string;
  readonly channel_data: Readonly<Record<string, string>>;
  readonly callStats: Readonly<Record<string, unknown>>;
  readonly variables: Readonly<Record<string, string>>;
  readonly app_log?: { readonly applications: ReadonlyArray<Readonly<Record<string, string>>> };
  readonly callflow: readonly CdrCallflow[];
}

// caller_profile keys in FreeSWITCH's order, and the header (after `Caller-` / `Other-Leg-`) each comes from.
const PROFILE_FIELDS: ReadonlyArray<readonly [string, string | undefined]> = [
  ['username', 'Username'],
  ['dialplan', 'Dialplan'],
  ['caller_id_name', 'Caller-ID-Name'],
  ['ani', 'ANI'],
  ['aniii', undefined],
  ['caller_id_number', 'Caller-ID-Number'],
  ['network_addr', 'Network-Addr'],
  ['rdnis', 'RDNIS'],
  ['destination_number', 'Destination-Number'],
  ['uuid', 'Unique-ID'],
  ['source', 'Source'],
  ['context', 'Context'],
  ['chan_name', 'Channel-Name'],
];

const TIME_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['created_time', 'Channel-Created-Time'],
  ['profile_created_time', 'Profile-Created-Time'],
  ['progress_time', 'Channel-Progress-Time'],
  ['progress_media_time', 'Channel-Progress-Media-Time'],
  ['answered_time', 'Channel-Answered-Time'],
  ['bridged_time', 'Channel-Bridged-Time'],
  ['last_hold_time', 'Channel-Last-Hold'],
  ['hold_accum_time', 'Channel-Hold-Accum'],
  ['hangup_time', 'Channel-Hangup-Time'],
  ['resurrect_time', 'Channel-Resurrect-Time'],
  ['transfer_time', 'Channel-Transfer-Time'],
];

function profileOf(headers: ReadonlyMap<string, string>, prefix: 'Caller-' | 'Other-Leg-'): Record<string, string> {
  return Object.fromEntries(
    PROFILE_FIELDS.map(([key, header]) => [key, header ? (headers.get(prefix + header) ?? '') : '']),
  );
}

/** A profile with, when it was linked to another leg, that leg's profile as originatee or originator. */
function callflowEntry(headers: ReadonlyMap<string, string>, apps: readonly AppStamp[]): CdrCallflow {
  const profile: CdrCallerProfile = profileOf(headers, 'Caller-');
  const otherType = headers.get('Other-Type');
  if (otherType === 'originatee' || otherType === 'originator') {
    profile[otherType] = { [`${otherType}_caller_profiles`]: [profileOf(headers, 'Other-Leg-')] };
  }
  const dialplan = headers.get('Caller-Dialplan');
  const times = Object.fromEntries(TIME_FIELDS.map(([key, header]) => [key, headers.get(`Caller-${header}`) ?? '0']));
  // A leg that ran the dialplan says which extension it ran; an originated leg has neither.
  const extension =
    dialplan && apps.length > 0
      ? {
          name: headers.get('Caller-Destination-Number') ?? '',
          number: headers.get('Caller-Destination-Number') ?? '',
          applications: apps.map((app) => ({ app_name: app.name, app_data: app.data })),
          current_app: apps.at(-1)?.name ?? '',
        }
      : undefined;
  return {
    ...(dialplan ? { dialplan } : {}),
    profile_index: headers.get('Caller-Profile-Index') ?? '1',
    ...(extension ? { extension } : {}),
    caller_profile: profile,
    times,
  };
}

/** RTP statistics in callStats' shape, from how long the leg had media (50 packets a second each way). */
function callStats(variables: Readonly<Record<string, string>>): Record<string, unknown> {
  const billMs = Number(variables['billmsec'] ?? '0');
  if (!(billMs > 0)) return {};
  const packets = Math.round(billMs / 20);
  const bytes = packets * 96;
  return {
    audio: {
      inbound: {
        raw_bytes: bytes,
        media_bytes: bytes,
        packet_count: packets,
        media_packet_count: packets,
        skip_packet_count: 0,
        jitter_packet_count: 0,
        dtmf_packet_count: 0,
        cng_packet_count: 0,
        flush_packet_count: 0,
        largest_jb_size: 0,
        jitter_min_variance: 0,
        jitter_max_variance: 0,
        jitter_loss_rate: 0,
        jitter_burst_rate: 0,
        mean_interval: 20,
        flaw_total: 0,
        quality_percentage: 100,
        mos: 4.5,
      },
      outbound: {
        raw_bytes: bytes,
        media_bytes: bytes,
        packet_count: packets,
        media_packet_count: packets,
        skip_packet_count: 0,
        dtmf_packet_count: 0,
        cng_packet_count: 0,
        rtcp_packet_count: 0,
        rtcp_octet_count: 0,
      },
    },
  };
}

/**
 * The JSON CDR FreeSWITCH makes for a leg in CS_REPORTING (switch_ivr_generate_json_cdr), from the channel's final
 * data (`final`: its CHANNEL_HANGUP_COMPLETE headers) and what the simulator remembers of its earlier profiles and
 * applications. Shape as in feature-calls/testing/fixtures/cdr-queue-*.json: core-uuid, switchname, channel_data,
 * callStats, variables (caller_id_number and destination_number are in the callflow, not variables), app_log when
 * the leg ran applications, and callflow with the newest profile first.
 */
export function buildJsonCdr(
  final: ReadonlyMap<string, string>,
  record: ChannelRecord | undefined,
  identity: SwitchIdentity,
): JsonCdrDocument {
  const variables = Object.fromEntries(
    [...final]
      .filter(([name]) => name.startsWith('variable_'))
      .map(([name, value]) => [name.slice('variable_'.length), value]),
  );
  const apps = record?.apps ?? [];
  const callflow = [
    callflowEntry(final, apps),
    ...[...(record?.profiles ?? [])].reverse().map((profile) => callflowEntry(profile, apps)),
  ];
  return {
    'core-uuid': identity.coreUuid,
    switchname: identity.hostname,
    channel_data: {
      state: 'CS_REPORTING',
      direction: final.get('Call-Direction') ?? '',
      state_number: '11',
      flags: '',
      caps: '',
    },
    callStats: callStats(variables),
    variables,
    ...(apps.length > 0
      ? {
          app_log: {
            applications: apps.map((app) => ({ app_name: app.name, app_data: app.data, app_stamp: app.stampUs })),
          },
        }
      : {}),
    callflow,
  };
}
