import { SIM_DOMAIN } from './call-script';
import type { Leg } from './leg';
import { type Ctx, agentPhone, duringTalk, endBridge, markBridged, requireAgent } from './scenario-steps';

/** An agent's phone calls another agent (agent-to-agent) or an external number through a gateway (outbound). */
export function agentCallsOut(ctx: Ctx, kind: 'agent-to-agent' | 'outbound'): Leg {
  const { s, input, ms } = ctx;
  const agent = requireAgent(input.agent, kind);
  const target = kind === 'agent-to-agent' ? requireAgent(input.otherAgent, kind) : undefined;
  const destination = target?.extension ?? input.callerNumber;
  const a = s.leg({
    uuid: input.prng.uuid(),
    direction: 'inbound',
    channelName: `sofia/internal/${agent.extension}@${SIM_DOMAIN}`,
    callerIdName: `Agent ${agent.extension}`,
    callerIdNumber: agent.extension,
    destination,
    context: 'default',
    source: 'mod_sofia',
    networkAddr: `203.0.113.${10 + Number(agent.extension.slice(-2))}`,
    presenceId: `${agent.extension}@${SIM_DOMAIN}`,
  });
  ctx.agentLeg = a;
  s.channel('CHANNEL_CREATE', a);
  const b = s.after(ms(5, 20)).leg(
    target
      ? agentPhone(input, target, a.callerIdName, a.callerIdNumber)
      : {
          uuid: input.prng.uuid(),
          direction: 'outbound',
          channelName: `sofia/gateway/pstn/${destination}`,
          callerIdName: a.callerIdName,
          callerIdNumber: a.callerIdNumber,
          destination,
          context: 'default',
          source: 'src/switch_ivr_originate.c',
          networkAddr: '198.51.100.1',
        },
    a,
  );
  s.channel('CHANNEL_CREATE', b).channel('CHANNEL_ORIGINATE', b);
  // The caller's leg shows whom it is calling from the first reply on (fs-webrtc-hold.esl).
  Object.assign(a, { calleeName: 'Outbound Call', calleeNumber: b.destination });
  s.after(ms(20, 80)).channel(target ? 'CHANNEL_PROGRESS' : 'CHANNEL_PROGRESS_MEDIA', b);
  s.channel(target ? 'CHANNEL_PROGRESS' : 'CHANNEL_PROGRESS_MEDIA', a);
  s.after(ms(2_000, 10_000)).channel('CHANNEL_ANSWER', b);
  // A WebRTC caller gets early media just before its own answer (fs-webrtc-hold.esl).
  if (target) s.channel('CHANNEL_PROGRESS_MEDIA', a);
  s.channel('CHANNEL_ANSWER', a);
  s.link(a, b);
  s.channel('CHANNEL_BRIDGE', a);
  markBridged(s, a, b);
  duringTalk(ctx, a, b);
  endBridge(ctx, a, b, !input.prng.chance(0.5));
  return a;
}
