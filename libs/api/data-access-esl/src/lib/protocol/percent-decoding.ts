const PERCENT = 0x25;

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/**
 * Decodes a header value as FreeSWITCH's `switch_url_encode` wrote it (`%3A%3A` → `::`, `%20` → space, UTF-8
 * bytes as `%C3%A9`). Never throws: a `%` that does not start a valid escape stays literal, and bytes that are not
 * valid UTF-8 become U+FFFD. `+` stays `+` (FreeSWITCH encodes spaces as `%20`, never as `+`).
 */
export function decodeHeaderValue(value: string): string {
  if (value.indexOf('%') === -1) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    // Expected for values holding a bare '%' or an escape that is not UTF-8: decode byte by byte instead.
    return decodeLeniently(value);
  }
}

function decodeLeniently(value: string): string {
  const chunks: Buffer[] = [];
  let escaped: number[] = [];
  let literalStart = 0;
  const flushEscaped = (): void => {
    if (escaped.length > 0) chunks.push(Buffer.from(escaped));
    escaped = [];
  };
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) !== PERCENT) continue;
    const high = hexValue(value.charCodeAt(i + 1));
    const low = hexValue(value.charCodeAt(i + 2));
    if (high < 0 || low < 0) continue;
    if (i > literalStart) {
      flushEscaped();
      chunks.push(Buffer.from(value.slice(literalStart, i), 'utf8'));
    }
    escaped.push(high * 16 + low);
    i += 2;
    literalStart = i + 1;
  }
  flushEscaped();
  if (literalStart < value.length) chunks.push(Buffer.from(value.slice(literalStart), 'utf8'));
  return Buffer.concat(chunks).toString('utf8');
}
