import type { LiveChannel, LiveQueueMember } from '@switchboard/shared/contracts';
import {
  type CallcenterAgent,
  type CallcenterQueueMember,
  type EslApiClient,
  type EslChannel,
  type SofiaRegistration,
  callcenterAgentList,
  callcenterQueueMembers,
  eslCommand,
  parsePipeTable,
  showChannelsJson,
  sofiaRegistrations,
} from '@switchboard/api/data-access-esl';
import { AGENT_STATES, AGENT_STATUSES } from '@switchboard/shared/contracts';
import type { NodeSnapshot } from '../live/live-state';

const iso = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString();

/**
 * Reads the live state of one node from FreeSWITCH itself: channels, mod_callcenter agents and queue members,
 * SIP registrations. mod_callcenter or mod_sofia may be absent on a node; then that part is empty.
 */
export async function readNodeSnapshot(nodeId: string, client: EslApiClient, now = new Date()): Promise<NodeSnapshot> {
  const [channels, agents, members, registrations] = await Promise.all([
    showChannelsJson(client),
    callcenterAgentList(client).catch(() => [] as CallcenterAgent[]),
    queueMembers(client),
    sofiaRegistrations(client).catch(() => [] as SofiaRegistration[]),
  ]);
  return {
    node: nodeId,
    channels: channels.map((c) => toLiveChannel(nodeId, c)),
    agents: agents.map((a) => ({
      name: a.name,
      status: AGENT_STATUSES.find((s) => s === a.status) ?? 'Logged Out',
      state: AGENT_STATES.find((s) => s === a.state) ?? 'Idle',
      statusSince: a.lastStatusChange > 0 ? iso(a.lastStatusChange) : now.toISOString(),
      stateSince: now.toISOString(),
    })),
    members: members.map(({ queue, member }) => ({ queue, member: toLiveMember(member) })),
    registrations: registrations.map((r) => ({
      user: r.user,
      realm: r.realm,
      contact: r.url || null,
      node: nodeId,
      registeredAt: now.toISOString(),
    })),
  };
}

async function queueMembers(client: EslApiClient): Promise<{ queue: string; member: CallcenterQueueMember }[]> {
  let queues: string[];
  try {
    const command = eslCommand.api('callcenter_config', 'queue', 'list');
    queues = parsePipeTable(await client.api(command), 'callcenter_config queue list')
      .rows.map((row) => row['name'] ?? '')
      .filter(Boolean);
  } catch {
    // mod_callcenter not loaded on this node: no queues to read.
    return [];
  }
  const perQueue = await Promise.all(
    queues.map(async (queue) => (await callcenterQueueMembers(client, queue)).map((member) => ({ queue, member }))),
  );
  return perQueue.flat().filter(({ member }) => member.state !== 'Abandoned' && member.state !== 'Answered');
}

function toLiveChannel(nodeId: string, c: EslChannel): LiveChannel {
  const state = c.callState.toUpperCase();
  return {
    uuid: c.uuid,
    callUuid: c.callUuid ?? c.uuid,
    node: nodeId,
    direction: c.direction === 'outbound' ? 'OUTBOUND' : 'INBOUND',
    callerNumber: c.callerIdNumber || null,
    callerName: c.callerIdName || null,
    destination: c.destination || null,
    state: state === 'HELD' ? 'held' : state === 'ACTIVE' ? 'answered' : state === 'EARLY' ? 'early' : 'ringing',
    createdAt: iso(c.createdEpoch),
    answeredAt: null,
    bridgedTo: null,
    queue: null,
    agent: null,
  };
}

function toLiveMember(m: CallcenterQueueMember): LiveQueueMember {
  return {
    memberUuid: m.uuid,
    sessionUuid: m.sessionUuid ?? '',
    callerNumber: m.cidNumber || null,
    callerName: m.cidName || null,
    joinedAt: iso(m.joinedEpoch),
    state: m.state === 'Trying' ? 'trying' : 'waiting',
    agent: m.servingAgent ?? null,
  };
}
