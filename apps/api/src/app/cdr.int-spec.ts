import type { CallDto, Page } from '@switchboard/shared/contracts';
import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

const FS = { user: 'freeswitch', password: 'fs-http-secret-123' };
const basic = `Basic ${Buffer.from(`${FS.user}:${FS.password}`).toString('base64')}`;

/** A mod_json_cdr document for a queue call that nobody saw live (ESL was down). */
function cdr(variables: Record<string, string>) {
  return { 'core-uuid': 'node-cdr', switchname: 'fs1', variables: { direction: 'inbound', start_uepoch: '1795324809000000', ...variables } };
}
const callerLeg = cdr({
  uuid: 'cdr-caller',
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
const agentLeg = cdr({ uuid: 'cdr-agent', cc_member_session_uuid: 'cdr-caller', cc_agent: 'agent1001@default', start_uepoch: '1795324818000000' });

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
    // The agent leg usually ends (and posts) first; its CDR only knows the agent.
    await t.http().post('/freeswitch/cdr').set('authorization', basic).send(agentLeg).expect(200);
    // encode=true: the JSON is URL-encoded in a `cdr` form field.
    await t.http().post('/freeswitch/cdr').set('authorization', basic).type('form').send({ cdr: JSON.stringify(callerLeg) }).expect(200);
    const page = (await t.http().get('/api/calls?number=5557770000').set('authorization', `Bearer ${token}`).expect(200)).body as Page<CallDto>;
    expect(page.items).toEqual([
      expect.objectContaining({
        uuid: 'cdr-caller',
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
    const row = await t.prisma.call.findUniqueOrThrow({ where: { uuid: 'cdr-caller' } });
    expect(row.channelUuids.sort()).toEqual(['cdr-agent', 'cdr-caller']);
  });

  it('only fills gaps in a record built from live events', async () => {
    await t.prisma.call.create({
      data: { uuid: 'live-call', node: 'n', direction: 'INBOUND', startedAt: new Date('2026-11-22T05:00:00.123Z'), fromNumber: '111', fromEsl: true, channelUuids: ['live-call'] },
    });
    const base64 = Buffer.from(JSON.stringify(cdr({ uuid: 'live-call', caller_id_number: '999', end_uepoch: '1795324900000000', hangup_cause: 'USER_BUSY' }))).toString('base64');
    await t.http().post('/freeswitch/cdr').set('authorization', basic).type('form').send({ cdr: base64 }).expect(200);
    const row = await t.prisma.call.findUniqueOrThrow({ where: { uuid: 'live-call' } });
    expect(row).toMatchObject({ fromNumber: '111', hangupCause: 'USER_BUSY', fromEsl: true, fromCdr: true });
    expect(row.startedAt.toISOString()).toBe('2026-11-22T05:00:00.123Z');
  });

  it('answers a document that is not a CDR with a 400 that says why', async () => {
    const response = await t.http().post('/freeswitch/cdr').set('authorization', basic).send({ hello: 'world' }).expect(400);
    expect((response.body as { message: string }).message).toMatch(/variables\.uuid/);
    await t.http().post('/freeswitch/cdr').set('authorization', basic).type('form').send({ cdr: '{not json' }).expect(400);
  });
});
