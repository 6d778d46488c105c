import { CallScript, type GeneratedEvent, type Leg } from './call-script';
import type { Prng } from './prng';
import type { HeaderList } from './wire';

/** The kinds of call the generator produces. */
export type CallScenarioKind = 'answered' | 'abandoned' | 'timeout' | 'no-agent' | 'agent-to-agent' | 'outbound' | 'blind-transfer';

/** A mod_callcenter agent with a phone registered as a SIP user. */
export interface SimAgent {
  /** `agent1000@default`. */
  readonly name: string;
  /** `1000`. */
  readonly extension: string;
}

/** Everything one call needs; the generator fills it from its seeded source. */
export interface ScenarioInput {
  readonly prng: Prng;
  readonly startUs: bigint;
  readonly queue: string;
  readonly queueExtension: string;
  readonly callerNumber: string;
  readonly callerName: string;
  /** The agent who answers (answered, blind-transfer), calls (outbound, agent-to-agent). */
  readonly agent?: SimAgent;
  /** The agent who is called (agent-to-agent) or receives the transfer (blind-transfer). */
  readonly otherAgent?: SimAgent;
  /** Queue members already waiting, for CC-Count. */
  readonly waitingMembers?: number;
  readonly hold?: boolean;
  readonly dtmf?: string;
  readonly record?: boolean;
  /** Multiplies every duration (tests use small values). Default 1. */
  readonly timeScale?: number;
}

/** One generated call (or agent break): its events on its own timeline. */
export interface GeneratedCall {
  readonly kind: CallScenarioKind | 'agent-break';
  readonly startUs: bigint;
  /** When the last event happens. */
  readonly endUs: bigint;
  readonly callerUuid: string | undefined;
  readonly agentUuid: string | undefined;
  readonly memberUuid: string | undefined;
  readonly events: GeneratedEvent[];
}

const epoch = (us: bigint): string => String(us / 1_000_000n);
const SWITCH_IP = '192.0.2.2';

/** Builds the events of one call of `kind`. */
export function buildCall(kind: CallScenarioKind, input: ScenarioInput): GeneratedCall {
  const s = new CallScript(input.startUs);
  const scale = input.timeScale ?? 1;
  const ms = (min: number, max: number): number => input.prng.int(min, max) * scale;
  const ctx: Ctx = { s, input, ms, memberUuid: undefined, agentLeg: undefined };
  const caller = kind === 'agent-to-agent' || kind === 'outbound' ? agentCallsOut(ctx, kind) : queueCall(ctx, kind);
  return { kind, startUs: input.startUs, endUs: s.nowUs, callerUuid: caller.uuid, agentUuid: ctx.agentLeg?.uuid, memberUuid: ctx.memberUuid, events: s.events };
}

interface Ctx {
  readonly s: CallScript;
  readonly input: ScenarioInput;
  readonly ms: (min: number, max: number) => number;
  memberUuid: string | undefined;
  agentLeg: Leg | undefined;
}

function requireAgent(agent: SimAgent | undefined, kind: CallScenarioKind): SimAgent {
  if (!agent) throw new Error(`a ${kind} call needs an agent`);
  return agent;
}

