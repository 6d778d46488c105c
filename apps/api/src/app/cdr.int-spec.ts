import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallDto, Page } from '@switchboard/shared/contracts';
import { PrismaService } from '@switchboard/api/data-access-db';
import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

const FS = { user: 'freeswitch', password: 'fs-http-secret-123' };
const basic = `Basic ${Buffer.from(`${FS.user}:${FS.password}`).toString('base64')}`;

/** A mod_json_cdr document for a queue call that nobody saw live (ESL was down). */
function cdr(variables: Record<string, string>) {
  return {
    'core-uuid': 'node-cdr',
    switchname: 'fs1',
    variables: { direction: 'inbound', start_uepoch: '1795324809000000', ...variables },
  };
}
const callerLeg = cdr({
  uuid: '0a1b2c3d-0000-4000-8000-000000000001',
  caller_id_number: '+15557770000',
  destination_number: '9200',
  answer_uepoch: '1795324809500000',
  bridge_uepoch: '1795324820000000',
  end_uepoch: '1795324880000000',
  hangup_cause: 'NORMAL_CLEARING',
  sip_hangup_disposition: 'recv_bye',
  cc_queue: 'support@default',
  cc_cause: 'answered',
  cc_queue_joined_epoch: '1795324810',
});
const agentLeg = cdr({
  uuid: '0a1b2c3d-0000-4000-8000-000000000002',
  cc_member_session_uuid: '0a1b2c3d-0000-4000-8000-000000000001',
  cc_agent: 'agent1001@default',
  start_uepoch: '1795324818000000',
  // The agent answered: mod_callcenter sets cc_agent on every leg it rings, answered or missed.
  answer_uepoch: '1795324819500000',
});

