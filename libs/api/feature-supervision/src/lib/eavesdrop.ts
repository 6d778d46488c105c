import type { MonitorMode } from '@switchboard/shared/contracts';

/**
 * mod_dptools `eavesdrop` variables per mode, for eavesdropping on the **agent's** channel. Checked on FreeSWITCH
 * 1.11.2 by who hears the supervisor (real-FreeSWITCH stage): `eavesdrop_whisper_aleg` mixes the supervisor into what
 * the eavesdropped channel *sends*, which its bridged party (the caller) hears; `eavesdrop_whisper_bleg` into what it
 * *receives*, which the agent hears. So:
 * - listen: whisper to neither;
 * - whisper: `eavesdrop_whisper_bleg` — the agent hears the supervisor, the caller does not;
 * - barge: both — a three-way conversation.
 * `eavesdrop_enable_dtmf=false`: the mode stays the one chosen (and written to the audit log); with DTMF on, the
 * supervisor's keypad could switch it (2 agent, 1 caller, 3 three-way, 0 listen).
 */
export const EAVESDROP_VARIABLES: Readonly<Record<MonitorMode, Readonly<Record<string, string>>>> = {
  listen: { eavesdrop_whisper_aleg: 'false', eavesdrop_whisper_bleg: 'false' },
  whisper: { eavesdrop_whisper_aleg: 'false', eavesdrop_whisper_bleg: 'true' },
  barge: { eavesdrop_whisper_aleg: 'true', eavesdrop_whisper_bleg: 'true' },
};

const CALLER_ID_NAMES: Readonly<Record<MonitorMode, string>> = {
  listen: 'Listen',
  whisper: 'Whisper',
  barge: 'Barge',
};

/**
 * The dial string that rings the supervisor's extension for a monitor session: `{vars}user/EXT@DOMAIN`. The caller
 * ID on the supervisor's phone says the mode and whose call it is. Values are checked again by the ESL command
 * builder (no spaces, quotes or `${}`).
 */
export function monitorDialString(input: {
  mode: MonitorMode;
  extension: string;
  domain: string;
  /** Uuid for the supervisor's new leg. */
  originationUuid: string;
  /** Shown as the caller number: the agent's extension or name. */
  agentLabel: string;
}): string {
  const variables: Record<string, string> = {
    origination_uuid: input.originationUuid,
    origination_caller_id_name: CALLER_ID_NAMES[input.mode],
    origination_caller_id_number: input.agentLabel,
    eavesdrop_enable_dtmf: 'false',
    eavesdrop_bridge_aleg: 'true',
    eavesdrop_bridge_bleg: 'true',
    ...EAVESDROP_VARIABLES[input.mode],
  };
  const list = Object.entries(variables)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
  return `{${list}}user/${input.extension}@${input.domain}`;
}