/** Caller dials the queue; the dialplan answers and runs `callcenter QUEUE` (as in the callcenter capture). */
function queueCall(ctx: Ctx, kind: CallScenarioKind): Leg {
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
  const count = (n: number): HeaderList => [['CC-Queue', input.queue], ['CC-Count', String(n)], ['CC-Selection', 'Single-Queue']];
  const waiting = (input.waitingMembers ?? 0) + 1;
  s.channel('CHANNEL_CREATE', caller);
  s.after(ms(20, 60)).channel('CHANNEL_PROGRESS_MEDIA', caller);
  s.after(ms(10, 40)).channel('CHANNEL_ANSWER', caller);
  s.after(ms(10, 30)).callcenter('member-queue-start', [['CC-Queue', input.queue], ...member], caller);
  s.callcenter('members-count', count(waiting));
  const joinedUs = s.nowUs;

  if (kind === 'abandoned' || kind === 'timeout' || kind === 'no-agent') {
    const reason = kind === 'abandoned' ? 'BREAK_OUT' : kind === 'timeout' ? 'TIMEOUT' : 'NO_AGENT_TIMEOUT';
    s.after(kind === 'abandoned' ? ms(3_000, 45_000) : ms(30_000, 60_000));
    const end: HeaderList = [
      ['CC-Queue', input.queue],
      ['CC-Cause', 'Cancel'],
      ['CC-Cancel-Reason', reason],
      ['CC-Member-Leaving-Time', epoch(s.nowUs)],
      ['CC-Member-Joined-Time', epoch(joinedUs)],
      ...member,
    ];
    s.callcenter('member-queue-end', end, caller);
    s.callcenter('members-count', count(waiting - 1));
    // BREAK_OUT: the caller hung up. TIMEOUT/NO_AGENT_TIMEOUT: callcenter gave up and the dialplan hangs up.
    s.after(ms(5, 20)).hangup(caller, {
      cause: 'NORMAL_CLEARING',
      disposition: 'ANSWER',
      sipDisposition: kind === 'abandoned' ? 'recv_bye' : 'send_bye',
      extra: [['variable_cc_queue', input.queue], ['variable_cc_cause', 'cancel'], ['variable_cc_cancel_reason', reason], ['variable_cc_member_uuid', memberUuid]],
    });
    return caller;
  }

  const agent = requireAgent(input.agent, kind);
  s.after(ms(2_000, 20_000)).callcenter('agent-state-change', [['CC-Agent', agent.name], ['CC-Agent-State', 'Receiving']]);
  const offering: HeaderList = [['CC-Queue', input.queue], ['CC-Agent', agent.name], ['CC-Agent-Type', 'callback'], ['CC-Agent-System', 'single_box'], ...member];
  s.callcenter('agent-offering', offering);
  const agentLeg = (ctx.agentLeg = s.after(ms(1, 5)).leg({
    uuid: input.prng.uuid(),
    direction: 'outbound',
    channelName: `sofia/internal/${agent.extension}@203.0.113.${10 + Number(agent.extension.slice(-2))}`,
    callerIdName: input.callerName,
    callerIdNumber: input.callerNumber,
    destination: agent.extension,
    context: 'default',
    source: 'src/switch_ivr_originate.c',
    networkAddr: SWITCH_IP,
  }));
  agentLeg.calleeName = 'Outbound Call';
  agentLeg.calleeNumber = agent.extension;
  const calledUs = s.nowUs;
  s.channel('CHANNEL_CREATE', agentLeg);
  s.after(ms(10, 50)).channel('CHANNEL_PROGRESS', agentLeg);
  s.after(ms(1_500, 8_000)).channel('CHANNEL_ANSWER', agentLeg);
  const answeredUs = s.nowUs;
  const agentTimes: HeaderList = [['CC-Agent-Called-Time', epoch(calledUs)], ['CC-Agent-Answered-Time', epoch(answeredUs)], ['CC-Member-Joined-Time', epoch(joinedUs)]];
  const agentIds: HeaderList = [['CC-Agent', agent.name], ['CC-Agent-System', 'single_box'], ['CC-Agent-UUID', agentLeg.uuid]];
  s.link(caller, agentLeg);
  s.after(ms(10, 40)).callcenter('bridge-agent-start', [['CC-Queue', input.queue], ...agentIds, ...agentTimes, ...member], agentLeg);
  s.callcenter('members-count', count(waiting - 1));
  s.channel('CHANNEL_BRIDGE', caller);
  s.callcenter('agent-state-change', [['CC-Agent', agent.name], ['CC-Agent-State', 'In a queue call']]);
  duringTalk(ctx, caller, agentLeg);

  const ccVars: HeaderList = [['variable_cc_queue', input.queue], ['variable_cc_agent', agent.name], ['variable_cc_member_uuid', memberUuid]];
  const transfer = kind === 'blind-transfer';
  s.after(ms(1, 5)).hangup(agentLeg, {
    cause: 'NORMAL_CLEARING',
    disposition: transfer ? 'BLIND_TRANSFER' : 'ANSWER',
    sipDisposition: transfer ? 'recv_refer' : 'recv_bye',
    extra: [...ccVars, ['variable_cc_side', 'agent']],
  });
  s.channel('CHANNEL_UNBRIDGE', caller);
  if (!transfer) s.after(ms(5, 20)).hangup(caller, { cause: 'NORMAL_CLEARING', disposition: 'ANSWER', sipDisposition: 'send_bye', extra: [...ccVars, ['variable_cc_side', 'member'], ['variable_cc_cause', 'answered']] });
  const endUs = s.nowUs;
  s.callcenter('bridge-agent-end', [['CC-Queue', input.queue], ['CC-Hangup-Cause', 'SUCCESS'], ...agentIds, ['CC-Agent-Bridged', 'true'], ...agentTimes, ['CC-Bridge-Terminated-Time', epoch(endUs)], ...member], agentLeg);
  const leaving: HeaderList = [['CC-Member-Leaving-Time', epoch(endUs)], ['CC-Member-Joined-Time', epoch(joinedUs)]];
  s.callcenter('member-queue-end', [['CC-Queue', input.queue], ['CC-Hangup-Cause', 'SUCCESS'], ['CC-Cause', 'Terminated'], ...agentIds, ...leaving, ...member], caller);
  s.callcenter('agent-state-change', [['CC-Agent', agent.name], ['CC-Agent-State', 'Waiting']]);
  if (transfer) transferTo(ctx, caller, requireAgent(input.otherAgent, kind));
  return caller;
}

