import { changedFields, describePbxSync, rawValueOf, toRequestBody } from './admin-fields';
import type { FieldSpec } from './admin-fields';

const fields: FieldSpec[] = [
  { key: 'name', label: 'Name', kind: 'text', createOnly: true },
  { key: 'number', label: 'Number', kind: 'text', emptyIsNull: true },
  { key: 'maxWaitTime', label: 'Max wait', kind: 'number', initial: '0' },
  { key: 'tierRulesApply', label: 'Tier rules', kind: 'checkbox' },
];

describe('admin form values', () => {
  it('creating, leaves empty inputs to the server’s defaults and parses numbers', () => {
    const body = toRequestBody(fields, { name: ' sales ', number: '', maxWaitTime: '30', tierRulesApply: true }, true);
    expect(body).toEqual({ name: 'sales', maxWaitTime: 30, tierRulesApply: true });
  });

  it('editing, clears an emptied nullable field and never sends a create-only key', () => {
    const body = toRequestBody(fields, { name: 'sales', number: '', maxWaitTime: '30', tierRulesApply: false }, false);
    expect(body).toEqual({ number: null, maxWaitTime: 30, tierRulesApply: false });
    expect(changedFields(body, { number: '5000', maxWaitTime: 30, tierRulesApply: false })).toEqual({ number: null });
  });

  it('keeps text typed into a number field so the schema can name the field', () => {
    expect(toRequestBody(fields, { maxWaitTime: 'soon', tierRulesApply: false }, true)).toMatchObject({
      maxWaitTime: 'soon',
    });
  });

  it('fills an edit form from the record, and a new one from the defaults', () => {
    const [, number, maxWait, rules] = fields as [FieldSpec, FieldSpec, FieldSpec, FieldSpec];
    expect(rawValueOf(number, { number: null })).toBe('');
    expect(rawValueOf(maxWait, { maxWaitTime: 120 })).toBe('120');
    expect(rawValueOf(maxWait, null)).toBe('0');
    expect(rawValueOf(rules, null)).toBe(false);
  });

  it('says plainly what FreeSWITCH did with a change', () => {
    expect(describePbxSync({ status: 'failed', message: '-ERR Invalid queue' })).toBe(
      'Saved, but FreeSWITCH refused it: -ERR Invalid queue',
    );
  });
});
