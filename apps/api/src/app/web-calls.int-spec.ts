import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CallButtonDto, CallButtonStatusDto, WebCallCredentialDto } from '@switchboard/shared/contracts';
import { findAll, namedValues, readXml } from '@switchboard/api/feature-provisioning/testing';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

const DOMAIN = 'sb.test';
const SITE = 'https://shop.example.com';
const FOREIGN = 'https://evil.example.net';

/** What mod_sofia makes mod_xml_curl post for the digest auth of a request by `user`. */
const sipAuth = (user: string, method = 'INVITE', callId = 'call-1') =>
  `section=directory&tag_name=domain&key_name=name&key_value=${DOMAIN}&Event-Name=REQUEST_PARAMS&action=sip_auth` +
  `&sip_profile=internal&sip_auth_username=${user}&sip_auth_realm=${DOMAIN}&sip_auth_method=${method}` +
  `&sip_call_id=${callId}&key=id&user=${user}&domain=${DOMAIN}`;

describe('click-to-call: call buttons, the public credential endpoint and the directory (real PostgreSQL)', () => {
  let t: TestApp;
  const tokens = { ADMIN: '', SUPERVISOR: '', AGENT: '' };
  const as = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });
  let queueId = '';

  beforeAll(async () => {
    t = await startTestApp({ SIP_DOMAIN: DOMAIN, SIP_WS_URL: 'wss://pbx.example.com:7443' });
    tokens.ADMIN = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    for (const role of ['SUPERVISOR', 'AGENT'] as const) {
      await createUser(t, tokens.ADMIN, {
        email: `${role.toLowerCase()}@example.com`,
        role,
        password: 'Role-pass-1234',
      });
      tokens[role] = (await signIn(t, `${role.toLowerCase()}@example.com`, 'Role-pass-1234')).token;
    }
    queueId = (
      await t
        .http()
        .post('/api/queues')
        .set(as('ADMIN'))
        .send({ name: 'shop', displayName: 'Shop', number: '9300' })
        .expect(201)
    ).body.id as string;
  });
  afterAll(() => t.close());

  const createButton = async (fields: object = {}): Promise<CallButtonDto> =>
    (
      await t
        .http()
        .post('/api/call-buttons')
        .set(as('ADMIN'))
        .send({ name: `Button ${Math.random().toString(36).slice(2, 8)}`, queueId, allowedOrigins: [SITE], ...fields })
        .expect(201)
    ).body as CallButtonDto;
  const issue = (id: string, origin: string | undefined = SITE, page = `${SITE}/contact?order=42#top`) => {
    const call = t.http().post(`/api/public/call-buttons/${id}/calls`).type('form').send({ page });
    return origin ? call.set('origin', origin) : call;
  };

  describe('admin API', () => {
    it('creates a button with defaults, normalised origins and today’s figures; audits it', async () => {
      const button = await createButton({
        name: 'Contact page',
        allowedOrigins: ['HTTPS://Shop.Example.com:443', 'http://127.0.0.2:8080', 'https://shop.example.com'],
      });
      expect(button).toMatchObject({
        name: 'Contact page',
        queueId,
        queueName: 'shop',
        enabled: true,
        allowedOrigins: [SITE, 'http://127.0.0.2:8080'],
        timeZone: 'UTC',
        openingHours: null,
        maxConcurrentCalls: 5,
        visitorRateLimit: 3,
        visitorRateWindowSeconds: 600,
        openNow: true,
        today: { calls: 0, answered: 0 },
        activeCalls: 0,
      });
      const audit = await t.prisma.auditLog.findFirst({ where: { action: 'call-button.create', targetId: button.id } });
      expect(audit?.details).toMatchObject({ name: 'Contact page' });
    });

    it('refuses bad origins, time zones, opening hours, unknown queues and a taken name, naming the field', async () => {
      const refused = async (body: object, status: number) =>
        (await t.http().post('/api/call-buttons').set(as('ADMIN')).send(body).expect(status)).body as {
          details?: { path: string; message: string }[];
        };
      const base = { name: 'Refused', queueId, allowedOrigins: [SITE] };
      expect(
        (await refused({ ...base, allowedOrigins: ['https://shop.example.com/contact'] }, 400)).details?.[0],
      ).toMatchObject({
        path: 'allowedOrigins.0',
        message: expect.stringMatching(/scheme:\/\/host\[:port\]/),
      });
      expect((await refused({ ...base, allowedOrigins: ['*'] }, 400)).details?.[0]?.path).toBe('allowedOrigins.0');
      expect((await refused({ ...base, timeZone: 'Mars/Olympus' }, 400)).details?.[0]?.path).toBe('timeZone');
      expect(
        (await refused({ ...base, openingHours: [{ day: 'mon', opens: '17:00', closes: '09:00' }] }, 400)).details?.[0]
          ?.path,
      ).toBe('openingHours.0.closes');
      expect(
        (await refused({ ...base, queueId: '00000000-0000-4000-8000-000000000000' }, 400)).details?.[0]?.path,
      ).toBe('queueId');
      await createButton({ name: 'Taken' });
      expect((await refused({ ...base, name: 'Taken' }, 409)).details?.[0]?.path).toBe('name');
    });

    it('supervisors may look but not change; agents may not look', async () => {
      const button = await createButton();
      await t.http().get('/api/call-buttons').set(as('SUPERVISOR')).expect(200);
      await t.http().patch(`/api/call-buttons/${button.id}`).set(as('SUPERVISOR')).send({ enabled: false }).expect(403);
      await t
        .http()
        .post('/api/call-buttons')
        .set(as('SUPERVISOR'))
        .send({ name: 'x', queueId, allowedOrigins: [SITE] })
        .expect(403);
      await t.http().get('/api/call-buttons').set(as('AGENT')).expect(403);
    });

    it('switching a button off closes it to visitors; deleting it makes it unknown', async () => {
      const button = await createButton();
      await issue(button.id).expect(201);
      const off = await t
        .http()
        .patch(`/api/call-buttons/${button.id}`)
        .set(as('ADMIN'))
        .send({ enabled: false })
        .expect(200);
      expect(off.body).toMatchObject({ enabled: false, activeCalls: 1 });
      await issue(button.id).expect(404);
      await t.http().delete(`/api/call-buttons/${button.id}`).set(as('ADMIN')).expect(204);
      await t.http().get(`/api/call-buttons/${button.id}`).set(as('ADMIN')).expect(404);
      expect(await t.prisma.webCallCredential.count({ where: { buttonId: button.id } })).toBe(0);
    });
  });

  describe('public endpoints', () => {
    it('answers an allowed origin with CORS opened to it alone, and hides everything from other origins', async () => {
      const button = await createButton({ name: 'Public status' });
      const ok = await t.http().get(`/api/public/call-buttons/${button.id}`).set('origin', SITE).expect(200);
      expect(ok.body as CallButtonStatusDto).toEqual({ name: 'Public status', open: true, message: null });
      expect(ok.headers['access-control-allow-origin']).toBe(SITE);
      expect(ok.headers['vary']).toMatch(/Origin/);
      const foreign = await t.http().get(`/api/public/call-buttons/${button.id}`).set('origin', FOREIGN).expect(403);
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      await t.http().get(`/api/public/call-buttons/${button.id}`).expect(403);
      const preflight = await t
        .http()
        .options(`/api/public/call-buttons/${button.id}/calls`)
        .set('origin', SITE)
        .set('access-control-request-method', 'POST')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(SITE);
      expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);
      const refusedPreflight = await t
        .http()
        .options(`/api/public/call-buttons/${button.id}/calls`)
        .set('origin', FOREIGN)
        .expect(204);
      expect(refusedPreflight.headers['access-control-allow-origin']).toBeUndefined();
      await issue(button.id, FOREIGN, `${FOREIGN}/x`).expect(403);
      await issue('00000000-0000-4000-8000-000000000000').expect(404);
    });

    it('issues one credential for one call: HA1 only, the queue number as the only target, no-store, a minute to live', async () => {
      const button = await createButton();
      const before = Date.now();
      const response = await issue(button.id).expect(201);
      const credential = response.body as WebCallCredentialDto;
      expect(response.headers['cache-control']).toBe('no-store');
      expect(credential).toMatchObject({
        domain: DOMAIN,
        realm: DOMAIN,
        wsUrl: 'wss://pbx.example.com:7443',
        target: '9300',
        displayName: 'Web visitor',
      });
      expect(credential.authorizationUser).toMatch(/^web-[a-z2-7]{26}$/);
      expect(credential.ha1).toMatch(/^[0-9a-f]{32}$/);
      const ttl = Date.parse(credential.expiresAt) - before;
      expect(ttl).toBeGreaterThan(55_000);
      expect(ttl).toBeLessThanOrEqual(61_000);
      const stored = await t.prisma.webCallCredential.findUniqueOrThrow({
        where: { sipUser: credential.authorizationUser },
      });
      expect(stored).toMatchObject({ a1Hash: credential.ha1, origin: SITE, page: `${SITE}/contact` });
      expect(stored.visitorKey).not.toContain('127.0.0.1');
    });

    it('refuses a page of another origin than the request’s', async () => {
      const button = await createButton();
      const refused = await issue(button.id, SITE, `${FOREIGN}/contact`).expect(400);
      expect(refused.body.details[0].path).toBe('page');
    });

    it('outside the opening hours: 409 with the closed message, and the status says closed', async () => {
      const yesterday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[(new Date().getUTCDay() + 6) % 7];
      const button = await createButton({
        openingHours: [{ day: yesterday, opens: '00:00', closes: '24:00' }],
        closedMessage: 'Open yesterday only.',
      });
      const status = await t.http().get(`/api/public/call-buttons/${button.id}`).set('origin', SITE).expect(200);
      expect(status.body).toMatchObject({ open: false, message: 'Open yesterday only.' });
      const refused = await issue(button.id).expect(409);
      expect(refused.body).toMatchObject({ message: 'Open yesterday only.', details: [{ path: 'openingHours' }] });
      expect(refused.headers['access-control-allow-origin']).toBe(SITE);
    });

    it('past the visitor’s rate limit: 429 with Retry-After readable by the page', async () => {
      const button = await createButton({ visitorRateLimit: 2, visitorRateWindowSeconds: 120, maxConcurrentCalls: 10 });
      await issue(button.id).expect(201);
      await issue(button.id).expect(201);
      const refused = await issue(button.id).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(110);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(120);
      expect(refused.headers['access-control-expose-headers']).toMatch(/Retry-After/);
    });

    it('at the concurrency cap: 409 busy; a hung-up call frees its line', async () => {
      const button = await createButton({ maxConcurrentCalls: 2, visitorRateLimit: 10 });
      const first = (await issue(button.id).expect(201)).body as WebCallCredentialDto;
      await issue(button.id).expect(201);
      const busy = await issue(button.id).expect(409);
      expect(busy.body.details[0].path).toBe('maxConcurrentCalls');
      await t.prisma.webCallCredential.update({
        where: { sipUser: first.authorizationUser },
        data: { usedAt: new Date(), endedAt: new Date() },
      });
      await issue(button.id).expect(201);
    });

    it('two visitors racing for the last line: exactly one gets it', async () => {
      const button = await createButton({ maxConcurrentCalls: 1, visitorRateLimit: 10 });
      const results = await Promise.all([issue(button.id), issue(button.id), issue(button.id)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    });
  });

  describe('FreeSWITCH directory', () => {
    const directory = (form: string) => t.http().post('/freeswitch/directory').type('form').send(form).expect(200);
    const users = (xml: string) => findAll(readXml(xml), 'user');

    it('serves a credential once, to the digest auth of an INVITE, with the webcall context and the button’s variables', async () => {
      const button = await createButton({ name: 'Sales, EU — ${x}' });
      const credential = (await issue(button.id).expect(201)).body as WebCallCredentialDto;
      const user = credential.authorizationUser;
      // A REGISTER or a SUBSCRIBE with the credential, or a dial to it: never served, and the credential stays usable.
      for (const form of [
        sipAuth(user, 'REGISTER'),
        sipAuth(user, 'SUBSCRIBE'),
        `section=directory&user=${user}&domain=${DOMAIN}`,
      ])
        expect(users((await directory(form)).text)).toHaveLength(0);
      const served = users((await directory(sipAuth(user))).text);
      expect(served).toHaveLength(1);
      expect(namedValues(findAll(served[0], 'params')[0], 'param')).toEqual({ 'a1-hash': credential.ha1 });
      const variables = namedValues(findAll(served[0], 'variables')[0], 'variable');
      expect(variables).toMatchObject({
        user_context: 'webcall',
        switchboard_channel: 'web',
        switchboard_web_button: button.id,
        switchboard_web_target: '9300',
        switchboard_web_queue: 'shop',
        switchboard_web_page: 'https%3A%2F%2Fshop.example.com%2Fcontact',
        'sip_h_X-Switchboard-Queue': 'Shop',
        deny_refer_requests: 'true',
      });
      expect(decodeURIComponent(variables['switchboard_web_button_name'] ?? '')).toBe('Sales, EU — ${x}');
      expect(variables['switchboard_web_button_name']).not.toMatch(/[${},\s]/);
      // Used: a second INVITE (another call) gets nothing.
      expect(users((await directory(sipAuth(user, 'INVITE', 'call-2'))).text)).toHaveLength(0);
      const stored = await t.prisma.webCallCredential.findUniqueOrThrow({ where: { sipUser: user } });
      expect(stored).toMatchObject({ sipCallId: 'call-1' });
      expect(stored.usedAt).not.toBeNull();
    });

    it('an expired credential is never served', async () => {
      const button = await createButton();
      const credential = (await issue(button.id).expect(201)).body as WebCallCredentialDto;
      await t.prisma.webCallCredential.update({
        where: { sipUser: credential.authorizationUser },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect(users((await directory(sipAuth(credential.authorizationUser))).text)).toHaveLength(0);
    });
  });

  describe('widget bundle', () => {
    it('is served at /widget/switchboard-call.js, readable cross-origin, gzip when accepted', async () => {
      await t.http().get('/widget/switchboard-call.js').expect(404);
      const folder = join(t.staticDir, 'call-widget');
      mkdirSync(folder, { recursive: true });
      const code = 'customElements.define("switchboard-call", class extends HTMLElement {});';
      writeFileSync(join(folder, 'switchboard-call.js'), code);
      writeFileSync(join(folder, 'switchboard-call.js.gz'), gzipSync(code));
      const plain = await t.http().get('/widget/switchboard-call.js').set('accept-encoding', 'identity').expect(200);
      expect(plain.text).toBe(code);
      expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(plain.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(plain.headers['cache-control']).toBe('public, max-age=300');
      const gzipped = await t.http().get('/widget/switchboard-call.js').set('accept-encoding', 'gzip').expect(200);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.text).toBe(code);
      await t.http().get('/api/widget/switchboard-call.js').expect(404);
    });
  });
});
