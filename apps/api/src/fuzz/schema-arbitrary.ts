// Bodies that follow a route's JSON schema (from the OpenAPI document), so fuzzed requests get past validation into
// the services, and the same bodies with one field made hostile.
import fc from 'fast-check';
import { hostileValue, humanText } from './fuzz-support';

/** The parts of a JSON schema (as zod's toJSONSchema writes them) that the generator reads. */
export interface JsonSchema {
  type?: string;
  enum?: readonly unknown[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  items?: JsonSchema;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Where an id of an existing row helps (tiers need an agent and a queue that exist). */
const ID_FIELD = /(^id$|Id$|^uuid$)/;

function stringFor(name: string, schema: JsonSchema, knownIds: () => readonly string[]): fc.Arbitrary<string> {
  if (schema.format === 'uuid' || ID_FIELD.test(name))
    return fc.oneof(
      fc.uuid(),
      fc.nat().map((n) => knownIds()[n % Math.max(1, knownIds().length)] ?? 'none'),
    );
  if (name === 'email') return fc.emailAddress();
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern, 'u'))
        .filter((text) => text.length <= (schema.maxLength ?? 512));
    } catch {
      // A pattern fast-check cannot generate from (Unicode classes): ordinary text, which may fail it, is fine too.
    }
  }
  const max = Math.min(schema.maxLength ?? 60, 60);
  const text = humanText(Math.max(1, max));
  return schema.minLength ? text.map((value) => value.padEnd(schema.minLength ?? 0, 'x')) : text;
}

/** Values valid for `schema` (as far as its JSON schema says; cross-field rules may still refuse them). */
export function valueFor(schema: JsonSchema, name: string, knownIds: () => readonly string[]): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0) return fc.oneof(...choices.map((choice) => valueFor(choice, name, knownIds)));
  switch (schema.type) {
    case 'string':
      return stringFor(name, schema, knownIds);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueFor(schema.items ?? {}, name, knownIds), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
      return objectFor(schema, knownIds);
    case undefined:
    default:
      return hostileValue();
  }
}

function objectFor(schema: JsonSchema, knownIds: () => readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [key, valueFor(property, key, knownIds)]),
  );
  return fc.record(model, { requiredKeys: [...(schema.required ?? [])].filter((key) => key in properties) });
}

/** A body valid for `schema`, or one with a single field replaced by a hostile value (or an unknown field added). */
export function schemaBody(schema: JsonSchema, knownIds: () => readonly string[]): fc.Arbitrary<unknown> {
  const fields = Object.keys(schema.properties ?? {});
  const valid = valueFor(schema, '', knownIds);
  if (fields.length === 0) return valid;
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc
        .tuple(valid, fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })), hostileValue())
        .map(([body, field, value]) =>
          typeof body === 'object' && body !== null ? { ...body, [field]: value } : body,
        ),
    },
  );
}
