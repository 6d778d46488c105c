import type { PbxSyncReport } from '@switchboard/shared/contracts';
import { FakeAmi, FakeAri } from '@switchboard/api/data-access-asterisk/testing';
import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

const QUEUES = 'switchboard-queues.conf';
const NUMBERS = 'switchboard-queue-numbers.conf';
/** How long the API may take to notice an Asterisk restart (its check runs every 10 s). */
const CATCH_UP_MS = 15_000;

/** The files as asterisk/ commits them: the queue file empty, the numbers file with its one context. */
function renderedFiles(ami: FakeAmi): void {
  ami.files.set(QUEUES, new Map());
  ami.files.set(NUMBERS, new Map([['switchboard-queue-numbers', []]]));
}

describe('PBX=asterisk: queues, tiers and queue numbers written into app_queue over AMI (real PostgreSQL, AMI fake)', () => {
  let t: TestApp;
  let ari: FakeAri;
  let ami: FakeAmi;
  let adminToken = '';
  const bearer = () => ({ authorization: `Bearer ${adminToken}` });
  const send = async (method: 'post' | 'patch' | 'delete', path: string, body?: object, status = 200) =>
    (await t.http()[method](path).set(bearer()).send(body).expect(status)).body as {
      id: string;
      pbxSync: PbxSyncReport;
    };
  const queueFile = () => Object.fromEntries(ami.files.get(QUEUES) ?? []);
  const numbers = () => ami.files.get(NUMBERS)?.get('switchboard-queue-numbers');

  beforeAll(async () => {
    ari = await FakeAri.start('sb-ari', 'ari-secret-1');
    ami = new FakeAmi('sb-ami', 'ami-secret-1');
    renderedFiles(ami);
    const amiPort = await ami.start();
    t = await startTestApp({
      SIP_DOMAIN: 'sb.test',
      LOGIN_RATE_LIMIT: '1000',
      PBX: 'asterisk',
      ASTERISK_ARI_URL: ari.url.replace('http://', 'http://sb-ari:ari-secret-1@'),
      ASTERISK_AMI_URL: `tcp://sb-ami:ami-secret-1@127.0.0.1:${amiPort}`,
    });
    adminToken = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
  });
  afterAll(async () => {
    await t.close();
    await ari.stop();
    await ami.stop();
  });

  it('a queue with a number, then a tier: app_queue gets the queue with its member, the dialplan the number', async () => {
    const queue = await send('post', '/api/queues', { name: 'sales', displayName: 'Sales, EU', number: '7200' }, 201);
    expect(queue.pbxSync).toEqual({ status: 'applied', message: "Asterisk's app_queue has 1 queue with 0 members." });
    expect(queueFile()['sales']).toEqual(
      expect.arrayContaining(['strategy=leastrecent', 'musicclass=default', 'ringinuse=no']),
    );
    expect(numbers()).toEqual([
      // The third argument is the max wait (Queue() timeout): empty, as the queue's maxWaitTime is 0 (no limit).
      `exten=7200,1,Gosub(switchboard-queue,s,1(sales,${Buffer.from('Sales, EU').toString('base64')},))`,
      'exten=7200,n,Hangup()',
    ]);
    // Asterisk reloads what it was given: app_queue for the queues, the dialplan for the numbers (the API's first
    // write at boot came before these two).
    expect(
      ami
        .received('UpdateConfig')
        .slice(-2)
        .map((action) => [action['SrcFilename'], action['Reload']]),
    ).toEqual([
      [QUEUES, 'app_queue'],
      [NUMBERS, 'pbx_config'],
    ]);

    const extension = await send('post', '/api/extensions', { number: '1001', displayName: 'Ann' }, 201);
    const user = await send(
      'post',
      '/api/users',
      { email: 'ann@example.com', displayName: 'Ann', role: 'AGENT', password: 'Ann-pass-12345' },
      201,
    );
    const agent = await send('post', '/api/agents', { userId: user.id, extensionId: extension.id, name: 'ann' }, 201);
    const tier = await send('post', '/api/tiers', { agentId: agent.id, queueId: queue.id, level: 2 }, 201);
    expect(tier.pbxSync.status).toBe('applied');
    // Ann is signed out of the desk (Logged Out): no queue call for her, as mod_callcenter would not offer one.
    const member = 'member=Local/1001@switchboard-agents/n,2,ann,PJSIP/1001';
    expect(queueFile()['sales']).not.toContain(member);

    const { token } = await signIn(t, 'ann@example.com', 'Ann-pass-12345');
    const setStatus = async (body: object) =>
      (
        await t
          .http()
          .put('/api/me/status')
          .set({ authorization: `Bearer ${token}` })
          .send(body)
          .expect(200)
      ).body as { pbxSync: PbxSyncReport };
    expect((await setStatus({ status: 'AVAILABLE' })).pbxSync.status).toBe('applied');
    expect(queueFile()['sales']).toContain(member);
    await setStatus({ status: 'ON_BREAK', reasonCode: 'LUNCH' });
    expect(queueFile()['sales']).not.toContain(member);
    await setStatus({ status: 'AVAILABLE' });
    expect(queueFile()['sales']).toContain(member);
  });

  it('a deleted queue leaves app_queue and the dialplan; an edit rewrites the queue without duplicating it', async () => {
    const queue = await send('post', '/api/queues', { name: 'support2', displayName: 'Support', number: '7201' }, 201);
    await send('patch', `/api/queues/${queue.id}`, { strategy: 'ring-all' });
    expect(Object.keys(queueFile()).sort()).toEqual(['sales', 'support2']);
    expect(queueFile()['support2']).toContain('strategy=ringall');
    const removed = await send('delete', `/api/queues/${queue.id}`);
    expect(removed.pbxSync.status).toBe('applied');
    expect(Object.keys(queueFile())).toEqual(['sales']);
    expect(numbers()?.some((line) => line.startsWith('exten=7201,'))).toBe(false);
  });

  it('reports a change AMI refused as failed and keeps it; a restarted Asterisk gets every queue again', async () => {
    ami.refuse('UpdateConfig', 'Permission denied');
    const refused = await send('post', '/api/queues', { name: 'late', displayName: 'Late' }, 201);
    expect(refused.pbxSync.status).toBe('failed');
    expect(refused.pbxSync.message).toContain('Asterisk refused UpdateConfig: Permission denied');
    expect(await t.prisma.queue.count({ where: { name: 'late' } })).toBe(1);

    // A restart renders the files anew from asterisk/ (empty) and empties ARI's memory.
    renderedFiles(ami);
    ari.restart();
    const deadline = Date.now() + CATCH_UP_MS;
    while (!queueFile()['late'] && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(Object.keys(queueFile()).sort()).toEqual(['late', 'sales']);
    expect(numbers()).toContain('exten=7200,n,Hangup()');
  }, 30_000);
});
