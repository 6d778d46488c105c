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

/** Live channels grouped by call, newest first. */
export function liveCallRows(channels: readonly LiveChannel[]): LiveCallRow[] {
  const calls = new Map<string, LiveChannel[]>();
  for (const channel of channels) {
    if (channel.state === 'hangup') continue;
    calls.set(channel.callUuid, [...(calls.get(channel.callUuid) ?? []), channel]);
  }
  const rows: LiveCallRow[] = [];
  for (const [callUuid, legs] of calls) {
    legs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const callerLeg = legs[0];
    if (!callerLeg) continue;
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
