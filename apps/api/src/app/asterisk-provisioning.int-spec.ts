import type { SipRegistrationDto } from '@switchboard/shared/contracts';
import { FakeAri } from '@switchboard/api/data-access-asterisk/testing';
import { sipA1Hash } from '@switchboard/api/feature-provisioning';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

const DOMAIN = 'sb.test';

/** How long the API may take to notice an Asterisk restart (its check runs every 10 s). */
const CATCH_UP_MS = 15_000;

describe('PBX=asterisk: extensions and per-login credentials written over ARI (real PostgreSQL, ARI fake)', () => {
  let t: TestApp;
  let ari: FakeAri;
  let adminToken = '';
  const ANN = { email: 'ann@example.com', password: 'Ann-pass-12345' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const digest = (number: string): string | undefined => ari.objects.get(`auth/${number}`)?.['password_digest'];
  const create = async (path: string, body: object): Promise<string> =>
    ((await t.http().post(path).set(bearer(adminToken)).send(body).expect(201)).body as { id: string }).id;

  beforeAll(async () => {
    ari = await FakeAri.start('sb-ari', 'ari-secret-1');
    t = await startTestApp({
      SIP_DOMAIN: DOMAIN,
      LOGIN_RATE_LIMIT: '1000',
      PBX: 'asterisk',
      ASTERISK_ARI_URL: ari.url.replace('http://', 'http://sb-ari:ari-secret-1@'),
    });
    adminToken = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
  });
  afterAll(async () => {
    await t.close();
    await ari.stop();
  });

  it('writes a desk phone with a static password when it is created, and removes it when it is disabled', async () => {
    const id = await create('/api/extensions', { number: '2001', displayName: 'Desk', password: 'Desk-pass-1234' });
    expect(digest('2001')).toBe(`MD5:${sipA1Hash('2001', DOMAIN, 'Desk-pass-1234')}`);
    expect(ari.objects.get('endpoint/2001')).toMatchObject({ auth: '2001', aors: '2001', callerid: '"Desk" <2001>' });
    expect(ari.objects.get('endpoint/2001')).toMatchObject({ webrtc: 'no' });
    const disabled = await t
      .http()
      .patch(`/api/extensions/${id}`)
      .set(bearer(adminToken))
      .send({ enabled: false })
      .expect(200);
    expect((disabled.body as { pbxSync: { status: string } }).pbxSync.status).toBe('applied');
    expect([...ari.objects.keys()].filter((key) => key.endsWith('/2001'))).toEqual([]);
  });

  it('lets an agent extension exist only while its per-login credential lives: issued at login, gone at logout', async () => {
    const ext = await create('/api/extensions', { number: '1001', displayName: 'Ann Agent' });
    const annId = await createUser(t, adminToken, { ...ANN, displayName: 'Ann', role: 'AGENT' });
    await create('/api/agents', { userId: annId, extensionId: ext });
    // No static password and nobody signed in: nothing in Asterisk can authenticate as 1001.
    expect(ari.objects.has('endpoint/1001')).toBe(false);

    const { token } = await signIn(t, ANN.email, ANN.password);
    const first = (await t.http().get('/api/me/sip').set(bearer(token)).expect(200)).body as SipRegistrationDto;
    expect(digest('1001')).toBe(`MD5:${first.ha1}`);
    expect(ari.objects.get('auth/1001')).toMatchObject({ username: '1001', realm: DOMAIN });
    expect(ari.objects.get('endpoint/1001')).toMatchObject({ webrtc: 'yes' });

    // A second tab takes the phone over: only the newest HA1 authenticates.
    const second = (await t.http().get('/api/me/sip').set(bearer(token)).expect(200)).body as SipRegistrationDto;
    expect(second.ha1).not.toBe(first.ha1);
    expect(digest('1001')).toBe(`MD5:${second.ha1}`);

    await t.http().post('/api/auth/logout').set(bearer(token)).expect(204);
    expect([...ari.objects.keys()].filter((key) => key.endsWith('/1001'))).toEqual([]);
  });

  it('writes every extension again after Asterisk restarts (its memory is empty then)', async () => {
    await create('/api/extensions', { number: '2002', displayName: 'Desk 2', password: 'Desk-pass-5678' });
    expect(digest('2002')).toBeDefined();
    ari.restart();
    expect(ari.objects.size).toBe(0);
    const deadline = Date.now() + CATCH_UP_MS;
    while (!digest('2002') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(digest('2002')).toBe(`MD5:${sipA1Hash('2002', DOMAIN, 'Desk-pass-5678')}`);
  }, 30_000);

  it('reports a change Asterisk did not take as failed, and keeps the change', async () => {
    ari.up = false;
    try {
      const response = await t
        .http()
        .post('/api/extensions')
        .set(bearer(adminToken))
        .send({ number: '2003', displayName: 'Desk 3', password: 'Desk-pass-9012' })
        .expect(201);
      expect((response.body as { pbxSync: { status: string } }).pbxSync.status).toBe('failed');
      expect(await t.prisma.extension.count({ where: { number: '2003' } })).toBe(1);
    } finally {
      ari.up = true;
    }
  });
});
