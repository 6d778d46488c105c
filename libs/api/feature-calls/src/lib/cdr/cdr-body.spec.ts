import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCdrBody } from './cdr-body';
import { InvalidCdrError } from './cdr-record';

// A CDR FreeSWITCH 1.11.2 spooled after our API refused it (testing/fixtures): what mod_json_cdr really sends.
const raw = readFileSync(join(__dirname, '../../../testing/fixtures/cdr-queue-a-leg.json'), 'utf8');
const FORM = 'application/x-www-form-urlencoded';

describe('decodeCdrBody', () => {
  it('reads encode=false: the raw JSON that FreeSWITCH labels as a form', () => {
    expect(decodeCdrBody(raw, FORM).variables?.['uuid']).toBe('3378d1c7-1951-4f16-abfb-b319ba26faff');
  });

  it('reads encode=true: cdr= and the URL-encoded JSON', () => {
    const body = `cdr=${encodeURIComponent(raw)}`;
    expect(decodeCdrBody(body, FORM).variables?.['cc_queue']).toBe('support@switchboard.local');
  });

  it("reads encode=base64: cdr= and plain base64 whose '+' and '/' are not URL-encoded", () => {
    const document = JSON.stringify({ ...JSON.parse(raw), note: '>>>???' });
    const base64 = Buffer.from(document).toString('base64');
    expect(base64).toMatch(/[+/]/);
    const decoded = decodeCdrBody(`cdr=${base64}`, 'application/x-www-form-base64-encoded');
    expect((decoded as { note?: string }).note).toBe('>>>???');
  });

  it.each([
    ['', /empty/],
    ['hello', /JSON document or a cdr= form field/],
    ['{not json', /not JSON/],
    ['[1,2]', /JSON document or a cdr= form field/],
    ['cdr=WzEsMl0=', /not JSON|not a JSON object/],
    ['cdr=%7Bnope', /not JSON/],
  ])('refuses %j with a clear reason', (body, reason) => {
    expect(() => decodeCdrBody(body, FORM)).toThrow(InvalidCdrError);
    expect(() => decodeCdrBody(body, FORM)).toThrow(reason);
  });
});
