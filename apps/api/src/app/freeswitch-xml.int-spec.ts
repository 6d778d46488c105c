import { createHash } from 'node:crypto';
import { type XmlElement, findAll, namedValues, readXml } from '@switchboard/api/feature-provisioning/testing';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

const DOMAIN = 'sb.test';
const FS_USER = 'freeswitch';
const FS_PASSWORD = 'fs-http-secret-123';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** The API as deployed for FreeSWITCH: Basic credentials, an address allow-list, /freeswitch/* outside /api. */
function startApp(allow: string): Promise<TestApp> {
  return startTestApp({
    SIP_DOMAIN: DOMAIN,
    FREESWITCH_HTTP_USER: FS_USER,
    FREESWITCH_HTTP_PASSWORD: FS_PASSWORD,
    FREESWITCH_HTTP_ALLOW: allow,
  });
}

/** A directory request exactly as mod_xml_curl posts it for a REGISTER digest challenge (mod_sofia sip_auth). */
function sipAuthForm(user: string, domain = DOMAIN): string {
  return (
    `hostname=fs1&section=directory&tag_name=domain&key_name=name&key_value=${domain}&Event-Name=REQUEST_PARAMS` +
    '&Core-UUID=3369c8b1-2336-4435-a13c-5516a745ed75&FreeSWITCH-Hostname=fs1&FreeSWITCH-Switchname=fs1&FreeSWITCH-IPv4=192.0.2.2' +
    '&FreeSWITCH-IPv6=%3A%3A1&Event-Date-Local=2026-11-22%2005%3A20%3A07&Event-Date-GMT=Sun,%2022%20Nov%202026%2005%3A20%3A07%20GMT' +
    '&Event-Date-Timestamp=1795324807378963&Event-Calling-File=sofia_reg.c&Event-Calling-Function=sofia_reg_parse_auth' +
    '&Event-Calling-Line-Number=2846&Event-Sequence=766&action=sip_auth&sip_profile=internal' +
    `&sip_user_agent=JsSIP%203.13.8&sip_auth_username=${user}&sip_auth_realm=${domain}&sip_auth_nonce=a212e670-2d31-441b-9a48-04b1d1091131` +
    `&sip_auth_uri=sip%3A${domain}&sip_contact_user=${user}&sip_contact_host=df7jal23ls0d.invalid&sip_to_user=${user}&sip_to_host=${domain}` +
    `&sip_via_protocol=ws&sip_from_user=${user}&sip_from_host=${domain}&sip_call_id=fb29f5460346c530&sip_request_host=${domain}` +
    '&sip_auth_qop=auth&sip_auth_cnonce=39645b121d34ea15&sip_auth_nc=00000001&sip_auth_response=14048e801caa7eead5ca3d62ad911c7d' +
    `&sip_auth_method=REGISTER&client_port=10554&key=id&user=${user}&domain=${domain}&ip=192.0.2.10`
  );
}

const BOOT_GATEWAYS_FORM =
  'hostname=fs1&section=directory&tag_name=&key_name=&key_value=&Event-Name=REQUEST_PARAMS&Core-UUID=c8eb6d34&FreeSWITCH-Hostname=fs1' +
  '&Event-Calling-File=sofia.c&Event-Calling-Function=launch_sofia_worker_thread&purpose=gateways&profile=internal';

/** What `${user_data(9200@DOMAIN var switchboard_queue)}` in the dialplan makes FreeSWITCH ask. */
const USER_DATA_FORM = `hostname=fs1&section=directory&tag_name=domain&key_name=name&key_value=${DOMAIN}&Event-Name=REQUEST_PARAMS&user=9200&domain=${DOMAIN}&type=var&key=switchboard_queue&key=id`;

const configurationForm = (file: string) =>
  `hostname=fs1&section=configuration&tag_name=configuration&key_name=name&key_value=${file}&Event-Name=REQUEST_PARAMS&Core-UUID=297f80ae&CC-Queue=support%40${DOMAIN}`;

