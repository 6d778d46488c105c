// Fuzz of what FreeSWITCH posts: mod_json_cdr CDRs in every encoding it uses (raw JSON labelled as a form, `cdr=`
// URL-encoded, `cdr=` base64) and mod_xml_curl's directory/configuration forms. Never a 5xx or a crash; well-formed
// CDRs and fetches are taken.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type TestApp, startTestApp } from '../testing/test-app';
import {
  ProcessWatch,
  announceFuzzRun,
  encodedValue,
  expectSound,
  formString,
  fuzzParameters,
  hostileText,
  hostileValue,
  humanText,
  percentEncode,
  print,
} from './fuzz-support';
import { type FuzzRequest, describeRequest, send } from './http-requests';

jest.setTimeout(180_000);

const FS = { user: 'freeswitch', password: 'fs-http-secret-123' };
const BASIC = `Basic ${Buffer.from(`${FS.user}:${FS.password}`).toString('base64')}`;
const FIXTURE = readFileSync(
  join(__dirname, '../../../../libs/api/feature-calls/testing/fixtures/cdr-queue-a-leg.json'),
  'utf8',
);
const FIXTURE_UUID = '3378d1c7-1951-4f16-abfb-b319ba26faff';
const FIXTURE_DOC = JSON.parse(FIXTURE) as { variables: Record<string, unknown>; callflow: unknown[] };

/** The three ways mod_json_cdr encodes a CDR (plus raw JSON labelled as JSON, as some builds do). */
const ENCODINGS = ['raw-form', 'raw-json', 'url', 'base64'] as const;
type CdrEncoding = (typeof ENCODINGS)[number];

function encodeCdr(json: string, encoding: CdrEncoding): { body: Buffer; contentType: string } {
  switch (encoding) {
    case 'raw-form':
      return { body: Buffer.from(json, 'utf8'), contentType: 'application/x-www-form-urlencoded' };
    case 'raw-json':
      return { body: Buffer.from(json, 'utf8'), contentType: 'application/json' };
    case 'url':
      return { body: Buffer.from(`cdr=${percentEncode(json)}`), contentType: 'application/x-www-form-urlencoded' };
    case 'base64':
      return {
        body: Buffer.from(`cdr=${Buffer.from(json, 'utf8').toString('base64')}`),
        contentType: 'application/x-www-form-base64-encoded',
      };
  }
}

/** The real CDR for a new leg `uuid` (every mention of the fixture's leg replaced). */
const cdrFor = (uuid: string): Record<string, unknown> =>
  JSON.parse(FIXTURE.replaceAll(FIXTURE_UUID, uuid)) as Record<string, unknown>;

/** Where hostile values go in a CDR: the variables and caller profile the API reads, and anywhere else. */
const CDR_SPOTS = [
  ...Object.keys(FIXTURE_DOC.variables).map((key) => ['variables', key]),
  ...['caller_id_name', 'caller_id_number', 'destination_number', 'uuid', 'profile_created_time'].map((key) => [
    'callflow',
    '0',
    'caller_profile',
    key,
  ]),
  ['variables'],
  ['callflow'],
  ['callflow', '0'],
  ['core-uuid'],
];

/** Writes `value` at `path` of `doc`, creating objects on the way (an array or a string in the way is replaced). */
function setAt(doc: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = doc;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : (node[key] = {});
  }
  node[path[path.length - 1] ?? 'x'] = value;
}

