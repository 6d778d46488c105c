import { SIM_DOMAIN } from './call-script';
import type { CallScenarioKind, SimAgent } from './call-scenarios';
import { type Leg, enterState, setVars } from './leg';
import {
  CLEARING,
  type Ctx,
  agentPhone,
  duringTalk,
  endBridge,
  epoch,
  markBridged,
  requireAgent,
} from './scenario-steps';
import type { HeaderList } from './wire';

/** Caller dials the queue; the dialplan answers and runs `callcenter QUEUE` (as in the real captures). */
export function queueCall(ctx: Ctx, kind: CallScenarioKind): Leg {
  const { s, input, ms } = ctx;
  const caller = s.leg({
    uuid: input.prng.uuid(),
    direction: 'inbound',
    channelName: `sofia/external/${input.callerNumber}@198.51.100.20`,
    callerIdName: input.callerName,
    callerIdNumber: input.callerNumber,
    destination: input.queueExtension,
    context: 'public',
    source: 'mod_sofia',
    networkAddr: '198.51.100.20',
  });
  const memberUuid = (ctx.memberUuid = input.prng.uuid());
  const member: HeaderList = [
    ['CC-Member-UUID', memberUuid],
    ['CC-Member-Session-UUID', caller.uuid],
    ['CC-Member-CID-Name', input.callerName],
    ['CC-Member-CID-Number', input.callerNumber],
  ];
  const count = (n: number): HeaderList => [
    ['CC-Queue', input.queue],
    ['CC-Count', String(n)],
    ['CC-Selection', 'Single-Queue'],
  ];
  const waiting = (input.waitingMembers ?? 0) + 1;
  s.channel('CHANNEL_CREATE', caller);
  setVars(caller, { current_application: 'answer' });
  s.after(ms(20, 60)).channel('CHANNEL_PROGRESS_MEDIA', caller);
  s.after(ms(10, 40)).channel('CHANNEL_ANSWER', caller);
  s.after(ms(10, 30));
  const joinedUs = s.nowUs;
  setVars(caller, {
    hangup_after_bridge: 'true',
    current_application_data: input.queue,
    current_application: 'callcenter',
    cc_side: 'member',
    cc_member_uuid: memberUuid,
    cc_queue_joined_epoch: epoch(joinedUs),
    cc_queue: input.queue,
    endpoint_disposition: 'ANSWER',
  });
  s.callcenter('member-queue-start', [['CC-Queue', input.queue], ...member], caller);
  s.callcenter('members-count', count(waiting));

  if (kind === 'abandoned' || kind === 'timeout' || kind === 'no-agent') {
    const reason = kind === 'abandoned' ? 'BREAK_OUT' : kind === 'timeout' ? 'TIMEOUT' : 'NO_AGENT_TIMEOUT';
    s.after(kind === 'abandoned' ? ms(3_000, 45_000) : ms(30_000, 60_000));
    // BREAK_OUT: the caller hangs up and mod_callcenter notices (fs-webrtc-abandon.esl). TIMEOUT/NO_AGENT_TIMEOUT:
    // mod_callcenter gives up first and the dialplan hangs up.
    if (kind === 'abandoned') s.hangup(caller, { cause: CLEARING, sipDisposition: 'recv_bye' });
    const end: HeaderList = [
      ['CC-Queue', input.queue],
      ['CC-Member-Leaving-Time', epoch(s.nowUs)],
      ['CC-Member-Joined-Time', epoch(joinedUs)],
      ['CC-Cause', 'Cancel'],
      ['CC-Cancel-Reason', reason],
      ...member,
    ];
    s.callcenter('member-queue-end', end, caller);
    s.callcenter('members-count', count(waiting - 1));
    setVars(caller, { cc_queue_canceled_epoch: epoch(s.nowUs), cc_cause: 'cancel', cc_cancel_reason: reason });
    if (kind !== 'abandoned') s.after(ms(5, 20)).hangup(caller, { cause: CLEARING, sipDisposition: 'send_bye' });
    s.complete(caller);
    return caller;
  }

  const agent = requireAgent(input.agent, kind);
  s.after(ms(2_000, 20_000)).callcenter('agent-state-change', [
    ['CC-Agent', agent.name],
    ['CC-Agent-State', 'Receiving'],
  ]);
  const offering: HeaderList = [
    ['CC-Queue', input.queue],
    ['CC-Agent', agent.name],
    ['CC-Agent-Type', 'callback'],
    ['CC-Agent-System', 'single_box'],
    ...member,
  ];
  s.callcenter('agent-offering', offering);
  const agentLeg = (ctx.agentLeg = s
    .after(ms(1, 5))
    .leg(agentPhone(input, agent, input.callerName, input.callerNumber)));
  setVars(agentLeg, {
    cc_queue: input.queue,
    cc_queue_joined_epoch: epoch(joinedUs),
    cc_member_uuid: memberUuid,
    cc_member_session_uuid: caller.uuid,
    cc_member_pre_answer_uuid: memberUuid,
    cc_agent: agent.name,
    cc_agent_type: 'callback',
    cc_side: 'agent',
    origination_caller_id_name: input.callerName,
    origination_caller_id_number: input.callerNumber,
    dialed_user: agent.extension,
    dialed_domain: SIM_DOMAIN,
  });
  const calledUs = s.nowUs;
  s.channel('CHANNEL_CREATE', agentLeg).channel('CHANNEL_ORIGINATE', agentLeg);
  s.after(ms(10, 50)).channel('CHANNEL_PROGRESS', agentLeg);
  s.after(ms(1_500, 8_000)).channel('CHANNEL_ANSWER', agentLeg);
  const answeredUs = s.nowUs;
  const agentTimes: HeaderList = [
    ['CC-Agent-Called-Time', epoch(calledUs)],
    ['CC-Agent-Answered-Time', epoch(answeredUs)],
    ['CC-Member-Joined-Time', epoch(joinedUs)],
  ];
  const agentIds: HeaderList = [
    ['CC-Agent', agent.name],
    ['CC-Agent-System', 'single_box'],
    ['CC-Agent-UUID', agentLeg.uuid],
  ];
  s.after(ms(10, 40));
  setVars(agentLeg, { endpoint_disposition: 'ANSWER' });
  agentLeg.vars.delete('cc_member_pre_answer_uuid');
  s.callcenter('bridge-agent-start', [['CC-Queue', input.queue], ...agentIds, ...agentTimes, ...member], agentLeg);
  bridgeMemberToAgent(ctx, caller, agentLeg, agent);
  s.callcenter('members-count', count(waiting - 1));
  s.channel('CHANNEL_BRIDGE', caller);
  setVars(caller, {
    bridge_to: agentLeg.uuid,
    last_bridge_to: agentLeg.uuid,
    cc_agent_bridged: 'true',
    cc_agent: agent.name,
    cc_queue_answered_epoch: epoch(s.nowUs),
    last_bridge_role: 'originator',
  });
  s.callUpdate(caller).callUpdate(agentLeg);
  s.callcenter('agent-state-change', [
    ['CC-Agent', agent.name],
    ['CC-Agent-State', 'In a queue call'],
  ]);
  duringTalk(ctx, caller, agentLeg);

  const transfer = kind === 'blind-transfer';
  const target = transfer ? requireAgent(input.otherAgent, kind) : undefined;
  if (target) {
    // The agent REFERs the caller elsewhere: FreeSWITCH hangs up the agent's leg (sending BYE, fs-webrtc-blind.esl)
    // and starts a new profile on the caller's leg, with the target as destination.
    s.after(ms(1, 5)).hangup(agentLeg, {
      cause: CLEARING,
      sipDisposition: 'send_bye',
      endpointDisposition: 'BLIND_TRANSFER',
    });
    s.newProfile(caller, `${epoch(s.nowUs)}:${input.prng.uuid()}:bl_xfer:${target.extension}/default/XML`, {
      destination: target.extension,
      by: agent.extension,
    });
    s.channel('CHANNEL_UNBRIDGE', caller).complete(agentLeg, { bridge_hangup_cause: CLEARING });
  } else {
    endBridge(ctx, caller, agentLeg, input.agentHangsUp !== true);
  }
  const endUs = s.nowUs;
  // Set by mod_callcenter after the legs reached CS_REPORTING: the real CDRs do not have it.
  if (!transfer) setVars(caller, { cc_queue_terminated_epoch: epoch(endUs) });
  s.callcenter(
    'bridge-agent-end',
    [
      ['CC-Queue', input.queue],
      ['CC-Hangup-Cause', 'SUCCESS'],
      ...agentIds,
      ['CC-Agent-Bridged', 'true'],
      ...agentTimes,
      ['CC-Bridge-Terminated-Time', epoch(endUs)],
      ...member,
    ],
    agentLeg,
  );
  const leaving: HeaderList = [
    ['CC-Member-Leaving-Time', epoch(endUs)],
    ['CC-Member-Joined-Time', epoch(joinedUs)],
  ];
  s.callcenter(
    'member-queue-end',
    [
      ['CC-Queue', input.queue],
      ['CC-Hangup-Cause', 'SUCCESS'],
      ['CC-Cause', 'Terminated'],
      ...agentIds,
      ...agentTimes.slice(0, 2),
      ...leaving,
      ...member,
    ],
    caller,
  );
  s.callcenter('agent-state-change', [
    ['CC-Agent', agent.name],
    ['CC-Agent-State', 'Waiting'],
  ]);
  if (target) transferTo(ctx, caller, target);
  return caller;
}

