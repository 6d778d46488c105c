import type {
  AgentStatusChangeResult,
  ApiErrorBody,
  DialCheckResultDto,
  SipRegistrationDto,
} from '@switchboard/shared/contracts';
import { findAll, namedValues, readXml } from '@switchboard/api/feature-provisioning/testing';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

const DOMAIN = 'sb.test';
const WS_URL = 'wss://sip.sb.test:7443';

/** A directory request as mod_xml_curl posts it for a REGISTER digest challenge (mod_sofia sip_auth). */
const sipAuthForm = (user: string): string =>
  `hostname=fs1&section=directory&tag_name=domain&key_name=name&key_value=${DOMAIN}&Event-Name=REQUEST_PARAMS` +
  `&action=sip_auth&sip_profile=internal&sip_auth_username=${user}&sip_auth_realm=${DOMAIN}&sip_auth_method=REGISTER` +
  `&key=id&user=${user}&domain=${DOMAIN}&ip=192.0.2.10`;

describe('agent desk: per-login SIP credentials, dial check, who may use /api/me (real PostgreSQL, no FreeSWITCH)', () => {
  let t: TestApp;
  let adminToken = '';
  const ANN = { email: 'ann@example.com', password: 'Ann-pass-12345' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** The a1-hash FreeSWITCH would get for 1001 right now, or undefined when it could not authenticate it at all. */
  const directoryHash = async (): Promise<string | undefined> => {
    const response = await t.http().post('/freeswitch/directory').type('form').send(sipAuthForm('1001')).expect(200);
    const user = findAll(readXml(response.text), 'user')[0];
    return user ? namedValues(findAll(user, 'params')[0], 'param')['a1-hash'] : undefined;
  };
  const sip = async (token: string): Promise<SipRegistrationDto> => {
    const response = await t.http().get('/api/me/sip').set(bearer(token)).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    return response.body as SipRegistrationDto;
  };

  beforeAll(async () => {
    t = await startTestApp({ SIP_DOMAIN: DOMAIN, SIP_WS_URL: WS_URL, LOGIN_RATE_LIMIT: '1000' });
    adminToken = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    const create = async (path: string, body: object): Promise<string> =>
      ((await t.http().post(path).set(bearer(adminToken)).send(body).expect(201)).body as { id: string }).id;
    // No static password: only a per-login credential can register 1001.
    const ext1001 = await create('/api/extensions', {
      number: '1001',
      displayName: 'Ann Agent',
      outboundClass: 'LOCAL',
    });
    await create('/api/extensions', { number: '1002', displayName: 'Bob' });
    await create('/api/queues', { name: 'support', displayName: 'Support', number: '9200' });
    const annId = await createUser(t, adminToken, { ...ANN, displayName: 'Ann', role: 'AGENT' });
    await create('/api/agents', { userId: annId, extensionId: ext1001 });
    const noPhoneId = await createUser(t, adminToken, {
      email: 'nophone@example.com',
      role: 'AGENT',
      password: 'NoPhone-pass-123',
    });
    await create('/api/agents', { userId: noPhoneId, name: 'nophone' });
    await createUser(t, adminToken, { email: 'sue@example.com', role: 'SUPERVISOR', password: 'Sue-pass-12345' });
  });
  afterAll(() => t.close());

  describe('GET /api/me/sip', () => {
    it('issues a credential FreeSWITCH authenticates by its a1-hash, and answers only the HA1', async () => {
      const { token } = await signIn(t, ANN.email, ANN.password);
      expect(await directoryHash()).toBeUndefined();
      const registration = await sip(token);
      expect(registration).toEqual({
        extension: '1001',
        authorizationUser: '1001',
        domain: DOMAIN,
        realm: DOMAIN,
        uri: `sip:1001@${DOMAIN}`,
        wsUrl: WS_URL,
        pbx: 'freeswitch',
        displayName: 'Ann Agent',
        ha1: expect.stringMatching(/^[0-9a-f]{32}$/),
        expiresAt: expect.any(String),
      });
      expect(await directoryHash()).toBe(registration.ha1);
      // The credential lives as long as the login's refresh lifetime (REFRESH_TOKEN_TTL, 12 h by default).
      const session = await t.prisma.session.findFirstOrThrow({
        where: { user: { email: ANN.email } },
        orderBy: { createdAt: 'desc' },
      });
      expect(registration.expiresAt).toBe(session.expiresAt.toISOString());
      const lifetime = session.expiresAt.getTime() - session.createdAt.getTime();
      expect(Math.abs(lifetime - t.config.auth.refreshTokenTtl * 1000)).toBeLessThan(1000);
    });

    it('rotates: calling it again revokes the previous credential', async () => {
      const { token } = await signIn(t, ANN.email, ANN.password);
      const first = await sip(token);
      const second = await sip(token);
      expect(second.ha1).not.toBe(first.ha1);
      expect(await directoryHash()).toBe(second.ha1);
      const stored = await t.prisma.sipCredential.findMany({ where: { a1Hash: { in: [first.ha1, second.ha1] } } });
      expect(stored.find((c) => c.a1Hash === first.ha1)?.revokedAt).toBeInstanceOf(Date);
      expect(stored.find((c) => c.a1Hash === second.ha1)?.revokedAt).toBeNull();
    });

    it('a second login takes the phone over; logging out leaves FreeSWITCH no usable credential', async () => {
      const firstLogin = await signIn(t, ANN.email, ANN.password);
      const first = await sip(firstLogin.token);
      const secondLogin = await signIn(t, ANN.email, ANN.password);
      const second = await sip(secondLogin.token);
      expect(await directoryHash()).toBe(second.ha1);
      expect(
        (await t.prisma.sipCredential.findFirstOrThrow({ where: { a1Hash: first.ha1 } })).revokedAt,
      ).toBeInstanceOf(Date);

      await t.http().post('/api/auth/logout').set(bearer(secondLogin.token)).expect(204);
      expect(await directoryHash()).toBeUndefined();
      // The first login is still signed in, but its credential stays revoked: it must ask for a new one.
      const again = await sip(firstLogin.token);
      expect(await directoryHash()).toBe(again.ha1);
      await t.http().post('/api/auth/logout').set(bearer(firstLogin.token)).expect(204);
      expect(await directoryHash()).toBeUndefined();
    });

    it('disabling the user ends the credential with the sessions', async () => {
      const { token } = await signIn(t, ANN.email, ANN.password);
      const registration = await sip(token);
      expect(await directoryHash()).toBe(registration.ha1);
      const annId = (await t.prisma.user.findUniqueOrThrow({ where: { email: ANN.email } })).id;
      await t.http().patch(`/api/users/${annId}`).set(bearer(adminToken)).send({ disabled: true }).expect(200);
      expect(await directoryHash()).toBeUndefined();
      await t.http().patch(`/api/users/${annId}`).set(bearer(adminToken)).send({ disabled: false }).expect(200);
    });

    it('refuses a disabled extension with 409', async () => {
      const { token } = await signIn(t, ANN.email, ANN.password);
      const extension = await t.prisma.extension.findFirstOrThrow({ where: { number: '1001' } });
      await t
        .http()
        .patch(`/api/extensions/${extension.id}`)
        .set(bearer(adminToken))
        .send({ enabled: false })
        .expect(200);
      try {
        const response = await t.http().get('/api/me/sip').set(bearer(token)).expect(409);
        expect((response.body as ApiErrorBody).message).toBe(
          'Your extension 1001 is disabled: ask an administrator to enable it.',
        );
      } finally {
        await t
          .http()
          .patch(`/api/extensions/${extension.id}`)
          .set(bearer(adminToken))
          .send({ enabled: true })
          .expect(200);
      }
    });

    it('audits every issue without the hash', async () => {
      const entries = await t.prisma.auditLog.findMany({ where: { action: 'sip.credential.issue' } });
      expect(entries.length).toBeGreaterThanOrEqual(5);
      expect(JSON.stringify(entries)).not.toMatch(/[0-9a-f]{32}"/);
    });

    it('answers 404 to a user who is not an agent and 409 to an agent without an extension', async () => {
      const sue = await signIn(t, 'sue@example.com', 'Sue-pass-12345');
      const notAgent = await t.http().get('/api/me/sip').set(bearer(sue.token)).expect(404);
      expect((notAgent.body as ApiErrorBody).message).toMatch(/not set up as an agent/);
      const noPhone = await signIn(t, 'nophone@example.com', 'NoPhone-pass-123');
      const noExtension = await t.http().get('/api/me/sip').set(bearer(noPhone.token)).expect(409);
      expect((noExtension.body as ApiErrorBody).message).toMatch(/no extension/);
      await t.http().get('/api/me/sip').expect(401);
    });
  });

  describe('without FreeSWITCH', () => {
    it('stores a status change and reports it pending', async () => {
      const { token } = await signIn(t, ANN.email, ANN.password);
      const response = await t
        .http()
        .put('/api/me/status')
        .set(bearer(token))
        .send({ status: 'AVAILABLE' })
        .expect(200);
      const body = response.body as AgentStatusChangeResult;
      expect(body).toMatchObject({ status: 'AVAILABLE', activity: 'IDLE', pbxSync: { status: 'pending' } });
      expect((await t.prisma.agent.findFirstOrThrow({ where: { name: `1001@${DOMAIN}` } })).status).toBe('AVAILABLE');
    });
  });

  describe('POST /api/me/dial-check', () => {
    let token = '';
    beforeAll(async () => {
      token = (await signIn(t, ANN.email, ANN.password)).token;
    });
    const check = async (destination: string): Promise<DialCheckResultDto> => {
      return (await t.http().post('/api/me/dial-check').set(bearer(token)).send({ destination }).expect(200))
        .body as DialCheckResultDto;
    };

    it.each([
      ['1002', 'INTERNAL', true],
      ['9200', 'INTERNAL', true],
      ['234 5678', 'LOCAL', true],
      ['112', 'EMERGENCY', true],
      ['030 1234567', 'NATIONAL', false],
      ['+44 20 7946 0958', 'INTERNATIONAL', false],
      ['0900 1234567', 'PREMIUM', false],
      ['4242', 'INVALID', false],
    ])('%j from a LOCAL extension is %s, allowed=%s', async (destination, kind, allowed) => {
      expect(await check(destination)).toMatchObject({ kind, allowed, outboundClass: 'LOCAL' });
    });

    it('says why a number is refused', async () => {
      expect((await check('0301234567')).message).toBe(
        '0301234567 is a national number; your extension may only call internal, local and emergency numbers.',
      );
    });

    it('rejects a missing destination with a field error', async () => {
      const response = await t
        .http()
        .post('/api/me/dial-check')
        .set(bearer(token))
        .send({ destination: ' ' })
        .expect(400);
      expect((response.body as ApiErrorBody).details).toEqual([
        { path: 'destination', message: 'destination is required' },
      ]);
    });
  });
});
