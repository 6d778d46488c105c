import LEG_VARIABLES from './fixtures/leg-variables.json';
import type { Leg } from './leg';

/** A stage of a leg's life at which FreeSWITCH adds variables (fixtures/extract-leg-variables.mjs). */
export type LegStage = 'create' | 'media' | 'hangup' | 'reporting';

/**
 * Variables the generator sets itself, the product reads, or whose value follows the call's own timeline, people or
 * routing: a capture's value would say something false about the generated call, so these are never copied.
 */
const MODELLED = new RegExp(
  [
    // Exact names: identity, routing and people.
    '^(uuid|call_uuid|direction|is_outbound|session_id|channel_name|presence_id|originator|rdnis|note|path)$',
    '^(accountcode|domain_name|user_name|user_context|hangup_cause|billsec|duration|sip_from_user|sip_from_host)$',
    '^(sip_from_display|sip_to_user|sip_req_user|sip_call_id|sofia_profile_name|destination_number)$',
    '^(original_destination_number|record_file_path|recording_file|transfer_history|transfer_source)$',
    // Families: the queue, bridges and loopbacks, dispositions, authentication, caller ids, CDR figures.
    '^(cc_|bridge_|last_bridge|loopback|other_loopback|originat|current_application|endpoint_disposition)',
    '^(sip_hangup_disposition|hangup_cause|hold|sip_authorized|sip_auth|sip_network_|effective_caller)',
    '^(outbound_caller|caller_id|callee_id|original_caller|switchboard_|signal_bond|playback|answer|progress)',
    '^(start_|end_|hangup|bridge|profile_|flow_|waitsec|mduration|billmsec|uduration|digits_dialed)',
    // Times and durations, which follow the generated call's own timeline.
    '(_epoch|_uepoch|sec|_stamp|_time)$',
  ].join('|'),
);

type Kind = 'trunk' | 'webrtcIn' | 'webrtcOut';
type Variables = ReadonlyArray<readonly [string, string]>;

/** The captured legs' variables, decoded as the generator holds values (the encoder URL-encodes them again). */
const DECODED: Record<Kind, Record<LegStage, Variables>> = {
  trunk: decodeLeg(LEG_VARIABLES.trunk),
  webrtcIn: decodeLeg(LEG_VARIABLES.webrtcIn),
  webrtcOut: decodeLeg(LEG_VARIABLES.webrtcOut),
};

function decodeLeg(stages: Record<LegStage, string[][]>): Record<LegStage, Variables> {
  const pick = (stage: LegStage): Variables =>
    stages[stage].flatMap(([name, value]) =>
      name === undefined || MODELLED.test(name) ? [] : [[name, decode(value ?? '')] as const],
    );
  return { create: pick('create'), media: pick('media'), hangup: pick('hangup'), reporting: pick('reporting') };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Adds the variables a real FreeSWITCH leg of this kind has by `stage` and the generator does not model (SIP
 * headers, SDP, RTP and codec settings, the dialplan's trail), with the values of the real captures. Without them
 * a generated event was 40 % of a real one's size, and a benchmark of the event log measured a lighter load than
 * FreeSWITCH sends. A variable the leg already has keeps its value and place.
 */
export function addCapturedVariables(leg: Leg, stage: LegStage): void {
  const kind: Kind = !leg.channelName.startsWith('sofia/internal/')
    ? 'trunk'
    : leg.direction === 'inbound'
      ? 'webrtcIn'
      : 'webrtcOut';
  for (const [name, value] of DECODED[kind][stage]) if (!leg.vars.has(name)) leg.vars.set(name, value);
}
