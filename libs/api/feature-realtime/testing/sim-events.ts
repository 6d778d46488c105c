import type { SimEvent } from '@switchboard/api/data-access-esl/testing';

/** A mod_callcenter `callcenter::info` event as FreeSWITCH sends it. */
export function callcenterEvent(action: string, headers: Record<string, string>): SimEvent {
  return { name: 'CUSTOM', subclass: 'callcenter::info', headers: [['CC-Action', action], ...Object.entries(headers)] };
}

/** A channel event (CHANNEL_CREATE, CHANNEL_ANSWER, CHANNEL_HANGUP_COMPLETE...) of channel `uuid`. */
export function channelEvent(name: string, uuid: string, headers: Record<string, string> = {}): SimEvent {
  return {
    name,
    headers: [
      ['Unique-ID', uuid],
      ['Channel-Call-UUID', uuid],
      ['Call-Direction', 'inbound'],
      ...Object.entries(headers),
    ],
  };
}
