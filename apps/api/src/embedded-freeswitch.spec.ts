import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '@switchboard/api/util-config';
import {
  confDirCandidates,
  findConfDir,
  hangUpCalls,
  probeFreeswitch,
  startEmbeddedFreeswitch,
} from './embedded-freeswitch';
import { type EmbeddedFreeswitchPlan, planFreeswitch } from './freeswitch-plan';

const root = join(__dirname, '..', '..', '..');
const made: string[] = [];
const tmp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-fs-embedded-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('findConfDir', () => {
  it("finds the repository's freeswitch/ from the bundle's folder, else from the working directory", () => {
    expect(findConfDir(confDirCandidates(join(root, 'dist', 'apps', 'api'), tmp()))).toBe(join(root, 'freeswitch'));
    expect(findConfDir(confDirCandidates(tmp(), root))).toBe(join(root, 'freeswitch'));
    expect(findConfDir(confDirCandidates(tmp(), tmp()))).toBeUndefined();
  });
});

describe('probeFreeswitch', () => {
  it('looks for nothing when FreeSWITCH is configured elsewhere or turned off', async () => {
    const candidates = confDirCandidates(tmp(), root);
    const none = { binary: undefined, confDir: undefined, takenPorts: [] };
    const external = loadConfig({ FREESWITCH_ESL: 'esl://:pw@fs1:8021', FREESWITCH_BIN: '/bin/true' }, tmp());
    await expect(probeFreeswitch(external, candidates)).resolves.toEqual(none);
    const off = loadConfig({ EMBEDDED_FREESWITCH: 'false', FREESWITCH_BIN: '/bin/true' }, tmp());
    await expect(probeFreeswitch(off, candidates)).resolves.toEqual(none);
  });

  it('finds no binary where FREESWITCH_BIN points at nothing, and then checks no ports', async () => {
    const config = loadConfig({ FREESWITCH_BIN: '/nonexistent/freeswitch' }, tmp());
    await expect(probeFreeswitch(config, confDirCandidates(tmp(), root))).resolves.toEqual({
      binary: undefined,
      confDir: join(root, 'freeswitch'),
      takenPorts: [],
    });
  });
});

describe('startEmbeddedFreeswitch', () => {
  it('reports a FreeSWITCH that exits during start-up, with its log file, and the API carries on', async () => {
    const config = loadConfig({ FREESWITCH_BIN: '/bin/false' }, tmp());
    const plan = planFreeswitch(config, { binary: '/bin/false', confDir: join(root, 'freeswitch'), takenPorts: [] });
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const started = await startEmbeddedFreeswitch(plan as EmbeddedFreeswitchPlan, log);
    expect(started.outcome).toEqual({
      kind: 'failed',
      reason: `FreeSWITCH exited during start-up; see ${join(config.dataDir, 'freeswitch', 'log', 'freeswitch.log')}`,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('embedded FreeSWITCH failed to start: FreeSWITCH exited during start-up');
    await expect(started.stop(100)).resolves.toBeUndefined();
    // The work folder is made under DATA_DIR, ready for the next start.
    expect(existsSync(join(config.dataDir, 'freeswitch', 'run'))).toBe(true);
  });
});

describe('hangUpCalls', () => {
  it('hangs up every call, then waits until FreeSWITCH has no channel left (their CDRs are posted by then)', async () => {
    const sent: string[] = [];
    const counts = ['\n2 total.\n', '\n1 total.\n', '\n0 total.\n'];
    const api = (command: string): Promise<string> => {
      sent.push(command);
      return Promise.resolve(command === 'show channels count' ? (counts.shift() ?? '') : '+OK hung up all channels');
    };
    await expect(hangUpCalls(api)).resolves.toBe(true);
    expect(sent).toEqual([
      'hupall SYSTEM_SHUTDOWN',
      'show channels count',
      'show channels count',
      'show channels count',
    ]);
  });

  it('gives up at the deadline, and at once when FreeSWITCH cannot be reached', async () => {
    await expect(hangUpCalls(() => Promise.resolve('\n1 total.\n'), 300)).resolves.toBe(false);
    const started = Date.now();
    await expect(hangUpCalls(() => Promise.reject(new Error('no FreeSWITCH node is connected')))).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(100);
  });
});
