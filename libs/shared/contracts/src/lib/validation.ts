import type { z } from 'zod';
import type { FieldError } from './errors';

/** Turns zod issues into the API's field errors (one per field path, first message wins). */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One entry per unknown field, so a form (or a person reading curl output) sees which field is wrong.
      for (const key of issue.keys)
        fields.push({ path: [...issue.path, key].map(String).join('.'), message: 'is not a known field' });
      continue;
    }
    const path = issue.path.map(String).join('.');
    if (seen.has(path)) continue;
    seen.add(path);
    fields.push({ path, message: issue.message });
  }
  return fields;
}

/** One sentence that sums up field errors, for clients that show only a message. */
export function summarizeFieldErrors(fields: readonly FieldError[]): string {
  return fields.map((f) => (f.path && !f.message.startsWith(f.path) ? `${f.path} ${f.message}` : f.message)).join('; ');
}

/**
 * A NUL character, or half of a UTF-16 surrogate pair: text that PostgreSQL cannot store (NUL) or that UTF-8 cannot
 * encode (a lone surrogate, which JSON's `\ud800` escape can produce), so no field of ours may hold it.
 */
// eslint-disable-next-line no-control-regex -- NUL is the very character this pattern exists to find.
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_TEXT_ALL = new RegExp(UNSAFE_TEXT.source, 'g');

/** Why `text` cannot be taken (see {@link UNSAFE_TEXT}), as the message of a field error; undefined when it is fine. */
export function unsafeTextReason(text: string): string | undefined {
  const match = UNSAFE_TEXT.exec(text);
  if (!match) return undefined;
  return match[0] === '\u0000'
    ? 'must not contain NUL characters'
    : 'must be valid Unicode text (it holds half of a surrogate pair)';
}

/**
 * The first string in a parsed JSON or form value (object keys included) that {@link unsafeTextReason} refuses, as a
 * field error whose path is dotted like zod's (`variables.caller_id_name`, `tiers.0.level`); `prefix` starts it.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findUnsafeText(value: unknown, prefix = ''): FieldError | undefined {
  const pending: { value: unknown; path: string; key?: string }[] = [{ value, path: prefix }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const keyReason = next.key === undefined ? undefined : unsafeTextReason(next.key);
    if (keyReason) return { path: next.path, message: `(a field name) ${keyReason}` };
    if (typeof next.value === 'string') {
      const reason = unsafeTextReason(next.value);
      if (reason) return { path: next.path, message: reason };
    } else if (typeof next.value === 'object' && next.value !== null) {
      const entries = Array.isArray(next.value)
        ? next.value.map((item: unknown, index) => [String(index), item] as const)
        : Object.entries(next.value);
      // Pushed in reverse, so the first bad field in document order is the one reported.
      for (const [key, item] of entries.reverse()) {
        const path = next.path ? `${next.path}.${printable(key)}` : printable(key);
        pending.push({ value: item, path, key });
      }
    }
  }
  return undefined;
}

/** A field name fit to be echoed in an error: unsafe characters become U+FFFD. */
function printable(key: string): string {
  return key.replace(UNSAFE_TEXT_ALL, '\uFFFD');
}
