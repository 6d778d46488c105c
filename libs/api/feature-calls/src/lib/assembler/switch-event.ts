import type { EslEvent, EslHeaderName } from '@switchboard/api/data-access-esl';

/** A header's value, with FreeSWITCH's empty values (`Other-Leg-Unique-ID: `) read as absent. */
export function headerOf(event: EslEvent, name: EslHeaderName): string | undefined {
  return event.header(name) || undefined;
}
