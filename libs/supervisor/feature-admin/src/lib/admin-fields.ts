import type { PbxSyncReport } from '@switchboard/shared/contracts';
import type { z } from 'zod';
import type { ProvisioningPath } from './provisioning-api';

/** One choice of a select field. */
export interface FieldOption {
  value: string;
  label: string;
}

/** Where a select field gets its choices when they are records of the API. */
export type OptionSource = 'users' | 'extensions' | 'agents' | 'queues';

/** One input of a provisioning form, described once and rendered by the generic form. */
export interface FieldSpec {
  /** The request body key (and the key of the record it edits). */
  key: string;
  label: string;
  kind: 'text' | 'number' | 'select' | 'checkbox';
  hint?: string;
  /** Whether an empty input is sent as null (a nullable column) rather than left out (the server default applies). */
  emptyIsNull?: boolean;
  /** Whether the field is set at creation only (a key FreeSWITCH knows the record by). */
  createOnly?: boolean;
  /** Fixed choices of a select. */
  options?: readonly FieldOption[];
  /** Choices loaded from the API. */
  source?: OptionSource;
  /** The value a new record starts with, as the input shows it. */
  initial?: string | boolean;
}

/** One column of a provisioning list. */
export interface ColumnSpec<T> {
  label: string;
  value: (row: T) => string;
  /** Whether the cell is monospace (numbers, SIP names). */
  mono?: boolean;
}

/** Everything the generic admin page needs to manage one collection. */
export interface ResourceConfig<T extends { id: string }> {
  path: ProvisioningPath;
  /** Plural, as the page title. */
  title: string;
  /** Singular, lower case, as in "New queue". */
  noun: string;
  description: string;
  columns: readonly ColumnSpec<T>[];
  fields: readonly FieldSpec[];
  createSchema: z.ZodType;
  updateSchema: z.ZodType;
  /** How a row is named in messages and button labels. */
  label: (row: T) => string;
  /** Whether the API searches this collection. */
  searchable: boolean;
}

/** Raw values as the inputs hold them. */
export type RawValues = Readonly<Record<string, string | boolean>>;

/** The body a form sends, from raw input values: numbers parsed, empty inputs left out or nulled. */
export function toRequestBody(
  fields: readonly FieldSpec[],
  raw: RawValues,
  creating: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.createOnly && !creating) continue;
    const value = raw[field.key];
    if (typeof value === 'boolean') {
      body[field.key] = value;
      continue;
    }
    const text = (value ?? '').trim();
    if (text === '') {
      // Creating, an empty input takes the server's default; editing, it clears a nullable column.
      if (field.emptyIsNull && !creating) body[field.key] = null;
      continue;
    }
    // A number field keeps text that is not a number, so the schema names the field in its error.
    body[field.key] = field.kind === 'number' && !Number.isNaN(Number(text)) ? Number(text) : text;
  }
  return body;
}

/** Only the entries of `body` that differ from the record being edited (a PATCH refuses an empty body). */
export function changedFields(body: Readonly<Record<string, unknown>>, record: object): Record<string, unknown> {
  const current = record as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if ((current[key] ?? null) !== value) changed[key] = value;
  return changed;
}

/** The input value of a record's field when an edit form opens. */
export function rawValueOf(field: FieldSpec, record: object | null): string | boolean {
  const value = record ? (record as Record<string, unknown>)[field.key] : undefined;
  if (field.kind === 'checkbox') return typeof value === 'boolean' ? value : field.initial === true;
  if (value === undefined) return typeof field.initial === 'string' ? field.initial : '';
  return value === null ? '' : String(value as string | number);
}

/** A sentence on whether FreeSWITCH took a change. */
export function describePbxSync(sync: PbxSyncReport): string {
  switch (sync.status) {
    case 'applied':
      return 'FreeSWITCH applied the change.';
    case 'pending':
      return 'Saved; FreeSWITCH is not connected and will load it when it next starts.';
    case 'failed':
      return `Saved, but FreeSWITCH refused it: ${sync.message}`;
  }
}
