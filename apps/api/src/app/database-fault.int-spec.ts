// Fault test: the database stops for 30 s while calls flow. Live events wait in the ingestion buffer; mod_json_cdr
// (the simulator's `cdr` option behaves like it) gets 503s, retries, and spools what it could not deliver;
// `npm run cdr:replay` posts the spool back. Afterwards no call record is missing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ThrowawayPostgres, startThrowawayPostgres } from '@switchboard/api/data-access-db/testing';
import { freePort } from '@switchboard/api/data-access-db';
import { EslService } from '@switchboard/api/data-access-esl';
import {
  type CallScenarioKind,
  EslSimulator,
  Prng,
  buildCall,
  eventually,
} from '@switchboard/api/data-access-esl/testing';
import { IngestionService } from '@switchboard/api/feature-calls';
import { TEST_ADMIN, type TestApp, signIn, startTestApp } from '../testing/test-app';

jest.setTimeout(240_000);

const OUTAGE_MS = 30_000;
const FS = { FREESWITCH_HTTP_USER: 'freeswitch', FREESWITCH_HTTP_PASSWORD: 'fs-http-secret-123' };
const REPLAY = join(__dirname, '..', '..', '..', '..', 'tools', 'scripts', 'cdr-replay.mjs');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function replay(dir: string, url: string): Promise<{ status: number | null; stdout: string }> {
  const child = spawn(process.execPath, [REPLAY, dir, '--url', url], { env: { ...process.env, ...FS } });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout })));
}

describe('fault: PostgreSQL stopped for 30 s while calls flow', () => {
  let postgres: ThrowawayPostgres;
  let simulator: EslSimulator;
  let t: TestApp;
  const spool = mkdtempSync(join(tmpdir(), 'sb-fault-spool-'));
  let cdrUrl = '';

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
    const port = await freePort();
    cdrUrl = `http://127.0.0.1:${port}/freeswitch/cdr`;
    simulator = new EslSimulator({
      password: 'sim-secret',
      heartbeatIntervalMs: 0,
      seed: 11,
      // json_cdr.conf as shipped in freeswitch/conf, with short delays: 2 retries a second apart, then the spool.
      cdr: {
        url: cdrUrl,
        user: FS.FREESWITCH_HTTP_USER,
        password: FS.FREESWITCH_HTTP_PASSWORD,
        retries: 2,
        delayMs: 1_000,
        spoolDir: spool,
      },
    });
    const eslPort = await simulator.start();
    t = await startTestApp(FS, {
      databaseUrl: postgres.url,
      eslNodes: [{ id: 'fs-fault', host: '127.0.0.1', port: eslPort, password: 'sim-secret' }],
    });
    await t.app.listen(port, '127.0.0.1');
    await eventually(() => t.app.get(EslService).isConnected('fs-fault'), 10_000, 'the ESL connection');
  });
  afterAll(async () => {
    await t?.close();
    await simulator?.stop();
    await postgres?.destroy();
    rmSync(spool, { recursive: true, force: true });
  });

  /** Stops PostgreSQL for OUTAGE_MS, checks the API says 503 meanwhile; returns the events buffered at its end. */
  async function outage(token: string, refreshCookie: string): Promise<number> {
    await postgres.stop();
    const outageStarted = Date.now();
    try {
      await sleep(1_000);
      const during = await t.http().get('/api/calls').set('authorization', `Bearer ${token}`);
      expect([during.status, Number(during.headers['retry-after']) > 0]).toEqual([503, true]);
      // A refresh meets the outage too: 503, and the refresh cookie is kept (clearing it would sign the user out).
      const refresh = await t.http().post('/api/auth/refresh').set('cookie', refreshCookie);
      expect([refresh.status, refresh.headers['set-cookie']]).toEqual([503, undefined]);
      await sleep(OUTAGE_MS - (Date.now() - outageStarted));
      return t.app.get(IngestionService).pending;
    } finally {
      await postgres.start();
    }
  }

  it('loses no call record: buffered events are written and the spool is replayed', async () => {
    const { token, cookie } = await signIn(t, TEST_ADMIN.email, TEST_ADMIN.password);
    // Calls flow before, during and after the outage: one every 400 ms, each complete at once (its events stamped
    // as they would be, its legs' CDRs posted by the simulated mod_json_cdr, which retries and then spools).
    const prng = new Prng(11);
    const kinds: CallScenarioKind[] = ['answered', 'abandoned', 'timeout'];
    let made = 0;
    const pump = setInterval(() => {
      const kind = kinds[made % kinds.length] ?? 'answered';
      const call = buildCall(kind, {
        prng,
        startUs: BigInt(Date.now()) * 1000n,
        queue: 'fault@default',
        queueExtension: '9500',
        callerNumber: `+1555${String(made).padStart(7, '0')}`,
        callerName: `Fault ${made}`,
        agent: { name: 'agent1000@default', extension: '1000' },
        timeScale: 0.001,
      });
      made++;
      for (const { event } of call.events) simulator.emit(event);
    }, 400);
    let buffered = 0;
    try {
      await sleep(6_000);
      buffered = await outage(token, cookie);
      await sleep(6_000);
    } finally {
      clearInterval(pump);
    }
    // Quiet: every leg's CDR posted (or spooled), every event written.
    await eventually(() => simulator.state.channels.size === 0, 60_000, 'every call to end');
    const ingestion = t.app.get(IngestionService);
    await eventually(() => ingestion.pending === 0, 30_000, 'the ingestion buffer to empty');
    await ingestion.drain();

    const results = simulator.cdrResults;
    const spooled = results.filter((result) => !result.delivered);
    expect(readdirSync(spool)).toHaveLength(spooled.length);
    const replayed = await replay(spool, cdrUrl);
    expect(replayed.status).toBe(0);
    expect(replayed.stdout).toContain(`${spooled.length} files, ${spooled.length} stored, 0 refused, 0 failed`);

    const legs = results.map((result) => result.uuid);
    const calls = await t.prisma.call.findMany({ select: { uuid: true, channelUuids: true, endedAt: true } });
    const known = new Set(calls.flatMap((call) => [call.uuid, ...call.channelUuids]));
    const missing = legs.filter((leg) => !known.has(leg));
    const unfinished = calls.filter((call) => call.endedAt === null).map((call) => call.uuid);
    console.log(
      `DB outage ${OUTAGE_MS / 1000} s: ${made} calls made, ${calls.length} stored, ${legs.length} legs, ${buffered} events buffered at ` +
        `its end, ${spooled.length} CDRs spooled and replayed, ${missing.length} legs missing, ${unfinished.length} ` +
        `calls without an end`,
    );
    expect(spooled.length).toBeGreaterThan(0);
    expect(buffered).toBeGreaterThan(0);
    expect(calls).toHaveLength(made);
    await t.http().post('/api/auth/refresh').set('cookie', cookie).expect(200);
    expect(missing).toEqual([]);
    expect(unfinished).toEqual([]);
  });
});
