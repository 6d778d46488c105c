// Fuzz of every REST route listed in the OpenAPI document (new routes are picked up by themselves): hostile paths,
// queries, bodies, labels and tokens must never get a 5xx, must get errors in the one format, must not crash the
// process; well-formed requests must not be refused.
import fc from 'fast-check';
import { type RealtimeFixture, provisionAgent, startRealtimeApi, userWithToken } from '../testing/realtime-fixtures';
import { TEST_ADMIN, signIn } from '../testing/test-app';
import {
  ProcessWatch,
  announceFuzzRun,
  expectSound,
  fuzzParameters,
  humanText,
  percentEncode,
  print,
} from './fuzz-support';
import { type FuzzRequest, describeRequest, requestTo, send } from './http-requests';
import type { JsonSchema } from './schema-arbitrary';

jest.setTimeout(180_000);

/** Query parameters the API reads somewhere (the OpenAPI document does not list them). */
const QUERY_NAMES = ['search', 'role', 'page', 'pageSize', 'from', 'to', 'queue', 'agent', 'direction', 'outcome'];
const MORE_QUERY_NAMES = ['channel', 'number', 'timeZone', 'interval', 'format', 'uuid', 'status', 'when'];

type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
type OpenApi = { paths: Record<string, Record<string, Operation>> };
type Route = { method: FuzzRequest['method']; path: string; schema?: JsonSchema };

/** Every property name in the document's request schemas: the fields a body is likely to be read for. */
function fieldNames(doc: OpenApi): string[] {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties) for (const name of Object.keys(properties)) names.add(name);
    for (const child of Object.values(node)) visit(child);
  };
  for (const operations of Object.values(doc.paths))
    for (const operation of Object.values(operations)) visit(operation.requestBody);
  return [...names];
}