/**
 * mod_callcenter joins the legs with uuid_bridge, which is a transfer: both legs start a new caller profile (index 2,
 * Caller-Transfer-Source), the caller's leg goes to CS_SOFT_EXECUTE, and each learns the other's uuid.
 */
function bridgeMemberToAgent(ctx: Ctx, caller: Leg, agentLeg: Leg, agent: SimAgent): void {
  const { s, input } = ctx;
  const at = epoch(s.nowUs);
  const callerSource = `${at}:${input.prng.uuid()}:uuid_br:${agentLeg.uuid}`;
  s.newProfile(caller, callerSource).newProfile(agentLeg, `${at}:${input.prng.uuid()}:uuid_br:${caller.uuid}`);
  enterState(caller, 'CS_SOFT_EXECUTE');
  s.link(caller, agentLeg);
  setVars(caller, {
    cc_agent_uuid: agentLeg.uuid,
    bridge_channel: agentLeg.channelName,
    bridge_uuid: agentLeg.uuid,
    signal_bond: agentLeg.uuid,
    original_destination_number: caller.destination,
    original_caller_id_name: caller.callerIdName,
    original_caller_id_number: caller.callerIdNumber,
    transfer_history: callerSource,
    transfer_source: callerSource,
    cc_cause: 'answered',
  });
  setVars(agentLeg, {
    last_bridge_to: caller.uuid,
    bridge_channel: caller.channelName,
    bridge_uuid: caller.uuid,
    signal_bond: caller.uuid,
    cc_agent_bridged: 'true',
    call_uuid: caller.uuid,
    cc_agent: agent.name,
  });
  agentLeg.callUuid = caller.uuid;
}

/** After a blind transfer (REFER from the agent), FreeSWITCH calls the target for the caller and bridges them. */
function transferTo(ctx: Ctx, caller: Leg, target: SimAgent): void {
  const { s, input, ms } = ctx;
  const leg = s.after(ms(5, 30)).leg(agentPhone(input, target, caller.callerIdName, caller.callerIdNumber), caller);
  s.channel('CHANNEL_CREATE', leg).channel('CHANNEL_ORIGINATE', leg);
  s.after(ms(10, 50)).channel('CHANNEL_PROGRESS', leg);
  s.after(ms(1_000, 6_000)).channel('CHANNEL_ANSWER', leg);
  s.link(caller, leg);
  enterState(caller, 'CS_EXECUTE');
  s.channel('CHANNEL_BRIDGE', caller);
  markBridged(s, caller, leg);
  s.after(ms(5_000, 90_000));
  endBridge(ctx, caller, leg, false);
}
