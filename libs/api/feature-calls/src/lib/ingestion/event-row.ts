import type { EslEvent } from '@switchboard/api/data-access-esl';
import { headerOf } from '../assembler/switch-event';

/** One row of the append-only CallEvent log. */
export interface CallEventRow {
  node: string;
  sequence: bigint;
  name: string;
  subclass: string | null;
  timestampUs: bigint;
  channelUuid: string | null;
  callUuid: string | null;
  headers: Readonly<Record<string, string>>;
}

/** The log row for an event; `callUuid` is the call the assembler put it in (or the member session for CC events). */
export function toEventRow(event: EslEvent, callUuid: string | undefined): CallEventRow {
  return {
    node: event.coreUuid,
    sequence: event.sequence,
    name: event.name,
    subclass: event.subclass ?? null,
    timestampUs: event.timestampUs,
    channelUuid: headerOf(event, 'Unique-ID') ?? null,
    callUuid: callUuid ?? headerOf(event, 'CC-Member-Session-UUID') ?? null,
    headers: event.headers,
  };
}
