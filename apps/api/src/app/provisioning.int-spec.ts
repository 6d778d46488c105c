import { createHash } from 'node:crypto';
import type {
  AgentDto,
  ApiErrorBody,
  ExtensionDto,
  Page,
  ProvisioningDeleteResult,
  Provisioned,
  QueueDto,
  TierDto,
} from '@switchboard/shared/contracts';
import { FREESWITCH_COMMANDS } from '@switchboard/api/feature-provisioning';
import { RecordingFreeswitchCommands } from '@switchboard/api/feature-provisioning/testing';
import { TEST_ADMIN, type TestApp, createUser, signIn, startTestApp } from '../testing/test-app';

const DOMAIN = 'sb.test';

/** The API with the FreeSWITCH command port bound to a recording fake. */
async function startProvisioningApp(): Promise<TestApp & { freeswitch: RecordingFreeswitchCommands }> {
  const freeswitch = new RecordingFreeswitchCommands();
  const app = await startTestApp(
    { SIP_DOMAIN: DOMAIN },
    { override: (builder) => builder.overrideProvider(FREESWITCH_COMMANDS).useValue(freeswitch) },
  );
  return { ...app, freeswitch };
}

describe('provisioning API: extensions, agents, queues, tiers (real PostgreSQL, recorded FreeSWITCH commands)', () => {
  let t: Awaited<ReturnType<typeof startProvisioningApp>>;
  const tokens: Record<'ADMIN' | 'SUPERVISOR' | 'AGENT', string> = { ADMIN: '', SUPERVISOR: '', AGENT: '' };
  const as = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });
  let adminId = '';
  let agentUserId = '';

  beforeAll(async () => {
    t = await startProvisioningApp();
    tokens.ADMIN = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
    for (const role of ['SUPERVISOR', 'AGENT'] as const) {
      await createUser(t, tokens.ADMIN, {
        email: `${role.toLowerCase()}@example.com`,
        role,
        password: 'Role-pass-1234',
      });
      tokens[role] = (await signIn(t, `${role.toLowerCase()}@example.com`, 'Role-pass-1234')).token;
    }
    agentUserId = await createUser(t, tokens.ADMIN, {
      email: 'ann@example.com',
      displayName: 'Ann',
      role: 'AGENT',
      password: 'Ann-pass-12345',
    });
    adminId = (await t.prisma.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } })).id;
  });
  beforeEach(() => t.freeswitch.reset());
  afterAll(() => t.close());

  const post = <T>(path: string, body: object, status = 201) =>
    t
      .http()
      .post(path)
      .set(as('ADMIN'))
      .send(body)
      .expect(status)
      .then((r) => r.body as T);
  const patch = <T>(path: string, body: object, status = 200) =>
    t
      .http()
      .patch(path)
      .set(as('ADMIN'))
      .send(body)
      .expect(status)
      .then((r) => r.body as T);

  describe('extensions', () => {
    it('creates an extension, keeps only the a1-hash of its password and audits who did it', async () => {
      const created = await post<Provisioned<ExtensionDto>>('/api/extensions', {
        number: '1001',
        displayName: 'Ann',
        password: 'Sip-secret-1001',
        outboundClass: 'LOCAL',
      });
      expect(created).toMatchObject({
        number: '1001',
        domain: DOMAIN,
        displayName: 'Ann',
        outboundClass: 'LOCAL',
        enabled: true,
        hasPassword: true,
      });
      expect(created.pbxSync.status).toBe('applied');
      const a1Hash = createHash('md5').update(`1001:${DOMAIN}:Sip-secret-1001`).digest('hex');
      expect((await t.prisma.extension.findUniqueOrThrow({ where: { id: created.id } })).a1Hash).toBe(a1Hash);
      for (const secret of [a1Hash, 'Sip-secret-1001', 'a1Hash']) expect(JSON.stringify(created)).not.toContain(secret);
      const audit = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'extension.create', targetId: created.id },
      });
      expect(audit.actorId).toBe(adminId);
      expect(JSON.stringify(audit.details)).not.toContain('Sip-secret');
      expect(t.freeswitch.commands).toEqual([]);
    });

    it('explains why a SIP user part is refused, along with every other bad field', async () => {
      const response = await t
        .http()
        .post('/api/extensions')
        .set(as('ADMIN'))
        .send({ number: 'ann smith', displayName: '', password: 'short' })
        .expect(400);
      expect((response.body as ApiErrorBody).details).toEqual([
        {
          path: 'number',
          message:
            'number must be 2-32 letters, digits, dots, dashes or underscores: spaces, <, >, @, : and quotes break SIP URIs in WebRTC gateways',
        },
        { path: 'displayName', message: 'displayName is required' },
        { path: 'password', message: 'password must be at least 12 characters' },
      ]);
    });

    it('answers a duplicate number with 409 naming the field', async () => {
      const response = await t
        .http()
        .post('/api/extensions')
        .set(as('ADMIN'))
        .send({ number: '1001', displayName: 'Again' })
        .expect(409);
      expect(response.body).toMatchObject({
        error: 'Conflict',
        details: [{ path: 'number', message: 'an extension with this number already exists' }],
      });
    });

    it('needs the password again to renumber an extension, because the a1-hash includes the number', async () => {
      const { id } = await post<ExtensionDto>('/api/extensions', {
        number: '1009',
        displayName: 'Temp',
        password: 'Temp-secret-1009',
      });
      const refused = await t
        .http()
        .patch(`/api/extensions/${id}`)
        .set(as('ADMIN'))
        .send({ number: '1010' })
        .expect(400);
      expect((refused.body as ApiErrorBody).details).toEqual([
        { path: 'password', message: expect.stringMatching(/^password is required when the number changes/) },
      ]);
      await patch(`/api/extensions/${id}`, { number: '1010', password: 'Temp-secret-1010' });
      const row = await t.prisma.extension.findUniqueOrThrow({ where: { id } });
      expect(row.a1Hash).toBe(createHash('md5').update(`1010:${DOMAIN}:Temp-secret-1010`).digest('hex'));
      expect((await patch<ExtensionDto>(`/api/extensions/${id}`, { password: null })).hasPassword).toBe(false);
    });

    it('lists with search and pagination, and 404s unknown ids', async () => {
      const page = (await t.http().get('/api/extensions?search=10&pageSize=1&page=2').set(as('ADMIN')).expect(200))
        .body as Page<ExtensionDto>;
      expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(page.items.map((e) => e.number)).toEqual(['1010']);
      await t.http().get('/api/extensions/0b8e7f0e-1111-4222-8333-444455556666').set(as('ADMIN')).expect(404);
    });
  });

  describe('agents, queues and tiers in mod_callcenter', () => {
    let extensionId = '';
    let agent: AgentDto;
    let queue: QueueDto;
    let tier: TierDto;

    it('adds an agent named after its extension, with contact and timers', async () => {
      extensionId = (await t.prisma.extension.findFirstOrThrow({ where: { number: '1001' } })).id;
      const created = await post<Provisioned<AgentDto>>('/api/agents', {
        userId: agentUserId,
        extensionId,
        wrapUpTime: 15,
      });
      agent = created;
      expect(created).toMatchObject({
        name: `1001@${DOMAIN}`,
        displayName: 'Ann',
        extensionNumber: '1001',
        wrapUpTime: 15,
        status: 'LOGGED_OUT',
        pbxSync: { status: 'applied' },
      });
      expect(t.freeswitch.commands).toEqual([
        `callcenter_config agent add 1001@${DOMAIN} callback`,
        `callcenter_config agent set contact 1001@${DOMAIN} [leg_timeout=30]user/1001@${DOMAIN}`,
        `callcenter_config agent set max_no_answer 1001@${DOMAIN} 3`,
        `callcenter_config agent set wrap_up_time 1001@${DOMAIN} 15`,
        `callcenter_config agent set reject_delay_time 1001@${DOMAIN} 10`,
        `callcenter_config agent set busy_delay_time 1001@${DOMAIN} 60`,
        `callcenter_config agent set no_answer_delay_time 1001@${DOMAIN} 10`,
      ]);
      expect(
        await t.prisma.auditLog.count({ where: { action: 'agent.create', targetId: created.id, actorId: adminId } }),
      ).toBe(1);
    });

    it('finds an agent by the person, the agent name or the extension', async () => {
      for (const search of ['ann', '1001@', '1001']) {
        const page = (
          await t
            .http()
            .get(`/api/agents?search=${encodeURIComponent(search)}`)
            .set(as('SUPERVISOR'))
            .expect(200)
        ).body as Page<AgentDto>;
        expect(page.items.map((item) => [item.name, item.displayName])).toEqual([[`1001@${DOMAIN}`, 'Ann']]);
      }
      const none = (await t.http().get('/api/agents?search=nobody').set(as('SUPERVISOR')).expect(200)).body;
      expect(none).toMatchObject({ items: [], total: 0 });
    });

    it('refuses unknown users, a second agent for a user, and an extension another agent has', async () => {
      const unknown = await t
        .http()
        .post('/api/agents')
        .set(as('ADMIN'))
        .send({ userId: '0b8e7f0e-1111-4222-8333-444455556666', name: 'ghost' })
        .expect(400);
      expect((unknown.body as ApiErrorBody).details).toEqual([{ path: 'userId', message: 'names no user' }]);
      const twice = await t
        .http()
        .post('/api/agents')
        .set(as('ADMIN'))
        .send({ userId: agentUserId, name: 'ann2' })
        .expect(409);
      expect((twice.body as ApiErrorBody).details).toEqual([
        { path: 'userId', message: 'this user is already an agent' },
      ]);
      const taken = await t
        .http()
        .post('/api/agents')
        .set(as('ADMIN'))
        .send({ userId: adminId, extensionId })
        .expect(409);
      expect((taken.body as ApiErrorBody).details).toEqual([
        { path: 'extensionId', message: 'this extension already belongs to another agent' },
      ]);
      expect(t.freeswitch.commands).toEqual([]);
    });

    it('creates a queue and has mod_callcenter load it', async () => {
      queue = await post<Provisioned<QueueDto>>('/api/queues', {
        name: 'support',
        displayName: 'Support',
        number: '9200',
        strategy: 'round-robin',
      });
      expect(queue).toMatchObject({
        name: 'support',
        number: '9200',
        strategy: 'round-robin',
        tierRuleWaitSecond: 300,
      });
      expect(t.freeswitch.commands).toEqual([`callcenter_config queue load support@${DOMAIN}`]);
      const clash = await t
        .http()
        .post('/api/queues')
        .set(as('ADMIN'))
        .send({ name: 'sales', displayName: 'Sales', number: '1001' })
        .expect(409);
      expect((clash.body as ApiErrorBody).details).toEqual([
        { path: 'number', message: 'an extension already uses this number' },
      ]);
    });

    it('puts the agent in the queue', async () => {
      tier = await post<Provisioned<TierDto>>('/api/tiers', { agentId: agent.id, queueId: queue.id, level: 2 });
      expect(tier).toMatchObject({ agentName: `1001@${DOMAIN}`, queueName: 'support', level: 2, position: 1 });
      expect(t.freeswitch.commands).toEqual([
        `callcenter_config tier add support@${DOMAIN} 1001@${DOMAIN} 2 1`,
        `callcenter_config tier set level support@${DOMAIN} 1001@${DOMAIN} 2`,
        `callcenter_config tier set position support@${DOMAIN} 1001@${DOMAIN} 1`,
      ]);
      const again = await t
        .http()
        .post('/api/tiers')
        .set(as('ADMIN'))
        .send({ agentId: agent.id, queueId: queue.id })
        .expect(409);
      expect((again.body as ApiErrorBody).details).toEqual([
        { path: 'agentId', message: 'this agent is already in this queue' },
      ]);
      const lost = await t
        .http()
        .post('/api/tiers')
        .set(as('ADMIN'))
        .send({ agentId: agent.id, queueId: '0b8e7f0e-1111-4222-8333-444455556666' })
        .expect(400);
      expect((lost.body as ApiErrorBody).details).toEqual([{ path: 'queueId', message: 'names no queue' }]);
    });

    it('sends only what changed, and nothing for Switchboard-only settings', async () => {
      await patch(`/api/agents/${agent.id}`, { wrapUpTime: 30 });
      await patch(`/api/tiers/${tier.id}`, { position: 4 });
      await patch(`/api/queues/${queue.id}`, { maxWaitTime: 120 });
      const renamed = await patch<Provisioned<QueueDto>>(`/api/queues/${queue.id}`, {
        displayName: 'Customer support',
      });
      expect(renamed.pbxSync).toEqual({
        status: 'applied',
        message: 'Nothing to change in FreeSWITCH (Switchboard-only settings).',
      });
      expect(t.freeswitch.commands).toEqual([
        `callcenter_config agent set wrap_up_time 1001@${DOMAIN} 30`,
        `callcenter_config tier set position support@${DOMAIN} 1001@${DOMAIN} 4`,
        `callcenter_config queue reload support@${DOMAIN}`,
      ]);
    });

    it('saves the change but says so when FreeSWITCH refuses it or is not connected', async () => {
      t.freeswitch.answer(/queue reload/, '-ERR Invalid Queue not found!\n');
      const refused = await patch<Provisioned<QueueDto>>(`/api/queues/${queue.id}`, { strategy: 'ring-all' });
      expect(refused.pbxSync).toEqual({
        status: 'failed',
        message: `FreeSWITCH answered "-ERR Invalid Queue not found!" to: callcenter_config queue reload support@${DOMAIN}`,
      });
      t.freeswitch.connected = false;
      const offline = await patch<Provisioned<QueueDto>>(`/api/queues/${queue.id}`, { strategy: 'top-down' });
      expect(offline.pbxSync.status).toBe('pending');
      expect((await t.prisma.queue.findUniqueOrThrow({ where: { id: queue.id } })).strategy).toBe('TOP_DOWN');
    });

    it('points the agent at the new number when its extension is renumbered', async () => {
      await patch(`/api/extensions/${extensionId}`, { number: '1002', password: 'Sip-secret-1002' });
      expect(t.freeswitch.commands).toEqual([
        `callcenter_config agent set contact 1001@${DOMAIN} [leg_timeout=30]user/1002@${DOMAIN}`,
      ]);
    });

    it('deletes a queue with its tiers, here and in mod_callcenter, and says so in the audit log', async () => {
      const result = (await t.http().delete(`/api/queues/${queue.id}`).set(as('ADMIN')).expect(200))
        .body as ProvisioningDeleteResult;
      expect(result).toMatchObject({ id: queue.id, deletedTiers: 1, pbxSync: { status: 'applied' } });
      expect(await t.prisma.tier.count({ where: { queueId: queue.id } })).toBe(0);
      const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'queue.delete', targetId: queue.id } });
      expect(audit.details).toEqual({ name: 'support', deletedTiers: 1, agents: [`1001@${DOMAIN}`] });
      expect(t.freeswitch.commands).toEqual([
        `callcenter_config tier del support@${DOMAIN} 1001@${DOMAIN}`,
        `callcenter_config queue unload support@${DOMAIN}`,
      ]);
      await t.http().get(`/api/queues/${queue.id}`).set(as('ADMIN')).expect(404);
    });

    it('deletes an agent from mod_callcenter', async () => {
      const result = (await t.http().delete(`/api/agents/${agent.id}`).set(as('ADMIN')).expect(200))
        .body as ProvisioningDeleteResult;
      expect(result).toMatchObject({ deletedTiers: 0, pbxSync: { status: 'applied' } });
      expect(t.freeswitch.commands).toEqual([`callcenter_config agent del 1001@${DOMAIN}`]);
    });
  });

  it('exposes exactly these provisioning routes (rbac.int-spec.ts lists them with their roles)', () => {
    const router = (
      t.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    const routes = router.stack
      .filter(
        (layer) =>
          layer.route &&
          /^\/(api\/(extensions|agents|queues|tiers)|freeswitch\/(directory|configuration))/.test(layer.route.path),
      )
      .flatMap((layer) =>
        Object.keys(layer.route?.methods ?? {}).map((method) => `${method} ${layer.route?.path ?? ''}`),
      );
    const crud = (path: string) => [
      `get ${path}`,
      `get ${path}/:id`,
      `post ${path}`,
      `patch ${path}/:id`,
      `delete ${path}/:id`,
    ];
    expect(routes.sort()).toEqual(
      [
        ...['/api/extensions', '/api/agents', '/api/queues', '/api/tiers'].flatMap(crud),
        'post /freeswitch/directory',
        'post /freeswitch/configuration',
      ].sort(),
    );
  });

  it('documents the provisioning routes in OpenAPI, but not the FreeSWITCH-only ones', async () => {
    const doc = (await t.http().get('/api/docs/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/extensions',
        '/api/extensions/{id}',
        '/api/agents/{id}',
        '/api/queues',
        '/api/tiers/{id}',
      ]),
    );
    expect(paths.filter((p) => p.includes('freeswitch'))).toEqual([]);
  });

  describe('roles', () => {
    const lists = ['/api/extensions', '/api/agents', '/api/queues', '/api/tiers'];

    it('lets a supervisor read every list but change nothing', async () => {
      for (const path of lists) await t.http().get(path).set(as('SUPERVISOR')).expect(200);
      await t
        .http()
        .post('/api/queues')
        .set(as('SUPERVISOR'))
        .send({ name: 'sneaky', displayName: 'Sneaky' })
        .expect(403);
      await t
        .http()
        .post('/api/extensions')
        .set(as('SUPERVISOR'))
        .send({ number: '6666', displayName: 'x' })
        .expect(403);
      expect(await t.prisma.queue.count({ where: { name: 'sneaky' } })).toBe(0);
    });

    it('keeps agents out entirely', async () => {
      for (const path of lists) {
        const response = await t.http().get(path).set(as('AGENT')).expect(403);
        expect(response.body).toMatchObject({ error: 'Forbidden' });
      }
    });
  });
});
