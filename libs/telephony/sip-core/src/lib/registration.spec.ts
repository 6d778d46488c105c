import { createTestSoftphone, type TestSoftphone } from '../../testing/test-softphone';
import { header } from '../../testing/sip-message';
import { parseDigest } from '../../testing/digest';
import { RegistrationState } from './types';

describe('registration against a digest-challenging registrar', () => {
  let t: TestSoftphone;
  afterEach(async () => t.dispose());

  it('answers the 401 challenge with ha1 credentials and becomes Registered', async () => {
    t = createTestSoftphone();
    const states: RegistrationState[] = [];
    t.phone.on('registrationChanged', (state) => states.push(state));
    await t.phone.start(t.account);

    expect(t.phone.registrationState).toBe(RegistrationState.Registered);
    const registers = t.server.requests('REGISTER');
    expect(registers).toHaveLength(2);
    expect(header(registers[0], 'authorization')).toBe('');
    const digest = parseDigest(header(registers[1], 'authorization'));
    expect(digest['username']).toBe('1001');
    expect(digest['realm']).toBe(t.server.realm);
    expect(t.server.bindings.has('1001')).toBe(true);
    expect(states).toEqual([RegistrationState.Registering, RegistrationState.Registered]);
  });
});
