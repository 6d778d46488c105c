import type { LiveChannel, LiveSnapshot } from '@switchboard/shared/contracts';
import { CallNotLiveError, NotMonitorableError } from './supervision.errors';

/** A call as the live store sees it: its channels still up, the A leg, and the agent's leg when bridged. */
export interface LiveCall {
  callUuid: string;
  node: string;
  /** The caller's (first) leg: `callUuid` when still up, else the oldest live channel. */
  aLeg: LiveChannel;
  channels: LiveChannel[];
}

/** Finds the live call that a call uuid or any of its channel uuids names. */
export function findLiveCall(snapshot: Pick<LiveSnapshot, 'channels'>, uuid: string): LiveCall {
  const up = snapshot.channels.filter((c) => c.state !== 'hangup');
  const named = up.find((c) => c.uuid === uuid || c.callUuid === uuid);
  if (!named) throw new CallNotLiveError(`No live call or channel ${uuid}.`);
  const channels = up.filter((c) => c.callUuid === named.callUuid);
  const aLeg =
    channels.find((c) => c.uuid === named.callUuid) ??
    [...channels].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0] ??
    named;
  return { callUuid: named.callUuid, node: named.node, aLeg, channels };
}

/**
 * The agent's leg of a queue call: the caller's channel carries the agent (from mod_callcenter's bridge-agent-start)
 * and is bridged to it. Refuses calls that no agent has taken yet.
 */
export function agentLegOf(
  call: LiveCall,
  all: Pick<LiveSnapshot, 'channels'>,
): { leg: LiveChannel; agent: string | null } {
  for (const channel of call.channels) {
    if (channel.agent === null || channel.bridgedTo === null) continue;
    const leg = all.channels.find((c) => c.uuid === channel.bridgedTo && c.state !== 'hangup');
    if (leg) return { leg, agent: channel.agent };
  }
  throw new NotMonitorableError(`Call ${call.callUuid} is not bridged to an agent, so there is nobody to listen to.`);
}
