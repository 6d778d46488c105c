import type { DestinationKind, OutboundClass } from '@switchboard/shared/contracts';
import { type NumberPlan, classifyDestination, decideDial, normalizeDestination } from './number-plan';

/** The documented default plan (trunk prefix 0, international prefix 00), as in freeswitch/dialplan/default.xml. */
const DEFAULT_PLAN: NumberPlan = {
  emergencyNumbers: ['112', '911'],
  premiumPrefixes: ['0900', '0901', '0906', '0909', '0190'],
  internationalPrefix: '00',
  trunkPrefix: '0',
};
/** A closed plan without trunk prefix and with 011 to dial abroad (North America). */
const NANP: NumberPlan = {
  emergencyNumbers: ['911'],
  premiumPrefixes: ['1900', '900'],
  internationalPrefix: '011',
  trunkPrefix: '',
};

describe('normalizeDestination', () => {
  it.each([
    ['  +44 20 7946 0958 ', '+442079460958'],
    ['(030) 1234-567', '0301234567'],
    ['030/123.45.67', '0301234567'],
    ['1001', '1001'],
    [' support.desk ', 'support.desk'],
    ['agent-7', 'agent-7'],
  ])('%j is dialled as %j', (raw, dialled) => {
    expect(normalizeDestination(raw)).toBe(dialled);
  });
});

describe('classifyDestination (default plan)', () => {
  it.each<[string, DestinationKind]>([
    ['112', 'EMERGENCY'],
    ['911', 'EMERGENCY'],
    ['+442079460958', 'INTERNATIONAL'],
    ['00442079460958', 'INTERNATIONAL'],
    ['0014155550100', 'INTERNATIONAL'],
    ['+1234', 'INVALID'],
    ['+0442079460958', 'INVALID'],
    ['0301234567', 'NATIONAL'],
    ['0612345678', 'NATIONAL'],
    ['030123', 'INVALID'],
    ['2345678', 'LOCAL'],
    ['234567', 'LOCAL'],
    ['23456789', 'LOCAL'],
    ['123456', 'INVALID'],
    ['234567890', 'INVALID'],
    ['09001234567', 'PREMIUM'],
    ['0190123456', 'PREMIUM'],
    ['1001', 'INVALID'],
    ['sales', 'INVALID'],
    ['*311001', 'INVALID'],
    ['', 'INVALID'],
  ])('%j is %s', (destination, kind) => {
    expect(classifyDestination(destination, DEFAULT_PLAN, false)).toBe(kind);
  });

  it('treats a provisioned extension or queue number as internal, even when it looks like a phone number', () => {
    expect(classifyDestination('1001', DEFAULT_PLAN, true)).toBe('INTERNAL');
    expect(classifyDestination('234567', DEFAULT_PLAN, true)).toBe('INTERNAL');
    expect(classifyDestination('support.desk', DEFAULT_PLAN, true)).toBe('INTERNAL');
  });

  it('keeps emergency numbers emergency even when an extension has the same number', () => {
    expect(classifyDestination('112', DEFAULT_PLAN, true)).toBe('EMERGENCY');
  });

  it('recognises premium prefixes written in international form', () => {
    const plan = { ...DEFAULT_PLAN, premiumPrefixes: [...DEFAULT_PLAN.premiumPrefixes, '0044909'] };
    expect(classifyDestination('+449098790000', plan, false)).toBe('PREMIUM');
    expect(classifyDestination('00449098790000', plan, false)).toBe('PREMIUM');
    expect(classifyDestination('+442079460958', plan, false)).toBe('INTERNATIONAL');
  });
});

describe('classifyDestination (plan without trunk prefix)', () => {
  it.each<[string, DestinationKind]>([
    ['911', 'EMERGENCY'],
    ['112', 'INVALID'],
    ['5550100', 'LOCAL'],
    ['4155550100', 'NATIONAL'],
    ['14155550100', 'NATIONAL'],
    ['01144207946095', 'INTERNATIONAL'],
    ['+442079460958', 'INTERNATIONAL'],
    ['19005550100', 'PREMIUM'],
    ['9005550100', 'PREMIUM'],
  ])('%j is %s', (destination, kind) => {
    expect(classifyDestination(destination, NANP, false)).toBe(kind);
  });
});

describe('decideDial', () => {
  const cases: [string, OutboundClass, boolean][] = [
    ['112', 'INTERNAL', true],
    ['1001', 'INTERNAL', true],
    ['2345678', 'INTERNAL', false],
    ['2345678', 'LOCAL', true],
    ['0301234567', 'LOCAL', false],
    ['0301234567', 'NATIONAL', true],
    ['+442079460958', 'NATIONAL', false],
    ['+442079460958', 'INTERNATIONAL', true],
    ['09001234567', 'INTERNATIONAL', false],
  ];
  it.each(cases)('%j from an extension of class %s: allowed=%s', (destination, outboundClass, allowed) => {
    expect(decideDial(destination, DEFAULT_PLAN, outboundClass, destination === '1001').allowed).toBe(allowed);
  });

  it('explains a refusal with what the extension may call', () => {
    expect(decideDial('+44 20 7946 0958', DEFAULT_PLAN, 'LOCAL', false)).toEqual({
      destination: '+442079460958',
      kind: 'INTERNATIONAL',
      allowed: false,
      requiredClass: 'INTERNATIONAL',
      message:
        '+442079460958 is an international number; your extension may only call internal, local and emergency numbers.',
    });
  });

  it('always allows emergency numbers and never premium-rate ones', () => {
    expect(decideDial('911', DEFAULT_PLAN, 'INTERNAL', false)).toMatchObject({
      allowed: true,
      requiredClass: null,
      kind: 'EMERGENCY',
    });
    expect(decideDial('0900 123 4567', DEFAULT_PLAN, 'INTERNATIONAL', false)).toMatchObject({
      allowed: false,
      kind: 'PREMIUM',
      message: '09001234567 is a premium-rate number: calls to it are not allowed.',
    });
  });

  it('refuses what is not a number with a clear message', () => {
    expect(decideDial('nobody', DEFAULT_PLAN, 'INTERNATIONAL', false)).toMatchObject({
      allowed: false,
      kind: 'INVALID',
      message: 'nobody is neither an extension nor a phone number this system can dial.',
    });
  });
});
