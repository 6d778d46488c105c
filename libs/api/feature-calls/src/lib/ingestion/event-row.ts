import type { EslEvent } from '@switchboard/api/data-access-esl';
import { headerOf } from '../assembler/switch-event';
import { BinaryCopyRows, JsonObjectPairs } from './copy-binary';

/** One row of the append-only CallEvent log. */
export interface CallEventRow {
  node: string;
  sequence: bigint;
  name: string;
  subclass: string | null;
  timestampUs: bigint;
  channelUuid: string | null;
  callUuid: string | null;
  /**
   * The row as the log's COPY takes it (columns of {@link EVENT_LOG_COLUMNS}, headers included), encoded once when
   * the event is taken in: the event and its headers are garbage from then on, and the write only concatenates.
   */
  copy: Buffer;
}

/** The CallEvent columns of {@link CallEventRow.copy}, in order. */
export const EVENT_LOG_COLUMNS = `"node", "sequence", "name", "subclass", "timestampUs", "channelUuid", "callUuid", "raw", "headers"`;

/** Turns events into log rows; one per ingestion service, since it keeps a slab of encoded rows. */
export class EventRowEncoder {
  private readonly rows = new BinaryCopyRows(9);

  /** The log row for an event; `callUuid` is the call the assembler put it in (or the member session for CC events). */
  toRow(event: EslEvent, callUuid: string | undefined): CallEventRow {
    const { coreUuid: node, sequence, name, timestampUs } = event;
    const subclass = event.subclass ?? null;
    const channelUuid = event.channelUuid ?? null;
    // Only mod_callcenter's events carry the member session; looking for it in every event was a miss nearly always.
    const call = callUuid ?? (event.subclass === 'callcenter::info' ? headerOf(event, 'CC-Member-Session-UUID') : undefined) ?? null;
    // The header block goes as it came (a copy of its bytes); a text column cannot hold NUL, which FreeSWITCH
    // URL-encodes but a block from elsewhere might carry, so such a block is logged decoded, as JSON.
    const block = event.plainHeaderBlock;
    const raw = block !== undefined && block.indexOf('\0') === -1 ? block : null;
    const copy = this.rows.encode([
      node,
      sequence,
      name,
      subclass,
      timestampUs,
      channelUuid,
      call,
      raw,
      raw === null ? new JsonObjectPairs(event.headerPairs()) : null,
    ]);
    return { node, sequence, name, subclass, timestampUs, channelUuid, callUuid: call, copy };
  }
}
