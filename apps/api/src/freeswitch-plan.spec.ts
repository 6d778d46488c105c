import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig, loadConfig } from '@switchboard/api/util-config';
import { HOW_TO_GET_FREESWITCH } from '@switchboard/shared/util-freeswitch';
import { type FreeswitchProbe, freeswitchStatus, localApiUrl, planFreeswitch } from './freeswitch-plan';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function configOf(env: Record<string, string> = {}): AppConfig {
  const cwd = mkdtempSync(join(tmpdir(), 'sb-fs-plan-'));
  made.push(cwd);
  return loadConfig({ PORT: '3999', ...env }, cwd);
}

const found: FreeswitchProbe = {
  binary: '/opt/freeswitch/bin/freeswitch',
  confDir: '/repo/freeswitch',
  takenPorts: [],
};
const secrets = (): (() => string) => {
  let n = 0;
  return () => `secret-${++n}`;
};
const nothing = { simulated: false, nodeIds: [] };

describe('planFreeswitch', () => {
  it('starts FreeSWITCH on loopback with the same generated credentials on both sides', () => {
    const config = configOf({ SIP_DOMAIN: 'pbx.test', DIAL_PREMIUM_PREFIXES: '0900,1900' });
    const plan = planFreeswitch(config, found, secrets());
    if (plan.kind !== 'embedded') throw new Error(`expected embedded, got ${plan.kind}`);
    expect(plan.config.freeswitch.http).toEqual({ user: 'freeswitch', password: 'secret-1' });
    expect(plan.settings).toEqual({
      sipDomain: 'pbx.test',
      eslPassword: 'secret-2',
      eslListenIp: '127.0.0.1',
      apiUrl: 'http://127.0.0.1:3999',
      httpUser: 'freeswitch',
      httpPassword: 'secret-1',
      bindIp: '127.0.0.1',
      premiumPattern: '^(?:0900|1900)',
    });
    expect(plan.node).toEqual({ id: '127.0.0.1:8021', host: '127.0.0.1', port: 8021, password: 'secret-2' });
    expect(plan.workDir).toBe(join(config.dataDir, 'freeswitch'));
    expect(plan.confDir).toBe('/repo/freeswitch');
    // The validated configuration itself is not changed: the effective one is a new object.
    expect(config.freeswitch.http).toBeUndefined();
    expect(Object.isFrozen(plan.config.freeswitch)).toBe(true);
  });

  it('keeps configured HTTP credentials and lets loopback through an allow list', () => {
    const plan = planFreeswitch(
      configOf({
        FREESWITCH_HTTP_USER: 'fs',
        FREESWITCH_HTTP_PASSWORD: 'configured-secret',
        FREESWITCH_HTTP_ALLOW: '10.0.0.0/8',
      }),
      found,
      secrets(),
    );
    if (plan.kind !== 'embedded') throw new Error(`expected embedded, got ${plan.kind}`);
    expect(plan.config.freeswitch.http).toEqual({ user: 'fs', password: 'configured-secret' });
    expect(plan.settings).toMatchObject({ httpUser: 'fs', httpPassword: 'configured-secret', eslPassword: 'secret-1' });
    expect(plan.config.freeswitch.httpAllow).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });

  it('leaves FreeSWITCH to FREESWITCH_ESL, to EMBEDDED_FREESWITCH=false, and to a machine that has none', () => {
    const external = configOf({ FREESWITCH_ESL: 'esl://:pw@10.0.0.5:8021' });
    expect(planFreeswitch(external, found)).toEqual({ kind: 'external', config: external });
    expect(planFreeswitch(configOf({ EMBEDDED_FREESWITCH: 'false' }), found).kind).toBe('disabled');
    expect(planFreeswitch(configOf(), { ...found, binary: undefined }).kind).toBe('not-found');
    expect(planFreeswitch(configOf(), { ...found, confDir: undefined }).kind).toBe('no-config');
    const taken = planFreeswitch(configOf(), { ...found, takenPorts: ['5060/udp', '8021/tcp'] });
    expect(taken).toMatchObject({ kind: 'ports-taken', takenPorts: ['5060/udp', '8021/tcp'] });
    expect(taken.config.freeswitch.http).toBeUndefined();
  });

  it('reaches the API on loopback when it listens everywhere, else on its own address', () => {
    expect(localApiUrl(configOf({ HOST: '0.0.0.0' }))).toBe('http://127.0.0.1:3999');
    expect(localApiUrl(configOf({ HOST: '::' }))).toBe('http://127.0.0.1:3999');
    expect(localApiUrl(configOf({ HOST: '10.1.2.3' }))).toBe('http://10.1.2.3:3999');
    expect(localApiUrl(configOf({ HOST: '::1' }))).toBe('http://[::1]:3999');
  });
});

describe('freeswitchStatus', () => {
  it('names the version, the SIP URL and the log file of the embedded FreeSWITCH', () => {
    const config = configOf();
    const plan = planFreeswitch(config, found);
    const logFile = join(config.dataDir, 'freeswitch', 'log', 'freeswitch.log');
    const cwd = join(config.dataDir, '..');
    expect(freeswitchStatus(plan, { kind: 'started', version: '1.11.2', logFile }, { ...nothing, cwd })).toBe(
      '1.11.2 (embedded) SIP ws://127.0.0.1:5066, log .data/freeswitch/log/freeswitch.log',
    );
    const demo = planFreeswitch(configOf({ DEMO: '1', SIP_WS_URL: 'wss://pbx.example.com:7443' }), found);
    expect(freeswitchStatus(demo, { kind: 'started', version: undefined, logFile: '/var/fs.log' }, nothing)).toBe(
      '(embedded) SIP wss://pbx.example.com:7443, log /var/fs.log; DEMO=1: simulated traffic beside real demo calls',
    );
    expect(freeswitchStatus(plan, { kind: 'failed', reason: 'it exited; see x.log' }, nothing)).toBe(
      'failed to start (it exited; see x.log); running without it',
    );
  });

  it('says in one line why there is none, and how to get one', () => {
    const lines = [
      freeswitchStatus(planFreeswitch(configOf(), { ...found, binary: undefined }), { kind: 'not-started' }, nothing),
      freeswitchStatus(
        planFreeswitch(configOf({ FREESWITCH_BIN: '/nonexistent' }), { ...found, binary: undefined }),
        { kind: 'not-started' },
        nothing,
      ),
      freeswitchStatus(
        planFreeswitch(configOf({ EMBEDDED_FREESWITCH: 'no' }), found),
        { kind: 'not-started' },
        {
          simulated: true,
          nodeIds: ['demo-simulator'],
        },
      ),
      freeswitchStatus(
        planFreeswitch(configOf(), { ...found, takenPorts: ['5060/udp', '5066/tcp'] }),
        { kind: 'not-started' },
        nothing,
      ),
      freeswitchStatus(
        planFreeswitch(configOf({ FREESWITCH_ESL: 'esl://:pw@fs1:8021' }), found),
        { kind: 'not-started' },
        {
          simulated: false,
          nodeIds: ['fs1:8021'],
        },
      ),
    ];
    expect(lines).toEqual([
      `none found; ${HOW_TO_GET_FREESWITCH}; running without it`,
      'FREESWITCH_BIN /nonexistent is not an executable file; running without it',
      'not started (EMBEDDED_FREESWITCH=false); running with the DEMO simulator instead',
      'ports 5060/udp, 5066/tcp on 127.0.0.1 are taken (another FreeSWITCH?); running without it',
      'FREESWITCH_ESL fs1:8021',
    ]);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    expect(HOW_TO_GET_FREESWITCH).toMatch(/docker compose/);
  });
});
