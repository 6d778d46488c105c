import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestApp, startTestApp } from '../testing/test-app';

const SCRIPT = join(__dirname, '..', '..', '..', '..', 'tools', 'scripts', 'cdr-replay.mjs');
const FS = { FREESWITCH_HTTP_USER: 'freeswitch', FREESWITCH_HTTP_PASSWORD: 'fs-http-secret-123' };
const UUIDS = [1, 2, 3].map((n) => `9d0c5e1a-0000-4000-8000-00000000000${n}`);

/** A caller leg as mod_json_cdr writes it (one line of unformatted JSON). */
function legJson(uuid: string, caller: string): string {
  return JSON.stringify({
    'core-uuid': 'node-replay',
    switchname: 'fs1',
    variables: {
      uuid,
      direction: 'inbound',
      caller_id_number: caller,
      destination_number: '9200',
      start_uepoch: '1795324809000000',
      end_uepoch: '1795324880000000',
      hangup_cause: 'NORMAL_CLEARING',
    },
  });
}

/** Runs the script as `npm run cdr:replay` does (asynchronously: the API answering it is in this process). */
function replay(dir: string, url: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SCRIPT, dir, '--url', url], { env: { ...process.env, ...FS } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

describe('npm run cdr:replay <dir>: a FreeSWITCH json_cdr spool posted back', () => {
  let t: TestApp;
  let url = '';
  const spool = mkdtempSync(join(tmpdir(), 'sb-cdr-spool-'));

  beforeAll(async () => {
    t = await startTestApp(FS);
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/freeswitch/cdr`;
    // The three encodings mod_json_cdr spools in (encode=false, true, base64), each ending in a newline; the A-leg
    // prefix (prefix-a-leg) and a dated subfolder (rotate) as FreeSWITCH makes them.
    writeFileSync(join(spool, `${UUIDS[0]}.cdr.json`), `${legJson(UUIDS[0], '+15550000001')}\n`);
    writeFileSync(join(spool, `a_${UUIDS[1]}.cdr.json`), `${encodeURIComponent(legJson(UUIDS[1], '+15550000002'))}\n`);
    mkdirSync(join(spool, '2026-12-04-07-00-00'));
    writeFileSync(
      join(spool, '2026-12-04-07-00-00', `${UUIDS[2]}.cdr.json`),
      `${Buffer.from(legJson(UUIDS[2], '+15550000003')).toString('base64')}\n`,
    );
    writeFileSync(join(spool, 'README.txt'), 'not a CDR, not named like one: ignored');
  });
  afterAll(async () => {
    await t.close();
    rmSync(spool, { recursive: true, force: true });
  });

  it('fails, keeping every file, while the API is not there', async () => {
    const run = await replay(spool, 'http://127.0.0.1:1/freeswitch/cdr');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('3 files, 0 stored, 0 refused, 3 failed, 0 unreadable');
  });

  it('stores every encoding, says what it could not read, and exits non-zero for it', async () => {
    const junk = join(spool, '9d0c5e1a-0000-4000-8000-00000000000f.cdr.json');
    writeFileSync(junk, 'half a document {"variab\n');
    const run = await replay(spool, url);
    rmSync(junk);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('4 files, 3 stored, 0 refused, 0 failed, 1 unreadable');
    expect(run.stderr).toContain('00000000000f.cdr.json');
    const calls = await t.prisma.call.findMany({ where: { uuid: { in: UUIDS } }, orderBy: { fromNumber: 'asc' } });
    expect(calls.map((call) => [call.uuid, call.fromNumber, call.fromCdr])).toEqual([
      [UUIDS[0], '+15550000001', true],
      [UUIDS[1], '+15550000002', true],
      [UUIDS[2], '+15550000003', true],
    ]);
  });

  it('is idempotent: a second run stores the same files again without changing anything', async () => {
    // Everything but the row's own write time.
    const stored = async () =>
      (await t.prisma.call.findMany({ where: { uuid: { in: UUIDS } }, orderBy: { uuid: 'asc' } })).map(
        ({ updatedAt: _written, ...call }) => call,
      );
    const before = await stored();
    expect(before).toHaveLength(3);
    const run = await replay(spool, url);
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('3 files, 3 stored, 0 refused, 0 failed, 0 unreadable');
    expect(await stored()).toEqual(before);
    expect(await t.prisma.callEvent.count()).toBe(0);
  });
});
