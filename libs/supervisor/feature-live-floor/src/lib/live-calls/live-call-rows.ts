import type { LiveChannel } from '@switchboard/shared/contracts';

/** One call on the floor: its legs merged into what a supervisor reads. */
export interface LiveCallRow {
  callUuid: string;
  /** The leg that started the call (the caller's). */
  callerLeg: LiveChannel;
  /** Every leg's channel uuid, the caller's first. */
  channelUuids: string[];
  caller: string;
  destination: string;
  queue: string | null;
  agent: string | null;
  state: 'ringing' | 'talking' | 'held';
  /** Talk time counts from the answer, ringing time from the start. */
  since: string;
}

/**
 * Live channels grouped into calls, newest first. Legs belong together when they share a `callUuid` or are bridged
 * to each other (a queue call's caller leg and agent leg have separate call uuids until FreeSWITCH links them).
 */
export function liveCallRows(channels: readonly LiveChannel[]): LiveCallRow[] {
  const live = channels.filter((channel) => channel.state !== 'hangup');
  const calls = groupLegs(live);
  const rows: LiveCallRow[] = [];
  for (const legs of calls.values()) {
    legs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const callerLeg = legs[0];
    if (!callerLeg) continue;
    const callUuid = callerLeg.callUuid;
    const answered = legs.find((leg) => leg.answeredAt)?.answeredAt ?? null;
    const held = legs.some((leg) => leg.state === 'held');
    rows.push({
      callUuid,
      callerLeg,
      channelUuids: legs.map((leg) => leg.uuid),
      caller: callerLeg.callerNumber ?? callerLeg.callerName ?? 'Unknown',
      destination: callerLeg.destination ?? '',
      queue: legs.find((leg) => leg.queue)?.queue ?? null,
      agent: legs.find((leg) => leg.agent)?.agent ?? null,
      state: held ? 'held' : answered ? 'talking' : 'ringing',
      since: answered ?? callerLeg.createdAt,
    });
  }
  return rows.sort((a, b) => b.callerLeg.createdAt.localeCompare(a.callerLeg.createdAt));
}

/** Connected components of legs: same call uuid, or bridged to each other. */
function groupLegs(channels: readonly LiveChannel[]): Map<string, LiveChannel[]> {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(key, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    if (!parent.has(a) || !parent.has(b)) return;
    parent.set(find(a), find(b));
  };
  for (const channel of channels) {
    parent.set(channel.uuid, channel.uuid);
    if (!parent.has(`call:${channel.callUuid}`)) parent.set(`call:${channel.callUuid}`, `call:${channel.callUuid}`);
  }
  for (const channel of channels) {
    union(channel.uuid, `call:${channel.callUuid}`);
    if (channel.bridgedTo) union(channel.uuid, channel.bridgedTo);
  }
  const groups = new Map<string, LiveChannel[]>();
  for (const channel of channels) {
    const root = find(channel.uuid);
    groups.set(root, [...(groups.get(root) ?? []), channel]);
  }
  return groups;
}

/** The call an agent is on, as the agent grid shows it. */
export interface AgentCall {
  /** The other party: the queue caller, or the number dialled / dialling on a direct call. */
  peer: string;
  /** `queue`: a queue call mod_callcenter bridged; `in` / `out`: a direct call to or from the agent's extension. */
  kind: 'queue' | 'in' | 'out';
}

/**
 * The call each agent is on, by agent name. A queue call names its agent (mod_callcenter's leg variables); a direct
 * call (a colleague, a callback, an outbound call) only shows the agent's extension as caller or destination, and
 * mod_callcenter keeps such an agent Waiting: without this the grid showed someone on the phone as free.
 */
export function agentCalls(
  rows: readonly LiveCallRow[],
  agentOfExtension: ReadonlyMap<string, string>,
): Map<string, AgentCall> {
  const calls = new Map<string, AgentCall>();
  for (const row of rows) {
    if (row.agent && !calls.has(row.agent)) calls.set(row.agent, { peer: row.caller, kind: 'queue' });
    const from = row.callerLeg.callerNumber;
    const to = row.callerLeg.destination;
    const caller = from === null ? undefined : agentOfExtension.get(from);
    const callee = to === null ? undefined : agentOfExtension.get(to);
    if (caller && caller !== row.agent && !calls.has(caller)) calls.set(caller, { peer: row.destination, kind: 'out' });
    if (callee && callee !== row.agent && !calls.has(callee)) calls.set(callee, { peer: row.caller, kind: 'in' });
  }
  return calls;
}