describe('mod_xml_curl endpoints: directory and callcenter.conf (real PostgreSQL)', () => {
  let t: TestApp;
  let token = '';
  const fetchXml = (path: string, form: string) =>
    t.http().post(path).auth(FS_USER, FS_PASSWORD).type('form').send(form);
  const user = (doc: XmlElement) => findAll(doc, 'user')[0];

  beforeAll(async () => {
    t = await startApp('127.0.0.1,::1');
    token = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    const admin = { authorization: `Bearer ${token}` };
    const create = (path: string, body: object) =>
      t
        .http()
        .post(path)
        .set(admin)
        .send(body)
        .expect(201)
        .then((r) => r.body as { id: string });
    const ext1001 = await create('/api/extensions', {
      number: '1001',
      displayName: 'Ann',
      password: 'Static-secret-1001',
      outboundClass: 'NATIONAL',
      callGroup: 'support',
    });
    await create('/api/extensions', { number: '1002', displayName: 'No password' });
    await create('/api/extensions', {
      number: '1003',
      displayName: 'Gone',
      password: 'Static-secret-1003',
      enabled: false,
    });
    await create('/api/extensions', {
      number: '1004',
      displayName: `Eve "<script>" & O'Brien`,
      callerIdName: '</user><user id="x">',
      password: 'Static-secret-1004',
    });
    const supervisorId = await createUser(t, token, {
      email: 'sue@example.com',
      displayName: 'Sue',
      role: 'SUPERVISOR',
      password: 'Sue-pass-12345',
    });
    const agent = await create('/api/agents', { userId: supervisorId, extensionId: ext1001.id });
    const queue = await create('/api/queues', {
      name: 'support',
      displayName: 'Support',
      number: '9200',
      maxWaitTime: 300,
    });
    await create('/api/tiers', { agentId: agent.id, queueId: queue.id, level: 1, position: 2 });
  });
  afterAll(() => t.close());

  describe('directory', () => {
    it('authenticates a REGISTER by the static a1-hash, with no password in the answer', async () => {
      const response = await fetchXml('/freeswitch/directory', sipAuthForm('1004')).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/xml/);
      const doc = readXml(response.text);
      expect(findAll(doc, 'domain')[0]?.attributes['name']).toBe(DOMAIN);
      expect(namedValues(findAll(user(doc), 'params')[0], 'param')).toEqual({
        'a1-hash': md5(`1004:${DOMAIN}:Static-secret-1004`),
      });
      expect(response.text).not.toContain('Static-secret');
      expect(response.text).not.toMatch(/name="password"/);
    });

    it('serves hostile names escaped, so they read back exactly and add no elements', async () => {
      const doc = readXml((await fetchXml('/freeswitch/directory', sipAuthForm('1004')).expect(200)).text);
      expect(findAll(doc, 'user')).toHaveLength(1);
      const variables = namedValues(findAll(user(doc), 'variables')[0], 'variable');
      expect(variables['effective_caller_id_name']).toBe(`Eve "<script>" & O'Brien`);
      expect(variables['outbound_caller_id_name']).toBe('</user><user id="x">');
    });

    it('prefers the newest live per-login credential of the agent over the static password', async () => {
      const agent = await t.prisma.agent.findFirstOrThrow({ where: { extension: { number: '1001' } } });
      const extension = await t.prisma.extension.findFirstOrThrow({ where: { number: '1001' } });
      const hour = 3_600_000;
      const session = await t.prisma.session.create({
        data: { userId: agent.userId, refreshTokenHash: 'live-session', expiresAt: new Date(Date.now() + hour) },
      });
      const credential = (a1Hash: string, createdAgo: number, extra: object = {}) =>
        t.prisma.sipCredential.create({
          data: {
            sessionId: session.id,
            extensionId: extension.id,
            a1Hash,
            createdAt: new Date(Date.now() - createdAgo),
            expiresAt: new Date(Date.now() + hour),
            ...extra,
          },
        });
      await credential('a'.repeat(32), 30_000);
      await credential('b'.repeat(32), 20_000);
      await credential('c'.repeat(32), 10_000, { revokedAt: new Date() });
      await credential('d'.repeat(32), 5_000, { expiresAt: new Date(Date.now() - 1000) });
      const doc = readXml((await fetchXml('/freeswitch/directory', sipAuthForm('1001')).expect(200)).text);
      expect(namedValues(findAll(user(doc), 'params')[0], 'param')['a1-hash']).toBe('b'.repeat(32));
      const variables = namedValues(findAll(user(doc), 'variables')[0], 'variable');
      expect(variables).toMatchObject({
        toll_allow: 'internal,local,national',
        callgroup: 'support',
        user_context: 'default',
        switchboard_supervisor: 'true',
      });

      await t.prisma.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
      const afterLogout = readXml((await fetchXml('/freeswitch/directory', sipAuthForm('1001')).expect(200)).text);
      expect(namedValues(findAll(user(afterLogout), 'params')[0], 'param')['a1-hash']).toBe(
        md5(`1001:${DOMAIN}:Static-secret-1001`),
      );
    });

    it.each([
      ['an unknown user', '4242'],
      ['an extension with no password and no login', '1002'],
      ['a disabled extension', '1003'],
      ['a queue number (never a SIP account)', '9200'],
    ])('answers "not found" for %s', async (_what, number) => {
      const doc = readXml((await fetchXml('/freeswitch/directory', sipAuthForm(number)).expect(200)).text);
      expect(findAll(doc, 'result')[0]?.attributes['status']).toBe('not found');
      expect(findAll(doc, 'user')).toEqual([]);
    });

    it('answers "not found" for another domain', async () => {
      const doc = readXml(
        (await fetchXml('/freeswitch/directory', sipAuthForm('1004', 'evil.example.com')).expect(200)).text,
      );
      expect(findAll(doc, 'result')[0]?.attributes['status']).toBe('not found');
    });

    it('answers the start-up gateway scan with the bare domain', async () => {
      const doc = readXml((await fetchXml('/freeswitch/directory', BOOT_GATEWAYS_FORM).expect(200)).text);
      expect(findAll(doc, 'domain')[0]?.attributes['name']).toBe(DOMAIN);
      expect(findAll(doc, 'user')).toEqual([]);
      expect(namedValues(findAll(doc, 'params')[0], 'param')['dial-string']).toContain(
        '${sofia_contact(*/${dialed_user}@${dialed_domain})}',
      );
    });

    it("tells the dialplan's user_data lookup which queue a number reaches, and its display name for the agent", async () => {
      const doc = readXml((await fetchXml('/freeswitch/directory', USER_DATA_FORM).expect(200)).text);
      expect(namedValues(findAll(doc, 'variables')[0], 'variable')).toEqual({
        switchboard_queue: 'support',
        switchboard_queue_display: 'Support',
      });
    });
  });

  describe('configuration', () => {
    it('serves callcenter.conf with the queues, agents and tiers from the database', async () => {
      const doc = readXml(
        (await fetchXml('/freeswitch/configuration', configurationForm('callcenter.conf')).expect(200)).text,
      );
      const queue = findAll(doc, 'queue')[0];
      expect(queue?.attributes['name']).toBe(`support@${DOMAIN}`);
      expect(namedValues(queue, 'param')).toMatchObject({
        strategy: 'longest-idle-agent',
        'max-wait-time': '300',
        'moh-sound': 'local_stream://moh',
      });
      expect(findAll(doc, 'agent').map((a) => a.attributes)).toEqual([
        {
          name: `1001@${DOMAIN}`,
          type: 'callback',
          contact: `[leg_timeout=30]user/1001@${DOMAIN}`,
          status: 'Logged Out',
          'max-no-answer': '3',
          'wrap-up-time': '10',
          'reject-delay-time': '10',
          'busy-delay-time': '60',
          'no-answer-delay-time': '10',
        },
      ]);
      expect(findAll(doc, 'tier').map((tier) => tier.attributes)).toEqual([
        { agent: `1001@${DOMAIN}`, queue: `support@${DOMAIN}`, level: '1', position: '2' },
      ]);
    });

    it('leaves every other configuration file to FreeSWITCH', async () => {
      const doc = readXml(
        (await fetchXml('/freeswitch/configuration', configurationForm('sofia.conf')).expect(200)).text,
      );
      expect(findAll(doc, 'result')[0]?.attributes['status']).toBe('not found');
    });
  });

  describe('who may ask', () => {
    it('wants Basic credentials, challenging when they are missing or wrong', async () => {
      const missing = await t.http().post('/freeswitch/directory').type('form').send(sipAuthForm('1004')).expect(401);
      expect(missing.headers['www-authenticate']).toBe('Basic realm="switchboard-freeswitch", charset="UTF-8"');
      const wrong = await t
        .http()
        .post('/freeswitch/directory')
        .auth(FS_USER, 'not-the-password')
        .type('form')
        .send(sipAuthForm('1004'))
        .expect(401);
      expect(wrong.text).not.toContain('a1-hash');
      await t
        .http()
        .post('/freeswitch/configuration')
        .auth('admin', FS_PASSWORD)
        .type('form')
        .send(configurationForm('callcenter.conf'))
        .expect(401);
    });

    it('does not take a JWT instead, and lives outside /api', async () => {
      await t
        .http()
        .post('/freeswitch/directory')
        .set('authorization', `Bearer ${token}`)
        .type('form')
        .send(sipAuthForm('1004'))
        .expect(401);
      await t
        .http()
        .post('/api/freeswitch/directory')
        .auth(FS_USER, FS_PASSWORD)
        .type('form')
        .send(sipAuthForm('1004'))
        .expect(404);
    });

    it('refuses addresses outside FREESWITCH_HTTP_ALLOW, even with the right credentials', async () => {
      const elsewhere = await startApp('10.0.0.0/8,fd00::/8');
      try {
        const response = await elsewhere
          .http()
          .post('/freeswitch/directory')
          .auth(FS_USER, FS_PASSWORD)
          .type('form')
          .send(sipAuthForm('1004'))
          .expect(403);
        expect(response.body).toMatchObject({
          error: 'Forbidden',
          message: expect.stringMatching(/not in FREESWITCH_HTTP_ALLOW/),
        });
      } finally {
        await elsewhere.close();
      }
    });
  });
});
