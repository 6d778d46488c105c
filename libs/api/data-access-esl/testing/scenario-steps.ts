import { type CallScript, SIM_DOMAIN } from './call-script';
import type { CallScenarioKind, ScenarioInput, SimAgent } from './call-scenarios';
import { type Leg, type LegSpec, setVars } from './leg';

// Steps shared by the call scenarios (queue-call.ts, agent-call.ts).

/** A call being written: its script, its input, and what the caller of buildCall gets back about it. */
export interface Ctx {
  readonly s: CallScript;
  readonly input: ScenarioInput;
  /** A random duration in [min, max] ms, scaled by the input's timeScale. */
  readonly ms: (min: number, max: number) => number;
  memberUuid: string | undefined;
  agentLeg: Leg | undefined;
}

export const epoch = (us: bigint): string => String(us / 1_000_000n);
export const SWITCH_IP = '192.0.2.2';
export const CLEARING = 'NORMAL_CLEARING';

/** The agent a kind of call needs (the generator always gives one). */
export function requireAgent(agent: SimAgent | undefined, kind: CallScenarioKind): SimAgent {
  if (!agent) throw new Error(`a ${kind} call needs an agent`);
  return agent;
}

/** The phone of an agent, called by FreeSWITCH (mod_callcenter, a bridge, a transfer). */
export function agentPhone(
  input: ScenarioInput,
  agent: SimAgent,
  callerIdName: string,
  callerIdNumber: string,
): LegSpec {
  return {
    uuid: input.prng.uuid(),
    direction: 'outbound',
    channelName: `sofia/internal/${agent.extension}@203.0.113.${10 + Number(agent.extension.slice(-2))}`,
    callerIdName,
    callerIdNumber,
    destination: agent.extension,
    context: 'default',
    source: 'src/switch_ivr_originate.c',
    networkAddr: SWITCH_IP,
    presenceId: `${agent.extension}@${SIM_DOMAIN}`,
  };
}

/**
 * Ends a bridge, in the order FreeSWITCH 1.11 reports it (callcenter.esl, fs-webrtc-hold.esl): the side that hangs
 * up first, then the other; each leg completes (CS_REPORTING) right after its CHANNEL_HANGUP, as FreeSWITCH without
 * mod_json_cdr does. The simulator's `cdr` option delays those completions until each leg's CDR is posted.
 */
export function endBridge(ctx: Ctx, a: Leg, b: Leg, aHangsUp: boolean): void {
  const { s, ms } = ctx;
  const bVars = { bridge_hangup_cause: CLEARING };
  if (aHangsUp) {
    s.after(ms(1, 5)).hangup(a, { cause: CLEARING, sipDisposition: 'recv_bye' });
    s.hangup(b, { cause: CLEARING, sipDisposition: 'send_bye' }).complete(b, bVars);
    setVars(a, { bridge_hangup_cause: CLEARING });
    s.channel('CHANNEL_UNBRIDGE', a).after(ms(5, 20)).complete(a);
    return;
  }
  s.after(ms(1, 5)).hangup(b, { cause: CLEARING, sipDisposition: 'recv_bye' }).complete(b, bVars);
  setVars(a, { bridge_hangup_cause: CLEARING });
  s.channel('CHANNEL_UNBRIDGE', a);
  s.after(ms(5, 20)).hangup(a, { cause: CLEARING, sipDisposition: 'send_bye' }).complete(a);
}

/** Hold, DTMF and recording while the parties talk, then the rest of the talk time. */
export function duringTalk(ctx: Ctx, a: Leg, b: Leg): void {
  const { s, input, ms } = ctx;
  const recordPath = `/var/lib/freeswitch/recordings/${a.uuid}.wav`;
  if (input.record) s.after(ms(100, 500)).channel('RECORD_START', a, [['Record-File-Path', recordPath]]);
  for (const digit of input.dtmf ?? '')
    s.after(ms(300, 900)).channel('DTMF', a, [
      ['DTMF-Digit', digit],
      ['DTMF-Duration', '2000'],
      ['DTMF-Source', 'RTP'],
    ]);
  s.after(ms(5_000, 60_000));
  if (input.hold) {
    s.channel('CHANNEL_HOLD', b);
    s.after(ms(5_000, 30_000)).channel('CHANNEL_UNHOLD', b);
    s.after(ms(2_000, 20_000));
  }
  if (input.record) s.channel('RECORD_STOP', a, [['Record-File-Path', recordPath]]);
}

/** The bridge variables FreeSWITCH sets on both legs once they are bridged (then shown by CALL_UPDATE). */
export function markBridged(s: CallScript, a: Leg, b: Leg): void {
  setVars(a, {
    bridge_to: b.uuid,
    last_bridge_to: b.uuid,
    bridge_channel: b.channelName,
    bridge_uuid: b.uuid,
    signal_bond: b.uuid,
    last_bridge_role: 'originator',
  });
  setVars(b, {
    last_bridge_to: a.uuid,
    bridge_channel: a.channelName,
    bridge_uuid: a.uuid,
    signal_bond: a.uuid,
    last_bridge_role: 'originatee',
  });
  s.callUpdate(a).callUpdate(b);
}