describe('POST /freeswitch/cdr (mod_json_cdr)', () => {
  let t: TestApp;
  let token = '';

  beforeAll(async () => {
    t = await startTestApp({ FREESWITCH_HTTP_USER: FS.user, FREESWITCH_HTTP_PASSWORD: FS.password });
    token = (await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
  });
  afterAll(() => t.close());

  it('refuses FreeSWITCH posts without the configured credentials', async () => {
    await t.http().post('/freeswitch/cdr').send(callerLeg).expect(401);
  });

  it('records a call that happened entirely while ESL was down, whichever leg arrives first', async () => {
    const queue = await t.prisma.queue.create({ data: { name: 'support', displayName: 'Support' } });
    // The agent leg usually ends (and posts) first; its CDR only knows the agent.
    await t.http().post('/freeswitch/cdr').set('authorization', basic).send(agentLeg).expect(200);
    // encode=true: the JSON is URL-encoded in a `cdr` form field.
    await t
      .http()
      .post('/freeswitch/cdr')
      .set('authorization', basic)
      .type('form')
      .send({ cdr: JSON.stringify(callerLeg) })
      .expect(200);
    const page = (
      await t.http().get('/api/calls?number=5557770000').set('authorization', `Bearer ${token}`).expect(200)
    ).body as Page<CallDto>;
    expect(page.items).toEqual([
      expect.objectContaining({
        uuid: '0a1b2c3d-0000-4000-8000-000000000001',
        fromNumber: '+15557770000',
        queue: 'support@default',
        agent: 'agent1001@default',
        outcome: 'ANSWERED',
        waitSeconds: 10,
        talkSeconds: 60,
        hangupSide: 'CALLER',
        sources: ['cdr'],
        startedAt: '2026-11-22T05:20:09.000Z',
      }),
    ]);
    const row = await t.prisma.call.findUniqueOrThrow({ where: { uuid: '0a1b2c3d-0000-4000-8000-000000000001' } });
    // Linked to the provisioned queue by the name FreeSWITCH reported (support@default).
    expect(row.queueId).toBe(queue.id);
    expect(row.channelUuids.sort()).toEqual([
      '0a1b2c3d-0000-4000-8000-000000000001',
      '0a1b2c3d-0000-4000-8000-000000000002',
    ]);
  });

  it('only fills gaps in a record built from live events', async () => {
    await t.prisma.call.create({
      data: {
        uuid: '0a1b2c3d-0000-4000-8000-000000000003',
        node: 'n',
        direction: 'INBOUND',
        startedAt: new Date('2026-11-22T05:00:00.123Z'),
        fromNumber: '111',
        fromEsl: true,
        channelUuids: ['0a1b2c3d-0000-4000-8000-000000000003'],
      },
    });
    const base64 = Buffer.from(
      JSON.stringify(
        cdr({
          uuid: '0a1b2c3d-0000-4000-8000-000000000003',
          caller_id_number: '999',
          end_uepoch: '1795324900000000',
          hangup_cause: 'USER_BUSY',
        }),
      ),
    ).toString('base64');
    await t.http().post('/freeswitch/cdr').set('authorization', basic).type('form').send({ cdr: base64 }).expect(200);
    const row = await t.prisma.call.findUniqueOrThrow({ where: { uuid: '0a1b2c3d-0000-4000-8000-000000000003' } });
    expect(row).toMatchObject({ fromNumber: '111', hangupCause: 'USER_BUSY', fromEsl: true, fromCdr: true });
    expect(row.startedAt.toISOString()).toBe('2026-11-22T05:00:00.123Z');
  });

  it('records a CDR posted while every pooled database connection is busy for longer than a transaction may wait', async () => {
    // Under load, ingestion, the directory and the dashboards hold the pool's 10 connections. A CDR merge that
    // needed an interactive transaction gave up after 2 s ("Unable to start a transaction in the given time") and
    // FreeSWITCH's hangup waited on the failed post; a single statement waits its turn in the pool instead.
    const pool = t.app.get(PrismaService).pool;
    const busy = Array.from({ length: 10 }, () => pool.query('SELECT pg_sleep(3)'));
    const uuid = '0a1b2c3d-0000-4000-8000-000000000004';
    const posted = t
      .http()
      .post(`/freeswitch/cdr?uuid=${uuid}`)
      .set('authorization', basic)
      .send(
        cdr({ uuid, caller_id_number: '5550004', end_uepoch: '1795324900000000', hangup_cause: 'NORMAL_CLEARING' }),
      );
    expect((await posted).status).toBe(200);
    await Promise.all(busy);
    const row = await t.prisma.call.findUniqueOrThrow({ where: { uuid } });
    expect(row).toMatchObject({ fromNumber: '5550004', hangupCause: 'NORMAL_CLEARING', fromCdr: true });
  });

  it("marks a web call's CDR as web and keeps the name of a call button deleted since", async () => {
    const uuid = '0a1b2c3d-0000-4000-8000-000000000005';
    const leg = cdr({
      uuid,
      caller_id_number: 'web-visitor',
      end_uepoch: '1795324900000000',
      switchboard_channel: 'web',
      switchboard_web_button: '7f3e9a52-1c2b-4d5e-8f90-a1b2c3d4e5f6',
      switchboard_web_button_name: 'Pricing%20page',
    });
    await t.http().post(`/freeswitch/cdr?uuid=${uuid}`).set('authorization', basic).send(leg).expect(200);
    const row = await t.prisma.call.findUniqueOrThrow({ where: { uuid } });
    expect(row).toMatchObject({ channel: 'WEB', webButtonId: null, webButtonName: 'Pricing page', fromCdr: true });
  });

  it('takes a CDR exactly as FreeSWITCH 1.11 posts it: raw JSON labelled as a form, to ?uuid=<leg>', async () => {
    const body = readFileSync(
      join(__dirname, '../../../../libs/api/feature-calls/testing/fixtures/cdr-queue-a-leg.json'),
      'utf8',
    );
    const uuid = '3378d1c7-1951-4f16-abfb-b319ba26faff';
    await t
      .http()
      .post(`/freeswitch/cdr?uuid=${uuid}`)
      .set('authorization', basic)
      .set('content-type', 'application/x-www-form-urlencoded')
      .set('user-agent', 'freeswitch-json/1.0')
      .send(body)
      .expect(200);
    const call = (await t.http().get(`/api/calls/${uuid}`).set('authorization', `Bearer ${token}`).expect(200))
      .body as CallDto;
    expect(call).toMatchObject({
      fromNumber: '2002',
      toNumber: '9200',
      outcome: 'ANSWERED',
      talkSeconds: 4,
      sources: ['cdr'],
    });
    // The same document posted for another leg is refused, not stored under the wrong call.
    await t
      .http()
      .post('/freeswitch/cdr?uuid=9c75f812-c4ce-4c98-ae68-1dbd14ca3e79')
      .set('authorization', basic)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(body)
      .expect(400);
  });

  it('answers a document that is not a CDR with a 400 that says why', async () => {
    const response = await t
      .http()
      .post('/freeswitch/cdr')
      .set('authorization', basic)
      .send({ hello: 'world' })
      .expect(400);
    expect((response.body as { message: string }).message).toMatch(/not a mod_json_cdr document/);
    await t
      .http()
      .post('/freeswitch/cdr')
      .set('authorization', basic)
      .type('form')
      .send({ cdr: '{not json' })
      .expect(400);
  });
});
