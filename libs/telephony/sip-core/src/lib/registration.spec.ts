import { createTestSoftphone, until, type TestSoftphone } from '../../testing/test-softphone';
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

  it('refreshes the registration before it expires, staying Registered', async () => {
    t = createTestSoftphone({ registerExpires: 10 });
    const states: RegistrationState[] = [];
    await t.phone.start(t.account);
    t.phone.on('registrationChanged', (state) => states.push(state));
    const contact = header(t.server.requests('REGISTER')[1], 'contact');
    expect(contact).toContain('expires=10');
    // JsSIP re-registers 5 s before a short expiry: a fresh challenge, then 200.
    await until(() => t.server.requests('REGISTER').length >= 4, 8000);
    const refresh = t.server.requests('REGISTER')[3];
    expect(parseDigest(header(refresh, 'authorization'))['username']).toBe('1001');
    expect(t.server.bindings.has('1001')).toBe(true);
    expect(t.phone.registrationState).toBe(RegistrationState.Registered);
    expect(states).toEqual([]);
  }, 10_000);

  it('unregisters with Expires 0 on stop()', async () => {
    t = createTestSoftphone();
    await t.phone.start(t.account);
    await t.phone.stop();
    const last = t.server.requests('REGISTER').at(-1);
    expect(last && /expires=0/.test(header(last, 'contact'))).toBe(true);
    expect(t.server.bindings.has('1001')).toBe(false);
    expect(t.phone.registrationState).toBe(RegistrationState.Unregistered);
  });

  it('reports wrong credentials as Failed with a typed error', async () => {
    t = createTestSoftphone({}, { ha1: 'not-the-right-ha1' });
    const errors: unknown[] = [];
    t.phone.on('error', (error) => errors.push(error));
    await t.phone.start(t.account);
    expect(t.phone.registrationState).toBe(RegistrationState.Failed);
    expect(errors).toEqual([expect.objectContaining({ name: 'SipRegistrationError', statusCode: 403 })]);
  });

  it('refuses an account without a secret before connecting', async () => {
    t = createTestSoftphone({}, { ha1: undefined, realm: undefined });
    await expect(t.phone.start(t.account)).rejects.toMatchObject({ name: 'SipAccountError' });
    expect(t.server.received).toHaveLength(0);
  });
});
