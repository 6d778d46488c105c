import { InvalidCdrError, type JsonCdr } from './cdr-record';

/** Largest CDR we read; a real one is 10-20 KB. */
export const CDR_BODY_LIMIT = '2mb';

/**
 * The CDR document in a mod_json_cdr POST body, read from its content rather than its label, because FreeSWITCH's
 * labels do not match what it sends (checked on FreeSWITCH 1.11.2):
 * - `encode=false`: the raw JSON, labelled `application/x-www-form-urlencoded` (some builds say `application/json`
 *   or `application/x-www-form-plaintext`);
 * - `encode=true`: `cdr=` + the URL-encoded JSON, labelled `application/x-www-form-urlencoded`;
 * - `encode=base64`: `cdr=` + the base64 of the JSON, not URL-encoded, labelled `application/x-www-form-base64-encoded`.
 * Throws {@link InvalidCdrError} for anything else.
 */
export function decodeCdrBody(body: string, contentType: string | undefined): JsonCdr {
  const text = body.trim();
  if (text === '') throw new InvalidCdrError('empty CDR body');
  if (text.startsWith('{')) return parseJson(text, 'the body');
  if (!text.startsWith('cdr=')) throw new InvalidCdrError('not a CDR: expected a JSON document or a cdr= form field');
  const base64 = /x-www-form-base64-encoded/i.test(contentType ?? '');
  // A base64 field is sent as is: reading it as a form would turn its '+' into spaces.
  const field = base64 ? text.slice(4) : (new URLSearchParams(text).get('cdr') ?? '');
  const json = field.trimStart().startsWith('{') ? field : Buffer.from(field, 'base64').toString('utf8');
  return parseJson(json, 'the cdr field');
}

function parseJson(text: string, where: string): JsonCdr {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidCdrError(`${where} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidCdrError(`${where} is not a JSON object`);
  return value as JsonCdr;
}
