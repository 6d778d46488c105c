import type { CallRecord } from '../assembler/call-state';
import type { CallEventRow } from './event-row';

/**
 * What waits to be written: raw event rows (bounded by count and by bytes: when PostgreSQL is away for long, the
 * oldest rows are dropped and counted) and the latest version of each changed call record (bounded by the number of
 * calls, never dropped, because a newer version always supersedes an older one).
 *
 * The byte bound is what keeps memory in check: a row holds its event's header block, ~6 KB from a real FreeSWITCH,
 * so a count alone says little about what a full buffer costs.
 */
export class EventBuffer {
  private rows: CallEventRow[] = [];
  private readonly records = new Map<string, CallRecord>();
  private rowBytes = 0;
  dropped = 0;

  constructor(
    readonly capacity: number,
    /** Most bytes of encoded rows held. */
    readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  get size(): number {
    return this.rows.length;
  }

  /** Bytes of the encoded rows held. */
  get bytes(): number {
    return this.rowBytes;
  }

  get pendingRecords(): number {
    return this.records.size;
  }

  /** Fill ratio 0..1 of the raw-event buffer: of its count or of its bytes, whichever is fuller. */
  get fill(): number {
    return Math.max(this.rows.length / this.capacity, this.rowBytes / this.maxBytes);
  }

  /** Adds an event row (none for a record that did not come from an event) and the call's latest record. */
  push(row: CallEventRow | undefined, record: CallRecord | undefined): void {
    if (row) {
      this.rows.push(row);
      this.rowBytes += row.copy.length;
    }
    if (record) this.records.set(record.uuid, record);
    this.dropOldest();
  }

  /** Takes up to `max` rows and every pending record, to write together. */
  take(max: number): { rows: CallEventRow[]; records: CallRecord[] } {
    const rows = this.rows.splice(0, max);
    for (const row of rows) this.rowBytes -= row.copy.length;
    const records = [...this.records.values()];
    this.records.clear();
    return { rows, records };
  }

  /** Puts back what could not be written, ahead of what arrived meanwhile (records: newer versions win). */
  restore(batch: { rows: CallEventRow[]; records: CallRecord[] }): void {
    this.rows = [...batch.rows, ...this.rows];
    for (const row of batch.rows) this.rowBytes += row.copy.length;
    for (const record of batch.records) if (!this.records.has(record.uuid)) this.records.set(record.uuid, record);
    this.dropOldest();
  }

  /** Drops the oldest rows beyond either bound; the newest row always stays. */
  private dropOldest(): void {
    let excess = Math.max(0, this.rows.length - this.capacity);
    let bytes = this.rowBytes;
    for (let i = 0; i < excess; i++) bytes -= this.rows[i]?.copy.length ?? 0;
    while (bytes > this.maxBytes && excess < this.rows.length - 1) bytes -= this.rows[excess++]?.copy.length ?? 0;
    if (excess === 0) return;
    this.rows.splice(0, excess);
    this.rowBytes = bytes;
    this.dropped += excess;
  }
}
