import * as argon2 from 'argon2';
import { PASSWORD_HASH_OPTIONS, PasswordHasher } from '@switchboard/api/feature-auth';
import { type TestApp, startTestApp } from '../testing/test-app';

jest.setTimeout(180_000);

const PASSWORD = 'Floor-pass-2026';

/**
 * Login protection for a contact centre: one NAT address for a whole floor. Each test speaks from its own client
 * addresses (X-Forwarded-For, trusted here as behind a proxy), so their limits do not mix.
 */
describe('login protection (real PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      LOGIN_RATE_LIMIT: '3',
      LOGIN_ADDRESS_FAILURES: '12',
      LOGIN_VERIFY_CONCURRENCY: '1',
      // A one-second queue: at least 16 may wait (one slot), as many more as one slot checks in a second.
      LOGIN_QUEUE_WAIT: '1',
    });
  });
  afterAll(() => t.close());

  /**
   * Agents `prefix-0..count-1@example.com` with PASSWORD (one hash for all: hashing each would take seconds).
   * `legacy`: hashed with argon2's defaults, as stored before the OWASP parameters (a check costs ~5× as much).
   */
  async function agents(prefix: string, count: number, legacy = false): Promise<string[]> {
    const passwordHash = legacy
      ? await argon2.hash(PASSWORD, { type: argon2.argon2id })
      : await t.app.get(PasswordHasher).hash(PASSWORD);
    const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@example.com`);
    await t.prisma.user.createMany({
      data: emails.map((email) => ({ email, displayName: email, role: 'AGENT' as const, passwordHash })),
    });
    return emails;
  }

  const login = (from: string, email: string, password: string) =>
    t.http().post('/api/auth/login').set('x-forwarded-for', from).send({ email, password });

  it('lets a floor behind one address sign in again and again, typos included: only failures count', async () => {
    const floor = await agents('floor', 5);
    const statuses: number[] = [];
    for (const email of floor) {
      for (let typo = 0; typo < 2; typo++) statuses.push((await login('10.0.1.1', email, `${PASSWORD}x`)).status);
      for (let again = 0; again < 4; again++) statuses.push((await login('10.0.1.1', email, PASSWORD)).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
  });

  it('limits failures per address whatever the email, with Retry-After; other addresses go on', async () => {
    const [victim = ''] = await agents('address', 1);
    for (let i = 0; i < 12; i++)
      expect((await login('10.0.2.1', `guess-${i}@example.com`, `Guess-${i}-pass`)).status).toBe(401);
    const limited = await login('10.0.2.1', 'guess-99@example.com', 'Guess-99-pass').expect(429);
    expect(limited.body).toMatchObject({ error: 'TooManyRequests', message: expect.stringMatching(/your address/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await login('10.0.2.1', victim, PASSWORD).expect(429);
    await login('10.0.2.2', victim, PASSWORD).expect(200);
  });

  it('blocks and audits password spraying (many accounts, one password) from an address', async () => {
    const [real = ''] = await agents('sprayed', 1);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await login('10.0.3.1', `staff-${i}@example.com`, 'Winter2026!')).status);
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    const blocked = await login('10.0.3.1', real, PASSWORD).expect(429);
    expect(blocked.body).toMatchObject({ message: expect.stringMatching(/Too many accounts/) });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(60);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'auth.spraying' } });
    expect(audit).toMatchObject({ ip: '10.0.3.1', targetType: 'Address', details: { accounts: 10, passwords: 1 } });
    await login('10.0.3.2', real, PASSWORD).expect(200);
  });

  it('caps concurrent password checks server-wide: beyond the queue, a clear 429 with Retry-After, never a 5xx', async () => {
    // Slow checks (legacy hashes, re-hashed on success): once the gate has measured a few, one slot checks fewer
    // than 16 in the one-second wait, so 16 may wait and the rest are refused.
    for (const email of await agents('warm', 5, true)) await login('10.0.4.250', email, PASSWORD).expect(200);
    const crowd = await agents('crowd', 30, true);
    const responses = await Promise.all(crowd.map((email, i) => login(`10.0.4.${i + 1}`, email, PASSWORD)));
    const busy = responses.filter((r) => r.status === 429);
    expect(responses.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    // One running and at least sixteen waiting (LOGIN_VERIFY_CONCURRENCY=1) are served; the rest are told to come
    // back (a few may arrive after a slot freed up).
    expect(responses.length - busy.length).toBeGreaterThanOrEqual(17);
    expect(busy.length).toBeGreaterThanOrEqual(5);
    for (const response of busy) {
      expect(response.body).toMatchObject({ error: 'ServerBusy', message: expect.stringMatching(/busy/) });
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    await login('10.0.4.200', crowd[0] ?? '', PASSWORD).expect(200);
  });

  it("serves waiting checks in turn per address: one address's burst does not hold another's login back", async () => {
    const [real = ''] = await agents('fair', 1);
    // Slow checks for the burst (legacy hashes, wrong passwords), so it is still queued when the real login comes.
    const targets = await agents('burst', 10, true);
    const finished: string[] = [];
    const burst = targets.map((email, i) =>
      login('10.0.5.1', email, `Burst-${i}-pass`).then(() => finished.push('burst')),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const mine = login('10.0.5.2', real, PASSWORD).then((r) => (finished.push('real'), r));
    expect((await mine).body).toMatchObject({ user: { email: real } });
    await Promise.all(burst);
    // Round robin: the real login waits for at most the check running and the burst's next one, not all ten.
    expect(finished.indexOf('real')).toBeLessThanOrEqual(3);
  });

  it('re-hashes a password stored with the old argon2 parameters (the library defaults) when its owner signs in', async () => {
    const legacy = await argon2.hash(PASSWORD, { type: argon2.argon2id });
    const user = await t.prisma.user.create({
      data: { email: 'legacy@example.com', displayName: 'Legacy', role: 'AGENT', passwordHash: legacy },
    });
    await login('10.0.6.1', user.email, PASSWORD).expect(200);
    const { passwordHash } = await t.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(passwordHash).toContain('m=19456');
    expect(argon2.needsRehash(passwordHash, PASSWORD_HASH_OPTIONS)).toBe(false);
    await login('10.0.6.1', user.email, PASSWORD).expect(200);
    await login('10.0.6.1', user.email, `${PASSWORD}x`).expect(401);
  });
});
