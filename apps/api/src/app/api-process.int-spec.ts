// The built API (dist/apps/api/main.js) as a real process, as `npm start` runs it: what a signal or a dying
// database does to it can only be seen from outside. npm test builds before this stage.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@switchboard/api/data-access-db';
import { createTestDatabase } from '@switchboard/api/data-access-db/testing';
import { TEST_ADMIN } from '../testing/test-app';

jest.setTimeout(120_000);

const MAIN = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'api', 'main.js');
const FS = { user: 'freeswitch', password: 'fs-http-secret-123' };
const BASIC = `Basic ${Buffer.from(`${FS.user}:${FS.password}`).toString('base64')}`;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface RunningApi {
  child: ChildProcess;
  base: string;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
  call(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; agent?: Agent },
  ): Promise<Answer>;
}

/** `detached`: in a process group of its own, as a terminal runs `npm start` (a Ctrl-C goes to the whole group). */
async function startApi(env: Record<string, string>, { detached = false } = {}): Promise<RunningApi> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build), or run npm test`);
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-process-test-')),
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      LOG_LEVEL: 'info',
      EMBEDDED_FREESWITCH: 'false',
      FREESWITCH_HTTP_USER: FS.user,
      FREESWITCH_HTTP_PASSWORD: FS.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const api: RunningApi = {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    call: (method, path, options = {}) =>
      new Promise<Answer>((resolve, reject) => {
        const body = options.body === undefined ? undefined : JSON.stringify(options.body);
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            agent: options.agent ?? false,
            headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    const ok = await api.call('GET', '/api/health').then(
      (answer) => answer.status === 200,
      () => false,
    );
    if (ok) return api;
    if (Date.now() > deadline) throw new Error(`the API did not become healthy:\n${output.slice(-3000)}`);
    await sleep(250);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signInToken(api: RunningApi): Promise<string> {
  const answer = await api.call('POST', '/api/auth/login', { body: TEST_ADMIN });
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.body) as { accessToken: string }).accessToken;
}

/**
 * A sign-in whose headers and half of whose body the API has received: in flight on the server until `finish`
 * sends the rest. The 300 ms after the connection opens let the API accept it and read the headers.
 */
async function begunLogin(port: number): Promise<{ finish(): Promise<Answer> }> {
  const body = Buffer.from(JSON.stringify(TEST_ADMIN));
  const half = Math.floor(body.length / 2);
  const req = request({
    host: '127.0.0.1',
    port,
    path: '/api/auth/login',
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, half));
  await new Promise<void>((resolve, reject) => {
    req.once('socket', (socket) => socket.once('connect', () => resolve()));
    req.once('error', reject);
  });
  await sleep(300);
  return {
    finish: () => {
      req.end(body.subarray(half));
      return answer;
    },
  };
}

/** A minimal mod_json_cdr document for one leg. */
function cdrLeg(uuid: string): unknown {
  return {
    'core-uuid': 'node-process-test',
    switchname: 'fs1',
    variables: {
      uuid,
      direction: 'inbound',
      caller_id_number: '+15550001234',
      destination_number: '9200',
      start_uepoch: '1795324809000000',
      end_uepoch: '1795324880000000',
      hangup_cause: 'NORMAL_CLEARING',
    },
  };
}

const legUuid = (n: number) => `7c0ffee0-0000-4000-8000-${n.toString().padStart(12, '0')}`;

describe('the built API as a process', () => {
  it('on SIGTERM during a burst of keep-alive writes: no 5xx, every acknowledged write stored, exit 0 "stopped"', async () => {
    const databaseUrl = await createTestDatabase();
    const api = await startApi({ DATABASE_URL: databaseUrl, SHUTDOWN_GRACE: '20' });
    const token = await signInToken(api);
    const agent = new Agent({ keepAlive: true, maxSockets: 12 });
    const acknowledged = { cdrs: [] as string[], extensions: [] as string[] };
    const serverErrors: Answer[] = [];
    const refused: string[] = [];
    let next = 0;
    let signalled = false;
    let afterSignal = 0;
    const worker = async (kind: 'cdr' | 'extension'): Promise<void> => {
      for (;;) {
        const n = next++;
        const write =
          kind === 'cdr'
            ? api.call('POST', `/freeswitch/cdr?uuid=${legUuid(n)}`, {
                body: cdrLeg(legUuid(n)),
                headers: { authorization: BASIC },
                agent,
              })
            : api.call('POST', '/api/extensions', {
                body: { number: `7${n.toString().padStart(5, '0')}`, displayName: `Burst ${n}` },
                headers: { authorization: `Bearer ${token}` },
                agent,
              });
        let answer: Answer;
        try {
          answer = await write;
        } catch (error) {
          // Refused or reset: never acknowledged, so a client retries it elsewhere. The burst ends for this worker.
          refused.push((error as Error).message);
          return;
        }
        if (answer.status >= 500) serverErrors.push(answer);
        else if (answer.status >= 200 && answer.status < 300) {
          if (signalled) afterSignal++;
          if (kind === 'cdr') acknowledged.cdrs.push(legUuid(n));
          else acknowledged.extensions.push(`7${n.toString().padStart(5, '0')}`);
        } else throw new Error(`unexpected ${answer.status}: ${answer.body}`);
      }
    };
    const workers = [...Array(8)].map((_, i) => worker(i % 2 === 0 ? 'cdr' : 'extension'));
    await sleep(3_000);
    signalled = true;
    api.child.kill('SIGTERM');
    await Promise.all(workers);
    const code = await api.exited;
    agent.destroy();

    expect(serverErrors.map((answer) => `${answer.status} ${answer.body}`)).toEqual([]);
    expect(code).toBe(0);
    expect(api.output()).toMatch(/"msg":"stopped"/);
    expect(acknowledged.cdrs.length).toBeGreaterThan(0);
    expect(acknowledged.extensions.length).toBeGreaterThan(0);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const calls = await db.query<{ uuid: string }>('SELECT uuid FROM "Call" WHERE uuid = ANY($1::text[])', [
        acknowledged.cdrs,
      ]);
      expect(calls.rowCount).toBe(acknowledged.cdrs.length);
      const extensions = await db.query('SELECT 1 FROM "Extension" WHERE number = ANY($1)', [acknowledged.extensions]);
      expect(extensions.rowCount).toBe(acknowledged.extensions.length);
    } finally {
      await db.end();
    }
    // What the run looked like, for the report.
    console.log(
      `SIGTERM burst: ${acknowledged.cdrs.length} CDRs + ${acknowledged.extensions.length} extensions acknowledged ` +
        `(${afterSignal} after the signal), ${refused.length} refused after close, 0 5xx, exit ${code}`,
    );
  });

  it('with the embedded PostgreSQL killed (-9): 503 + Retry-After meanwhile, restarted, working again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-process-pg-'));
    const api = await startApi({ DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      const token = await signInToken(api);
      const auth = { authorization: `Bearer ${token}` };
      expect((await api.call('GET', '/api/users', { headers: auth })).status).toBe(200);
      const postmasterPid = () => Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      const killed = postmasterPid();
      process.kill(killed, 'SIGKILL');

      const [read, write, cdr, health] = await Promise.all([
        api.call('GET', '/api/users', { headers: auth }),
        api.call('POST', '/api/extensions', { headers: auth, body: { number: '5999', displayName: 'Outage' } }),
        api.call('POST', `/freeswitch/cdr?uuid=${legUuid(1)}`, {
          headers: { authorization: BASIC },
          body: cdrLeg(legUuid(1)),
        }),
        api.call('GET', '/api/health'),
      ]);
      for (const answer of [read, write, cdr]) {
        expect([answer.status, JSON.parse(answer.body).error]).toEqual([503, 'ServiceUnavailable']);
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect([health.status, JSON.parse(health.body).database]).toEqual([503, 'down']);

      const deadline = Date.now() + 30_000;
      while ((await api.call('GET', '/api/health')).status !== 200) {
        if (Date.now() > deadline) throw new Error(`not restarted:\n${api.output().slice(-3000)}`);
        await sleep(250);
      }
      expect(postmasterPid()).not.toBe(killed);
      expect(api.output()).toContain('embedded PostgreSQL restarted');
      expect((await api.call('GET', '/api/users', { headers: auth })).status).toBe(200);
      expect(
        (
          await api.call('POST', `/freeswitch/cdr?uuid=${legUuid(1)}`, {
            headers: { authorization: BASIC },
            body: cdrLeg(legUuid(1)),
          })
        ).status,
      ).toBe(200);
    } finally {
      api.child.kill('SIGTERM');
      const code = await api.exited;
      if (code !== 0) console.error(`exit ${String(code)}:\n${api.output().slice(-4000)}`);
      expect(code).toBe(0);
    }
  });

  /** The embedded postmaster's pid from its lock file (undefined once it is gone: a clean stop removes the file). */
  const postmasterOf = (dataDir: string): number | undefined => {
    const lock = join(dataDir, 'pg', 'postmaster.pid');
    return existsSync(lock) ? Number(readFileSync(lock, 'utf8').split('\n')[0]) : undefined;
  };
  /** Process group of a live process, from /proc (field 5 of stat, after the command in parentheses). */
  const processGroupOf = (pid: number): number =>
    Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[2]);
  const gone = async (pid: number, withinMs: number): Promise<boolean> => {
    for (const deadline = Date.now() + withinMs; Date.now() < deadline; await sleep(100))
      if (!existsSync(`/proc/${pid}`)) return true;
    return !existsSync(`/proc/${pid}`);
  };

  it('on Ctrl-C (SIGINT to its process group): the API stops gracefully, then stops the embedded PostgreSQL cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-process-ctrlc-'));
    const api = await startApi({ DATA_DIR: dataDir, DATABASE_URL: '' }, { detached: true });
    const group = api.child.pid ?? 0;
    const postmaster = postmasterOf(dataDir) ?? 0;
    expect(postmaster).toBeGreaterThan(0);
    // Its own group: the terminal's SIGINT reaches the API only, which stops PostgreSQL after its pool closed.
    expect(processGroupOf(postmaster)).not.toBe(group);
    // A request the API has begun reading when the signal comes is answered from the database, not with a 503.
    // (A connection still in the listen backlog when the API stops listening is reset by the kernel: that is TCP,
    // and what a client retries. So the request is begun first, and its body finished after the signal.)
    const inFlight = await begunLogin(api.port);
    process.kill(-group, 'SIGINT');
    await sleep(200);
    const answer = await inFlight.finish();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty('accessToken');
    expect(await api.exited).toBe(0);
    expect(api.output()).toContain('"msg":"stopped"');
    expect(api.output()).not.toContain('stopped from outside');
    expect(await gone(postmaster, 5_000)).toBe(true);
    // A fast shutdown removes the lock file; a killed or crashed postmaster leaves it behind.
    expect(postmasterOf(dataDir)).toBeUndefined();
  });

  it('killed with SIGKILL: leaves no orphan PostgreSQL (the kernel stops it cleanly on its parent’s death)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sb-process-kill-'));
    const api = await startApi({ DATA_DIR: dataDir, DATABASE_URL: '' });
    const postmaster = postmasterOf(dataDir) ?? 0;
    expect(postmaster).toBeGreaterThan(0);
    api.child.kill('SIGKILL');
    await api.exited;
    expect(await gone(postmaster, 10_000)).toBe(true);
    expect(postmasterOf(dataDir)).toBeUndefined();
    // And the next start on the same data directory works.
    const again = await startApi({ DATA_DIR: dataDir, DATABASE_URL: '' });
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
