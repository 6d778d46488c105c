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
