import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EslConnection, type EslConnectionEvents, type EslEvent } from '../src/index';
import { type GeneratedCall, buildCall } from './call-scenarios';
import type { CdrOptions } from './cdr-poster';
import type { CdrCallerProfile, JsonCdrDocument } from './json-cdr';
import { EslSimulator } from './esl-simulator';
import { Prng } from './prng';
import { eventually, nextEmit, recordingLogger } from './test-helpers';

const FIXTURES = join(__dirname, '..', '..', 'feature-calls', 'testing', 'fixtures');
const realCdr = (file: string) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as JsonCdrDocument;
const REAL_A_LEG = realCdr('cdr-queue-a-leg.json');
const REAL_AGENT_LEG = realCdr('cdr-queue-agent-leg.json');

interface Post {
  readonly at: number;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A CDR receiver on loopback that answers each post with the next status of `statuses` (the last one repeats). */
async function receiver(statuses: number[]): Promise<{ server: Server; url: string; posts: Post[] }> {
  const posts: Post[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      posts.push({ at: Date.now(), url: request.url ?? '', headers: request.headers, body });
      response.writeHead(statuses.length > 1 ? (statuses.shift() ?? 500) : (statuses[0] ?? 500)).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/freeswitch/cdr`, posts };
}

function answeredCall(): GeneratedCall {
  return buildCall('answered', {
    prng: new Prng(8),
    startUs: BigInt(Date.now()) * 1000n,
    queue: 'support@switchboard.local',
    queueExtension: '9200',
    callerNumber: '2002',
    callerName: 'Ben Phone',
    agent: { name: '2001@switchboard.local', extension: '2001' },
    hold: true,
    timeScale: 0.0005,
  });
}

/** The uuid of the other leg's profile a CDR profile carries (`originatee` on the A leg, `originator` on the B leg). */
function linkedUuid(profile: CdrCallerProfile | undefined, kind: 'originatee' | 'originator'): unknown {
  const linked = profile?.[kind] as Record<string, Array<Record<string, string>>> | undefined;
  return linked?.[`${kind}_caller_profiles`]?.[0]?.['uuid'];
}

/** What a subscribed client saw, with arrival time. */
interface Seen {
  readonly event: EslEvent;
  readonly at: number;
}

describe('EslSimulator cdr option (mod_json_cdr on the wire)', () => {
  let sim: EslSimulator;
  let connection: EslConnection;
  let seen: Seen[];
  let http: Awaited<ReturnType<typeof receiver>> | undefined;
  let spoolDir: string;

  async function start(cdr: Omit<CdrOptions, 'url'> & { url?: string }, statuses: number[]): Promise<void> {
    http = await receiver(statuses);
    sim = new EslSimulator({ heartbeatIntervalMs: 0, seed: 9, cdr: { url: http.url, ...cdr } });
    await sim.start();
    connection = new EslConnection(
      { id: 'sim', host: '127.0.0.1', port: sim.port, password: 'ClueCon' },
      { logger: recordingLogger() },
    );
    seen = [];
    connection.on('event', (event) => seen.push({ event, at: Date.now() }));
    const connected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    connection.start();
    await connected;
  }

  const of = (name: string, uuid: string | undefined) =>
    seen.find(({ event }) => event.name === name && event.channelUuid === uuid);

  beforeEach(() => {
    spoolDir = mkdtempSync(join(tmpdir(), 'sim-cdr-'));
  });
  afterEach(async () => {
    await connection.stop();
    await sim.stop();
    http?.server.close();
    // fetch keeps connections alive; a closed receiver must not go on answering on them.
    http?.server.closeAllConnections();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('posts each leg’s document like FreeSWITCH 1.11.2: raw JSON labelled form-urlencoded, ?uuid=, Basic auth', async () => {
    await start({ user: 'fs', password: 's3cret' }, [200]);
    const call = answeredCall();
    for (const { event } of call.events) sim.emit(event);
    await eventually(() => sim.cdrResults.length === 2, 3_000, 'two CDR posts');
    const posts = http?.posts ?? [];
    expect(posts.map((post) => post.url).sort()).toEqual(
      [`/freeswitch/cdr?uuid=${call.agentUuid}`, `/freeswitch/cdr?uuid=${call.callerUuid}`].sort(),
    );
    for (const post of posts) {
      expect(post.headers).toMatchObject({
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'freeswitch-json/1.0',
        authorization: `Basic ${Buffer.from('fs:s3cret').toString('base64')}`,
      });
      expect(post.body.startsWith('{"core-uuid":')).toBe(true);
    }
    const documents = new Map(
      posts.map((post) => [post.url.split('uuid=')[1] ?? '', JSON.parse(post.body) as JsonCdrDocument]),
    );
    const aLeg = documents.get(call.callerUuid ?? '');
    const agentLeg = documents.get(call.agentUuid ?? '');
    // The real documents' top-level keys, in order; the agent's leg ran no application, so has no app_log.
    expect(Object.keys(aLeg ?? {})).toEqual(Object.keys(REAL_A_LEG));
    expect(Object.keys(agentLeg ?? {})).toEqual(Object.keys(REAL_AGENT_LEG));
    expect(aLeg?.['core-uuid']).toBe(sim.identity.coreUuid);
    for (const document of [aLeg, agentLeg]) {
      const variables: Record<string, unknown> = document?.variables ?? {};
      expect(Object.values(variables).every((value) => typeof value === 'string')).toBe(true);
      expect(variables).not.toHaveProperty('caller_id_number');
      expect(variables).not.toHaveProperty('destination_number');
      for (const name of [
        'uuid',
        'call_uuid',
        'direction',
        'start_uepoch',
        'answer_uepoch',
        'bridge_uepoch',
        'end_uepoch',
        'hangup_cause',
        'sip_hangup_disposition',
        'hold_accum_usec',
        'billsec',
        'cc_queue',
        'cc_agent',
        'cc_member_uuid',
      ]) {
        expect([name, typeof variables[name]]).toEqual([name, 'string']);
      }
      const [newest, oldest] = document?.callflow ?? [];
      expect([newest?.profile_index, oldest?.profile_index]).toEqual(['2', '1']);
      expect(Object.keys(newest?.times ?? {})).toEqual(Object.keys(REAL_A_LEG.callflow[0]?.times ?? { none: 1 }));
      expect(Object.keys(oldest?.caller_profile ?? {})).toEqual(
        Object.keys(REAL_A_LEG.callflow[1]?.caller_profile ?? { none: 1 }),
      );
      // The first profile ended when mod_callcenter bridged the legs (uuid_bridge is a transfer).
      expect(oldest?.times['transfer_time']).toBe(newest?.times['profile_created_time']);
    }
    expect(aLeg?.variables).toMatchObject({
      uuid: call.callerUuid,
      direction: 'inbound',
      sip_hangup_disposition: 'recv_bye',
      cc_cause: 'answered',
    });
    expect(aLeg?.callflow[0]?.caller_profile).toMatchObject({
      caller_id_number: '2002',
      destination_number: '9200',
      uuid: call.callerUuid,
    });
    expect(linkedUuid(aLeg?.callflow[0]?.caller_profile, 'originatee')).toBe(call.agentUuid);
    expect(aLeg?.app_log?.applications.map((app) => app['app_name'])).toEqual(['answer', 'callcenter']);
    expect(agentLeg?.variables).toMatchObject({
      uuid: call.agentUuid,
      cc_side: 'agent',
      cc_member_session_uuid: call.callerUuid,
      sip_hangup_disposition: 'send_bye',
    });
    expect(linkedUuid(agentLeg?.callflow[0]?.caller_profile, 'originator')).toBe(call.callerUuid);
    expect(Number(agentLeg?.variables['hold_accum_usec'])).toBeGreaterThan(0);
    expect(sim.cdrResults.every((result) => result.delivered && result.attempts === 1)).toBe(true);
  });

  it('retries a refused post `retries` times, `delayMs` apart, and fires HANGUP_COMPLETE only after the last try', async () => {
    await start({ retries: 2, delayMs: 80, spoolDir }, [500]);
    const call = answeredCall();
    for (const { event } of call.events) sim.emit(event);
    await eventually(
      () => of('CHANNEL_HANGUP_COMPLETE', call.callerUuid) !== undefined,
      3_000,
      'the caller’s HANGUP_COMPLETE',
    );
    const posts = (http?.posts ?? []).filter((post) => post.url.endsWith(`uuid=${call.callerUuid}`));
    expect(posts).toHaveLength(3);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(75);
    expect((posts[2]?.at ?? 0) - (posts[1]?.at ?? 0)).toBeGreaterThanOrEqual(75);
    const hangup = of('CHANNEL_HANGUP', call.callerUuid);
    const complete = of('CHANNEL_HANGUP_COMPLETE', call.callerUuid);
    expect((complete?.at ?? 0) - (hangup?.at ?? 0)).toBeGreaterThanOrEqual(150);
    expect((complete?.at ?? 0) >= (posts[2]?.at ?? Infinity)).toBe(true);
    // Event arrival is not call time: the completion carries the moment the caller hung up.
    expect(complete?.event.header('Caller-Channel-Hangup-Time')).toBe(String(hangup?.event.timestampUs));
    expect((complete?.event.timestampUs ?? 0n) - (hangup?.event.timestampUs ?? 0n)).toBeGreaterThanOrEqual(150_000n);
    // Meanwhile the rest of the call went on, as in fs-webrtc-queue.esl.
    const order = seen
      .filter(({ event }) => event.channelUuid === call.callerUuid || event.header('CC-Action') === 'bridge-agent-end')
      .map(({ event }) => event.header('CC-Action') ?? event.name);
    expect(order.slice(order.indexOf('CHANNEL_HANGUP'))).toEqual([
      'CHANNEL_HANGUP',
      'CHANNEL_UNBRIDGE',
      'bridge-agent-end',
      'member-queue-end',
      'CHANNEL_HANGUP_COMPLETE',
    ]);
    await eventually(() => sim.cdrResults.length === 2, 3_000, 'both legs reported');
    const spooled = readFileSync(join(spoolDir, `${call.callerUuid}.cdr.json`), 'utf8');
    expect(spooled).toBe(`${posts[0]?.body}\n`);
    expect(sim.cdrResults.find((result) => result.uuid === call.callerUuid)).toMatchObject({
      attempts: 3,
      outcomes: [500, 500, 500],
      delivered: false,
    });
  });

  it('keeps a reporting leg listed and dumpable while its post is retried, then drops it', async () => {
    await start({ retries: 1, delayMs: 300 }, [503]);
    const call = answeredCall();
    for (const { event } of call.events) sim.emit(event);
    await eventually(() => of('CHANNEL_HANGUP', call.callerUuid) !== undefined, 2_000, 'the hangup');
    const dump = JSON.parse(await connection.api(`uuid_dump ${call.callerUuid} json`)) as Record<string, string>;
    expect([dump['Channel-State'], dump['Channel-Call-State']]).toEqual(['CS_REPORTING', 'HANGUP']);
    expect(dump['Caller-Channel-Hangup-Time']).toBe(String(of('CHANNEL_HANGUP', call.callerUuid)?.event.timestampUs));
    expect(await connection.api('show channels as json')).toContain(call.callerUuid ?? '-');
    await eventually(() => of('CHANNEL_HANGUP_COMPLETE', call.callerUuid) !== undefined, 3_000, 'the completion');
    expect(await connection.api(`uuid_dump ${call.callerUuid} json`)).toBe('-ERR No such channel!\n');
  });

  it('counts a refused connection as a failed try, and releases the leg once a later try is accepted', async () => {
    await start({ retries: 3, delayMs: 40, spoolDir }, [502, 200]);
    const call = answeredCall();
    for (const { event } of call.events) sim.emit(event);
    await eventually(() => sim.cdrResults.length === 2, 3_000, 'two CDR posts');
    expect(sim.cdrResults.map((result) => result.outcomes.length).sort()).toEqual([1, 2]);
    expect(sim.cdrResults.every((result) => result.delivered)).toBe(true);
    await sim.stop();
    // No receiver at all (a port nobody listens on): every try fails without an HTTP status; the document is spooled.
    const gone = await receiver([200]);
    gone.server.close();
    sim = new EslSimulator({ heartbeatIntervalMs: 0, cdr: { url: gone.url, retries: 1, delayMs: 20, spoolDir } });
    await sim.start();
    for (const { event } of answeredCall().events) sim.emit(event);
    await eventually(() => sim.cdrResults.length === 2, 3_000, 'two failed posts');
    expect(
      sim.cdrResults.every(
        (result) => result.attempts === 2 && typeof result.outcomes[0] === 'string' && result.spooledTo !== undefined,
      ),
    ).toBe(true);
  });

  it('without the option, HANGUP_COMPLETE follows CHANNEL_HANGUP at once and nothing is posted', async () => {
    http = await receiver([200]);
    sim = new EslSimulator({ heartbeatIntervalMs: 0 });
    await sim.start();
    connection = new EslConnection(
      { id: 'sim', host: '127.0.0.1', port: sim.port, password: 'ClueCon' },
      { logger: recordingLogger() },
    );
    seen = [];
    connection.on('event', (event) => seen.push({ event, at: Date.now() }));
    const connected = nextEmit<EslConnectionEvents, 'connected'>(connection, 'connected');
    connection.start();
    await connected;
    const call = answeredCall();
    for (const { event } of call.events) sim.emit(event);
    await eventually(() => of('CHANNEL_HANGUP_COMPLETE', call.callerUuid) !== undefined, 2_000, 'the completion');
    const names = seen
      .filter(({ event }) => event.channelUuid === call.callerUuid)
      .map(({ event }) => event.header('CC-Action') ?? event.name);
    expect(names.slice(names.indexOf('CHANNEL_HANGUP'))).toEqual([
      'CHANNEL_HANGUP',
      'CHANNEL_UNBRIDGE',
      'CHANNEL_HANGUP_COMPLETE',
      'member-queue-end',
    ]);
    expect(http.posts).toHaveLength(0);
  });
});
