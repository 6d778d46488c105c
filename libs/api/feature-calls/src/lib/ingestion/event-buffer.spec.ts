import type { CallRecord } from '../assembler/call-state';
import { EventBuffer } from './event-buffer';
import type { CallEventRow } from './event-row';

/** A log row of `bytes` encoded bytes, numbered by its sequence. */
function row(sequence: number, bytes: number): CallEventRow {
  return {
    node: 'n',
    sequence: BigInt(sequence),
    name: 'CHANNEL_ANSWER',
    subclass: null,
    timestampUs: 0n,
    channelUuid: null,
    callUuid: null,
    copy: Buffer.alloc(bytes),
  };
}

const sequences = (rows: readonly CallEventRow[]): number[] => rows.map((r) => Number(r.sequence));

describe('EventBuffer', () => {
  it('drops the oldest rows beyond its byte bound, counting them and what stays', () => {
    const buffer = new EventBuffer(1_000, 10_000);
    for (let i = 1; i <= 5; i++) buffer.push(row(i, 3_000), undefined);
    expect(buffer.size).toBe(3);
    expect(buffer.bytes).toBe(9_000);
    expect(buffer.dropped).toBe(2);
    expect(buffer.fill).toBeCloseTo(0.9);
    expect(sequences(buffer.take(10).rows)).toEqual([3, 4, 5]);
    expect(buffer.bytes).toBe(0);
  });

  it('drops the oldest rows beyond its count bound too, whichever comes first', () => {
    const buffer = new EventBuffer(2, 1_000_000);
    for (let i = 1; i <= 4; i++) buffer.push(row(i, 100), undefined);
    expect(sequences(buffer.take(10).rows)).toEqual([3, 4]);
    expect(buffer.dropped).toBe(2);
  });

  it('keeps the newest row even when it alone is larger than the bound', () => {
    const buffer = new EventBuffer(1_000, 1_000);
    buffer.push(row(1, 500), undefined);
    buffer.push(row(2, 5_000), undefined);
    expect(sequences(buffer.take(10).rows)).toEqual([2]);
  });

  it('puts back a batch that could not be written ahead of newer rows, within the bound, and never drops records', () => {
    const buffer = new EventBuffer(1_000, 10_000);
    for (let i = 1; i <= 3; i++) buffer.push(row(i, 3_000), { uuid: `call-${i}` } as CallRecord);
    const batch = buffer.take(2);
    buffer.push(row(4, 3_000), undefined);
    buffer.push(row(5, 3_000), undefined);
    buffer.restore(batch);
    // 1, 2 (put back), 3, 4, 5: 15,000 bytes, so the two oldest go.
    expect(buffer.bytes).toBe(9_000);
    const { rows, records } = buffer.take(10);
    expect(sequences(rows)).toEqual([3, 4, 5]);
    expect(records.map((record) => record.uuid).sort()).toEqual(['call-1', 'call-2', 'call-3']);
  });
});
