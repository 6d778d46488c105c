import type { CallRecord } from '../assembler/call-state';
import type { CallEventRow } from './event-row';

/**
 * What waits to be written: raw event rows (bounded: when PostgreSQL is away for long, the oldest rows are dropped
 * and counted) and the latest version of each changed call record (bounded by the number of calls, never dropped,
 * because a newer version always supersedes an older one).
 */
export class EventBuffer {
  private rows: CallEventRow[] = [];
  private readonly records = new Map<string, CallRecord>();
  dropped = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.rows.length;
  }

  get pendingRecords(): number {
    return this.records.size;
  }

  /** Fill ratio 0..1 of the raw-event buffer. */
  get fill(): number {
    return this.rows.length / this.capacity;
  }

  /** Adds an event row (none for a record that did not come from an event) and the call's latest record. */
  push(row: CallEventRow | undefined, record: CallRecord | undefined): void {
    if (row) this.rows.push(row);
    if (record) this.records.set(record.uuid, record);
    if (this.rows.length > this.capacity) {
      const excess = this.rows.length - this.capacity;
      this.rows.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** Takes up to `max` rows and every pending record, to write together. */
  take(max: number): { rows: CallEventRow[]; records: CallRecord[] } {
    const rows = this.rows.splice(0, max);
    const records = [...this.records.values()];
    this.records.clear();
    return { rows, records };
  }

  /** Puts back what could not be written, ahead of what arrived meanwhile (records: newer versions win). */
  restore(batch: { rows: CallEventRow[]; records: CallRecord[] }): void {
    this.rows = [...batch.rows, ...this.rows];
    for (const record of batch.records) if (!this.records.has(record.uuid)) this.records.set(record.uuid, record);
    if (this.rows.length > this.capacity) {
      const excess = this.rows.length - this.capacity;
      this.rows.splice(0, excess);
      this.dropped += excess;
    }
  }
}
