import { BinaryCopyRows, copyPayload } from './copy-binary';

const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);

describe('copyPayload', () => {
  it('sends rows carved one after another from a slab as one chunk, the same bytes as the rows in a row', () => {
    const encoder = new BinaryCopyRows(2);
    const rows = [encoder.encode(['a', 1n]), encoder.encode([null, 2n]), encoder.encode(['ünï', 3n])];
    const chunks = copyPayload(rows);
    expect(chunks).toHaveLength(3);
    expect(Buffer.concat(chunks)).toEqual(Buffer.concat([HEADER, ...rows, TRAILER]));
  });

  it('keeps rows apart that are not next to each other in memory, and sends rows in the order given', () => {
    const encoder = new BinaryCopyRows(1);
    const [a, b, c] = [encoder.encode(['a']), encoder.encode(['b']), encoder.encode(['c'])];
    const other = new BinaryCopyRows(1).encode(['x']);
    const rows = [a, c, b, other].filter((row): row is Buffer => row !== undefined);
    const chunks = copyPayload(rows);
    // a, then c (not right after a), then b (before c in memory), then a row of another slab.
    expect(chunks).toHaveLength(6);
    expect(Buffer.concat(chunks)).toEqual(Buffer.concat([HEADER, ...rows, TRAILER]));
  });

  it('is the header and the trailer alone for no rows', () => {
    expect(Buffer.concat(copyPayload([]))).toEqual(Buffer.concat([HEADER, TRAILER]));
  });
});