describe('fuzz: FreeSWITCH HTTP (mod_json_cdr CDRs, mod_xml_curl fetches)', () => {
  const watch = new ProcessWatch();
  const run = announceFuzzRun('freeswitch-http');
  let t: TestApp;

  beforeAll(async () => {
    watch.install();
    t = await startTestApp({
      SIP_DOMAIN: 'sb.test',
      FREESWITCH_HTTP_USER: FS.user,
      FREESWITCH_HTTP_PASSWORD: FS.password,
    });
    await t.app.listen(0, '127.0.0.1');
    await t.prisma.extension.create({ data: { number: '1001', domain: 'sb.test', displayName: 'Ann' } });
  });
  afterAll(async () => {
    watch.uninstall();
    print(run.summary());
    await t.close();
  });
  afterEach(async () => {
    expect(watch.problems).toEqual([]);
    expect((await t.http().get('/api/health')).status).toBe(200);
  });

  const post = (path: string, body: Buffer, contentType: string, authorization = BASIC): FuzzRequest => ({
    method: 'POST',
    url: path,
    headers: { 'content-type': contentType, authorization },
    body,
  });
  const legQuery = fc.oneof(
    fc.constant('keep'),
    fc.uuid().map((uuid) => `?uuid=${uuid}`),
    encodedValue.map((value) => `?uuid=${value}`),
    fc.constant(''),
  );

  it('answers CDRs with hostile values in any field, in every encoding, below 500', async () => {
    const cdr = fc.record({
      uuid: fc.uuid(),
      changes: fc.array(fc.tuple(fc.constantFrom(...CDR_SPOTS), hostileValue()), { minLength: 1, maxLength: 4 }),
      encoding: fc.constantFrom(...ENCODINGS),
      leg: legQuery,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(cdr, { minLength: 2, maxLength: 2 }), async (batch) => {
        const requests = batch.map(({ uuid, changes, encoding, leg }) => {
          const doc = cdrFor(uuid);
          for (const [path, value] of changes) setAt(doc, path, value);
          const { body, contentType } = encodeCdr(JSON.stringify(doc), encoding);
          return post(`/freeswitch/cdr${leg === 'keep' ? `?uuid=${uuid}` : leg}`, body, contentType);
        });
        const responses = await Promise.all(requests.map((request) => send(t, request)));
        responses.forEach((response, i) => expectSound(response, describeRequest(requests[i])));
      }),
      fuzzParameters(300, 2),
    );
  });

  it('answers any bytes posted as a CDR below 500', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      hostileText.map((text) => Buffer.from(text, 'utf8')),
      hostileText.map((text) => Buffer.from(`cdr=${text}`, 'utf8')),
      hostileValue().map((value) => Buffer.from(`cdr=${Buffer.from(JSON.stringify(value) ?? '').toString('base64')}`)),
    );
    const contentType = fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/x-www-form-base64-encoded',
      'application/json',
      'text/plain; charset=utf-16le',
      'text/plain; charset=bogus',
      '',
    );
    const credentials = fc.constantFrom(BASIC, BASIC, BASIC, 'Basic Zm9vOmJhcg==', 'Basic %%%', '');
    await fc.assert(
      fc.asyncProperty(body, contentType, credentials, async (bytes, type, authorization) => {
        const request = post('/freeswitch/cdr', bytes, type, authorization);
        expectSound(await send(t, request), describeRequest(request));
      }),
      fuzzParameters(300),
    );
  });

  it('takes a well-formed CDR with any caller name, in every encoding', async () => {
    const cdr = fc.record({ uuid: fc.uuid(), name: humanText(80), encoding: fc.constantFrom(...ENCODINGS) });
    await fc.assert(
      fc.asyncProperty(cdr, async ({ uuid, name, encoding }) => {
        const doc = cdrFor(uuid);
        setAt(doc, ['variables', 'caller_id_name'], name);
        setAt(doc, ['callflow', '0', 'caller_profile', 'caller_id_name'], name);
        const { body, contentType } = encodeCdr(JSON.stringify(doc), encoding);
        const request = post(`/freeswitch/cdr?uuid=${uuid}`, body, contentType);
        const response = await send(t, request);
        if (response.status !== 200)
          throw new Error(`${describeRequest(request)} answered ${response.status}: ${JSON.stringify(response.body)}`);
        const stored = await t.prisma.call.findUnique({ where: { uuid }, select: { fromName: true } });
        expect(stored?.fromName).toBe(name);
      }),
      fuzzParameters(100),
    );
  });

  /** The fields mod_xml_curl posts that the API reads, and some it does not. */
  const XML_CURL_FIELDS = [
    'hostname',
    'section',
    'tag_name',
    'key_name',
    'key_value',
    'Event-Name',
    'Core-UUID',
    'action',
    'user',
    'domain',
    'purpose',
    'profile',
    'key',
    'type',
    'sip_auth_username',
    'sip_auth_method',
    'sip_call_id',
    'CC-Queue',
  ];

  it('answers hostile mod_xml_curl fetches below 500', async () => {
    const fetch = fc.record({
      path: fc.constantFrom('/freeswitch/directory', '/freeswitch/configuration'),
      form: formString(XML_CURL_FIELDS),
      contentType: fc.oneof(
        { weight: 5, arbitrary: fc.constant('application/x-www-form-urlencoded') },
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded; charset=iso-8859-1'),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fetch, { minLength: 4, maxLength: 4 }), async (batch) => {
        const requests = batch.map(({ path, form, contentType }) =>
          post(path, Buffer.from(form, 'latin1'), contentType),
        );
        const responses = await Promise.all(requests.map((request) => send(t, request)));
        responses.forEach((response, i) => expectSound(response, describeRequest(requests[i])));
      }),
      fuzzParameters(150, 4),
    );
  });

  it('answers well-formed directory and configuration fetches with XML', async () => {
    const fetch = fc.oneof(
      fc
        .tuple(fc.stringMatching(/^[0-9]{3,6}$/), fc.constantFrom('sip_auth', 'user_call', 'message-count'))
        .map(
          ([user, action]) =>
            `hostname=fs1&section=directory&tag_name=domain&key_name=name&key_value=sb.test&Event-Name=REQUEST_PARAMS` +
            `&action=${action}&sip_auth_method=REGISTER&user=${user}&domain=sb.test&sip_call_id=${user}-call`,
        )
        .map((form) => ({ path: '/freeswitch/directory', form })),
      fc.constantFrom('callcenter.conf', 'sofia.conf', 'acl.conf', 'nothing.conf').map((file) => ({
        path: '/freeswitch/configuration',
        form: `hostname=fs1&section=configuration&tag_name=configuration&key_name=name&key_value=${file}`,
      })),
    );
    await fc.assert(
      fc.asyncProperty(fetch, async ({ path, form }) => {
        const response = await t.http().post(path).auth(FS.user, FS.password).type('form').send(form);
        if (response.status !== 200 || !String(response.headers['content-type']).startsWith('text/xml'))
          throw new Error(`${path} ${form} answered ${response.status} ${response.headers['content-type']}`);
      }),
      fuzzParameters(100),
    );
  });
});