describe('fuzz: REST API (every route of the OpenAPI document)', () => {
  const watch = new ProcessWatch();
  const run = announceFuzzRun('rest');
  let f: RealtimeFixture;
  let routes: Route[] = [];
  let keys: string[] = [];
  let tokens: string[] = [];
  const knownIds: string[] = [];

  beforeAll(async () => {
    watch.install();
    // Behind a (pretend) proxy: fuzzed requests come from FUZZ_ADDRESS, so the login limits they trip (as they should)
    // do not stop the suite's own sign-ins, which come from 127.0.0.1.
    f = await startRealtimeApi('fuzz-rest', { TRUST_PROXY: 'true' });
    const doc = (await f.t.http().get('/api/docs/openapi.json').expect(200)).body as OpenApi;
    routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase() as FuzzRequest['method'],
        path,
        schema: operation.requestBody?.content?.['application/json']?.schema,
      })),
    );
    keys = [...fieldNames(doc), ...QUERY_NAMES, ...MORE_QUERY_NAMES];
    const agent = await userWithToken(f, 'fuzz-agent@example.com', 'AGENT');
    await provisionAgent(f, agent.id, '2001', ['support']);
    const supervisor = await userWithToken(f, 'fuzz-supervisor@example.com', 'SUPERVISOR');
    tokens = [f.adminToken, agent.token, supervisor.token];
    knownIds.push(agent.id, supervisor.id, ...(await f.t.prisma.extension.findMany()).map((e) => e.id));
  });
  afterAll(async () => {
    watch.uninstall();
    print(run.summary());
    await f.close();
  });
  afterEach(async () => {
    expect(watch.problems).toEqual([]);
    // Still alive and well: the database answers through the API.
    expect((await f.t.http().get('/api/health')).status).toBe(200);
  });

  /** Signs the users in again when a fuzzed request ended their session (logout, a password change...). */
  const keepSignedIn = async (request: FuzzRequest, status: number): Promise<void> => {
    if (status < 400 && request.method !== 'GET' && /\/api\/(auth\/logout|users\/)/.test(request.url)) {
      tokens[0] = (await signIn(f.t, TEST_ADMIN.email, TEST_ADMIN.password)).token;
      tokens[1] = (
        await signIn(f.t, 'fuzz-agent@example.com', 'Realtime-pass-123!').catch(() => ({ token: tokens[1] ?? '' }))
      ).token;
      tokens[2] = (
        await signIn(f.t, 'fuzz-supervisor@example.com', 'Realtime-pass-123!').catch(() => ({ token: tokens[2] ?? '' }))
      ).token;
    }
  };

  it('answers any request to any route below 500, in the error format, without crashing', async () => {
    const request = fc
      .constantFrom(...routes)
      .chain((route) => requestTo(route, { keys, tokens, knownIds: () => knownIds, schema: route.schema }));
    // Four at a time: requests wait on PostgreSQL, so the CPU has other work meanwhile.
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 4, maxLength: 4 }), async (batch) => {
        const responses = await Promise.all(
          batch.map((generated) =>
            send(f.t, { ...generated, headers: { ...generated.headers, 'x-forwarded-for': FUZZ_ADDRESS } }),
          ),
        );
        responses.forEach((response, i) => expectSound(response, describeRequest(batch[i])));
        for (const [i, response] of responses.entries()) {
          await keepSignedIn(batch[i], response.status);
          // Rows the fuzz created become targets of later GET/PATCH/DELETE requests.
          const id = (response.body as { id?: unknown } | undefined)?.id;
          if (response.status === 201 && typeof id === 'string') knownIds.push(id);
        }
      }),
      fuzzParameters(250, 4),
    );
  });

  it('does not refuse well-formed list queries in any script', async () => {
    const query = fc.record({
      path: fc.constantFrom('/api/users', '/api/calls', '/api/extensions', '/api/agents', '/api/queues'),
      search: humanText(40),
      page: fc.integer({ min: 1, max: 1_000 }),
      pageSize: fc.integer({ min: 1, max: 200 }),
    });
    await fc.assert(
      fc.asyncProperty(query, async ({ path, search, page, pageSize }) => {
        const field = path === '/api/calls' ? 'number' : 'search';
        const url = `${path}?${field}=${percentEncode(search)}&page=${page}&pageSize=${pageSize}`;
        const response = await f.t
          .http()
          .get(url)
          .set('authorization', `Bearer ${tokens[0] ?? ''}`);
        if (response.status !== 200)
          throw new Error(`${url} answered ${response.status}: ${JSON.stringify(response.body)}`);
      }),
      fuzzParameters(150),
    );
  });

  it('creates users with any well-formed name and signs in with any well-formed (wrong) password as 401', async () => {
    let serial = 0;
    const user = fc.record({
      displayName: humanText(100),
      password: humanText(128),
      role: fc.constantFrom('AGENT', 'SUPERVISOR'),
    });
    await fc.assert(
      fc.asyncProperty(user, async ({ displayName, password, role }) => {
        const email = `fuzz-${FUZZ_RUN}-${serial++}@example.com`;
        // A prefix keeps any generated text clear of the common-password rule, which has its own tests.
        const body = { email, displayName, role, password: `Fz-${serial}-${password}`.padEnd(10, '.') };
        const created = await f.t
          .http()
          .post('/api/users')
          .set('authorization', `Bearer ${tokens[0] ?? ''}`)
          .send(body);
        if (created.status !== 201)
          throw new Error(`create ${JSON.stringify(body)}: ${created.status} ${JSON.stringify(created.body)}`);
        knownIds.push((created.body as { id: string }).id);
        const login = await f.t
          .http()
          .post('/api/auth/login')
          .send({ email, password: `${body.password}x` });
        if (login.status !== 401)
          throw new Error(`login ${JSON.stringify(body)}: ${login.status} ${JSON.stringify(login.body)}`);
      }),
      fuzzParameters(10),
    );
  });
});

/** Where fuzzed requests come from (X-Forwarded-For), apart from the suite's own sign-ins. */
const FUZZ_ADDRESS = '198.51.100.7';

/** Tells this run's users apart from a replayed run's on the same database. */
const FUZZ_RUN = Date.now().toString(36);
