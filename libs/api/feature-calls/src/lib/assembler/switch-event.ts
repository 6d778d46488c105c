import type { EslEvent, EslHeaderName } from '@switchboard/api/data-access-esl';

/** A header's value, with FreeSWITCH's empty values (`Other-Leg-Unique-ID: `) read as absent. */
export function headerOf(event: EslEvent, name: EslHeaderName): string | undefined {
  return event.header(name) || undefined;
}

/**
 * When something happened to a channel, in µs: FreeSWITCH's own `Caller-Channel-*-Time` header when it is set, else
 * the event's timestamp. Event arrival is not call time: while mod_json_cdr retries a post, CHANNEL_HANGUP_COMPLETE
 * reaches us seconds late, but it carries the real `Caller-Channel-Hangup-Time`.
 */
export function channelTimeUs(event: EslEvent, name: EslHeaderName): bigint {
  const value = event.header(name);
  return value && /^[1-9]\d{0,19}$/.test(value) ? BigInt(value) : event.timestampUs;
}
