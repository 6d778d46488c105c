import type { LiveChannel, LiveQueueMember } from '@switchboard/shared/contracts';
import {
  type EslEvent,
  channelDump,
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
import { liveWebInfo } from '../assembler/web-call';

const iso = (epochSeconds: number): string => new Date(epochSeconds * 1000).toISOString();

/** A node's live state, and each live channel's CHANNEL_DATA (`uuid_dump`) for the call assembler. */
export interface NodeReading {
  snapshot: NodeSnapshot;
  /** Channel data of the channels that were up, A legs first; a channel that ended meanwhile is missing. */
  dumps: EslEvent[];
}

/**
 * Reads the live state of one node from FreeSWITCH itself: channels (each with its `uuid_dump`, which also knows its
 * queue, agent and bridge), mod_callcenter agents and queue members, SIP registrations. mod_callcenter or mod_sofia
 * may be absent on a node; then that part is empty.
 */
export async function readNodeSnapshot(nodeId: string, client: EslApiClient, now = new Date()): Promise<NodeReading> {
  const [channels, agents, { queues, members }, registrations] = await Promise.all([
    showChannelsJson(client),
    callcenterAgentList(client).catch(() => [] as CallcenterAgent[]),
    queueMembers(client),
    sofiaRegistrations(client).catch(() => [] as SofiaRegistration[]),
  ]);
  const aLegsFirst = [...channels].sort(
    (a, b) => Number((a.callUuid ?? a.uuid) !== a.uuid) - Number((b.callUuid ?? b.uuid) !== b.uuid),
  );
  const dumps = await Promise.all(aLegsFirst.map((c) => channelDump(client, c.uuid).catch(() => undefined)));
  const dumpOf = new Map(dumps.flatMap((dump) => (dump?.channelUuid ? [[dump.channelUuid, dump] as const] : [])));
  const snapshot: NodeSnapshot = {
    node: nodeId,
    channels: aLegsFirst.map((c) => withChannelData(toLiveChannel(nodeId, c), dumpOf.get(c.uuid))),
    agents: agents.map((a) => ({
      name: a.name,
      status: AGENT_STATUSES.find((s) => s === a.status) ?? 'Logged Out',
      state: AGENT_STATES.find((s) => s === a.state) ?? 'Idle',
      statusSince: a.lastStatusChange > 0 ? iso(a.lastStatusChange) : now.toISOString(),
      stateSince: now.toISOString(),
    })),
    members: members.map(({ queue, member }) => ({ queue, member: toLiveMember(member) })),
    queues,
    registrations: registrations.map((r) => ({
      user: r.user,
      realm: r.realm,
      contact: r.url || null,
      node: nodeId,
      registeredAt: now.toISOString(),
    })),
  };
  return { snapshot, dumps: dumps.filter((dump): dump is EslEvent => dump !== undefined) };
}

/** What `show channels` does not say but the channel's data does: its answer time, bridge, queue and agent. */
function withChannelData(channel: LiveChannel, dump: EslEvent | undefined): LiveChannel {
  if (!dump) return channel;
  const answered = dump.header('Caller-Channel-Answered-Time');
  const bridgedTo = dump.header('variable_bridge_uuid') || dump.header('Other-Leg-Unique-ID') || null;
  return {
    ...channel,
    answeredAt:
      answered && /^[1-9]\d*$/.test(answered)
        ? new Date(Number(BigInt(answered) / 1000n)).toISOString()
        : channel.answeredAt,
    bridgedTo: bridgedTo && bridgedTo !== channel.uuid ? bridgedTo : null,
    queue: dump.header('variable_cc_queue') || null,
    // The caller's leg names the agent it was bridged to; an agent's own leg names itself.
    agent: dump.header('variable_cc_agent') || null,
    ...liveWebInfo((name) => dump.header(`variable_${name}`) || undefined),
  };
}

/** The queues mod_callcenter has loaded, and who is in them. */
async function queueMembers(
  client: EslApiClient,
): Promise<{ queues: string[]; members: { queue: string; member: CallcenterQueueMember }[] }> {
  let queues: string[];
  try {
    const command = eslCommand.api('callcenter_config', 'queue', 'list');
    queues = parsePipeTable(await client.api(command), 'callcenter_config queue list')
      .rows.map((row) => row['name'] ?? '')
      .filter(Boolean);
  } catch {
    // mod_callcenter not loaded on this node: no queues to read.
    return { queues: [], members: [] };
  }
  const perQueue = await Promise.all(
    queues.map(async (queue) => (await callcenterQueueMembers(client, queue)).map((member) => ({ queue, member }))),
  );
  const members = perQueue.flat().filter(({ member }) => member.state !== 'Abandoned' && member.state !== 'Answered');
  return { queues, members };
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
