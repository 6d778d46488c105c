/** A json column's value given as a flat `name, value, ...` list: the object `{"name": "value", ...}`. */
export class JsonObjectPairs {
  constructor(readonly pairs: readonly string[]) {}
}

/**
 * A value of one column: text-like columns (text, json) take strings, int8 columns take bigints, json columns also
 * {@link JsonObjectPairs}; null is NULL.
 */
export type CopyValue = string | bigint | JsonObjectPairs | null;

// PostgreSQL's binary COPY header (signature, no flags, no header extension) and trailer (a row of -1 columns).
const HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
const INT8_BYTES = 8;
const SLAB_BYTES = 1024 * 1024;

/**
 * Encodes rows in PostgreSQL's binary COPY format (`COPY ... FROM STDIN (FORMAT binary)`), each into its own
 * Buffer. Strings go as their UTF-8 bytes behind a length: nothing is escaped here, and the server neither unescapes
 * nor scans them (the text format looks at every byte of a 3 KB header document). The server still checks each
 * value against its column type (json is validated, text must be UTF-8).
 *
 * Rows are carved out of 1 MiB slabs outside the JavaScript heap, so thousands of rows waiting for their write cost
 * the garbage collector nothing, where the same rows as strings and objects were copied by every scavenge.
 */
export class BinaryCopyRows {
  private slab = Buffer.allocUnsafeSlow(0);
  private offset = 0;

  constructor(private readonly columns: number) {}

  /** One row; `values` has one value per column, in the COPY statement's column order. */
  encode(values: readonly CopyValue[]): Buffer {
    if (values.length !== this.columns)
      throw new RangeError(`COPY row has ${values.length} values, not ${this.columns}`);
    // A UTF-16 code unit takes at most 3 bytes in UTF-8; a column at most 4 + 8 bytes otherwise.
    let most = 2;
    for (const value of values) most += 4 + maxBytes(value);
    if (this.offset + most > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, most));
      this.offset = 0;
    }
    const { slab } = this;
    const start = this.offset;
    let at = slab.writeInt16BE(this.columns, start);
    for (const value of values) {
      if (value === null) {
        at = slab.writeInt32BE(-1, at);
      } else if (typeof value === 'bigint') {
        at = slab.writeInt32BE(INT8_BYTES, at);
        at = slab.writeBigInt64BE(value, at);
      } else {
        // The length goes in front once the bytes are written and counted.
        const bytes =
          typeof value === 'string' ? slab.write(value, at + 4, 'utf8') : writeJsonObject(slab, at + 4, value.pairs);
        slab.writeInt32BE(bytes, at);
        at += 4 + bytes;
      }
    }
    this.offset = at;
    return slab.subarray(start, at);
  }
}

/** The most bytes a value can take in UTF-8 (3 per UTF-16 code unit; JSON escapes take 6 per code unit at most). */
function maxBytes(value: CopyValue): number {
  if (value === null || typeof value === 'bigint') return INT8_BYTES;
  if (typeof value === 'string') return value.length * 3;
  let units = 2;
  for (const part of value.pairs) units += part.length * 6 + 3;
  return units;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COLON = 0x3a;

/**
 * Writes `{"name":"value",...}` from a flat pair list at `at`; returns the bytes written. JSON.stringify of the flat
 * array is V8's fastest way there (no object to build, one flat string). When it escaped nothing and is all ASCII,
 * every element sits exactly between its two quotes, so the array turns into the object in place: brackets become
 * braces, and the comma after each name a colon. Anything else (a quote, backslash or control character in a value,
 * non-ASCII text) goes the general way.
 */
function writeJsonObject(slab: Buffer, at: number, pairs: readonly string[]): number {
  const array = JSON.stringify(pairs);
  if (pairs.length % 2 === 0 && array.indexOf('\\') === -1) {
    const bytes = slab.write(array, at, 'utf8');
    if (bytes === array.length) {
      slab[at] = OPEN_BRACE;
      slab[at + bytes - 1] = CLOSE_BRACE;
      // From one separator (the bracket, first) to the next: a quote, the element, a quote.
      let separator = at;
      for (let i = 0; i < pairs.length; i += 2) {
        separator += (pairs[i]?.length ?? 0) + 3;
        slab[separator] = COLON;
        separator += (pairs[i + 1]?.length ?? 0) + 3;
      }
      return bytes;
    }
  }
  const object = Object.create(null) as Record<string, string>;
  for (let i = 0; i + 1 < pairs.length; i += 2) object[pairs[i] ?? ''] = pairs[i + 1] ?? '';
  return slab.write(JSON.stringify(object), at, 'utf8');
}

/**
 * The whole COPY payload for encoded rows, as chunks: header, rows, trailer. Rows carved one after another from the
 * same slab are one run of memory, so each run goes as a single view of it: nothing is copied here, and the socket
 * gets a few large writes. (Concatenating the rows into one Buffer copied every byte of the log once more.)
 */
export function copyPayload(rows: readonly Buffer[]): Buffer[] {
  const chunks: Buffer[] = [HEADER];
  let first: Buffer | undefined;
  let end = 0;
  for (const row of rows) {
    if (first && row.buffer === first.buffer && row.byteOffset === end) {
      end += row.length;
      continue;
    }
    if (first) chunks.push(Buffer.from(first.buffer, first.byteOffset, end - first.byteOffset));
    first = row;
    end = row.byteOffset + row.length;
  }
  if (first) chunks.push(Buffer.from(first.buffer, first.byteOffset, end - first.byteOffset));
  chunks.push(TRAILER);
  return chunks;
}