/** Hold, DTMF and recording while the parties talk, then the rest of the talk time. */
function duringTalk(ctx: Ctx, a: Leg, b: Leg): void {
  const { s, input, ms } = ctx;
  const recordPath = `/var/lib/freeswitch/recordings/${a.uuid}.wav`;
  if (input.record) s.after(ms(100, 500)).channel('RECORD_START', a, [['Record-File-Path', recordPath]]);
  for (const digit of input.dtmf ?? '') s.after(ms(300, 900)).channel('DTMF', a, [['DTMF-Digit', digit], ['DTMF-Duration', '2000'], ['DTMF-Source', 'RTP']]);
  s.after(ms(5_000, 60_000));
  if (input.hold) {
    s.channel('CHANNEL_HOLD', b);
    s.after(ms(5_000, 30_000)).channel('CHANNEL_UNHOLD', b);
    s.after(ms(2_000, 20_000));
  }
  if (input.record) s.channel('RECORD_STOP', a, [['Record-File-Path', recordPath]]);
}

/** After a blind transfer (REFER from the agent), the caller is sent to another extension. */
function transferTo(ctx: Ctx, caller: Leg, target: SimAgent): void {
  const { s, input, ms } = ctx;
  const leg = s.after(ms(5, 30)).leg({
    uuid: input.prng.uuid(),
    direction: 'outbound',
    channelName: `sofia/internal/${target.extension}@203.0.113.${10 + Number(target.extension.slice(-2))}`,
    callerIdName: caller.callerIdName,
    callerIdNumber: caller.callerIdNumber,
    destination: target.extension,
    context: 'default',
    source: 'src/switch_ivr_originate.c',
    networkAddr: SWITCH_IP,
  });
  s.channel('CHANNEL_CREATE', leg);
  s.after(ms(10, 50)).channel('CHANNEL_PROGRESS', leg);
  s.after(ms(1_000, 6_000)).channel('CHANNEL_ANSWER', leg);
  s.link(caller, leg);
  s.channel('CHANNEL_BRIDGE', caller);
  s.after(ms(5_000, 90_000)).hangup(leg, { cause: 'NORMAL_CLEARING', disposition: 'ANSWER', sipDisposition: 'recv_bye' });
  s.channel('CHANNEL_UNBRIDGE', caller);
  s.after(ms(5, 20)).hangup(caller, { cause: 'NORMAL_CLEARING', disposition: 'ANSWER', sipDisposition: 'send_bye' });
}

/** An agent's phone calls another agent (agent-to-agent) or an external number through a gateway (outbound). */
function agentCallsOut(ctx: Ctx, kind: 'agent-to-agent' | 'outbound'): Leg {
  const { s, input, ms } = ctx;
  const agent = requireAgent(input.agent, kind);
  const target = kind === 'agent-to-agent' ? requireAgent(input.otherAgent, kind) : undefined;
  const destination = target?.extension ?? input.callerNumber;
  const a = s.leg({
    uuid: input.prng.uuid(),
    direction: 'inbound',
    channelName: `sofia/internal/${agent.extension}@switchboard.local`,
    callerIdName: `Agent ${agent.extension}`,
    callerIdNumber: agent.extension,
    destination,
    context: 'default',
    source: 'mod_sofia',
    networkAddr: `203.0.113.${10 + Number(agent.extension.slice(-2))}`,
  });
  ctx.agentLeg = a;
  const b = s.after(ms(5, 20)).leg({
    uuid: input.prng.uuid(),
    direction: 'outbound',
    channelName: target ? `sofia/internal/${target.extension}@203.0.113.${10 + Number(target.extension.slice(-2))}` : `sofia/gateway/pstn/${destination}`,
    callerIdName: a.callerIdName,
    callerIdNumber: a.callerIdNumber,
    destination,
    context: 'default',
    source: 'src/switch_ivr_originate.c',
    networkAddr: target ? SWITCH_IP : '198.51.100.1',
  });
  s.channel('CHANNEL_CREATE', a);
  s.channel('CHANNEL_CREATE', b);
  s.after(ms(20, 80)).channel(target ? 'CHANNEL_PROGRESS' : 'CHANNEL_PROGRESS_MEDIA', b);
  s.channel(target ? 'CHANNEL_PROGRESS' : 'CHANNEL_PROGRESS_MEDIA', a);
  s.after(ms(2_000, 10_000)).channel('CHANNEL_ANSWER', b);
  s.channel('CHANNEL_ANSWER', a);
  s.link(a, b);
  s.channel('CHANNEL_BRIDGE', a);
  duringTalk(ctx, a, b);
  const calleeHangs = input.prng.chance(0.5);
  const [first, second] = calleeHangs ? [b, a] : [a, b];
  s.hangup(first, { cause: 'NORMAL_CLEARING', disposition: 'ANSWER', sipDisposition: 'recv_bye' });
  s.channel('CHANNEL_UNBRIDGE', a);
  s.after(ms(5, 20)).hangup(second, { cause: 'NORMAL_CLEARING', disposition: 'ANSWER', sipDisposition: 'send_bye' });
  return a;
}
