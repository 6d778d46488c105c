import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

const made: string[] = [];
const tmp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-config-'));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, tmp());
    expect(config.http.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.auth.accessTokenTtl).toBe(900);
    expect(config.bootstrapAdmin).toBeUndefined();
  });

  it('provisions FreeSWITCH unless PBX=asterisk, which wants an ARI URL with credentials it keeps apart', () => {
    expect(loadConfig({}, tmp()).pbx).toEqual({ kind: 'freeswitch' });
    const asterisk = loadConfig({ PBX: 'asterisk', ASTERISK_ARI_URL: 'http://sb:p%40ss@10.0.0.5:8088/' }, tmp());
    expect(asterisk.pbx).toEqual({
      kind: 'asterisk',
      ariUrl: 'http://10.0.0.5:8088',
      ariUser: 'sb',
      ariPassword: 'p@ss',
      ami: undefined,
    });
    const withAmi = loadConfig(
      { PBX: 'asterisk', ASTERISK_ARI_URL: 'http://a:b@h:1', ASTERISK_AMI_URL: 'tcp://sb:s%3Ac@10.0.0.5:5039' },
      tmp(),
    );
    expect(withAmi.pbx).toMatchObject({ ami: { host: '10.0.0.5', port: 5039, user: 'sb', password: 's:c' } });
    // Asterisk needs no FreeSWITCH directory credentials, even in production.
    expect(() =>
      loadConfig(
        { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), PBX: 'asterisk', ASTERISK_ARI_URL: 'http://a:b@h:1' },
        tmp(),
      ),
    ).not.toThrow();
    const problems = (env: Record<string, string>): string => {
      try {
        loadConfig(env, tmp());
        return '';
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
    };
    expect(problems({ PBX: 'asterisk' })).toMatch(/ASTERISK_ARI_URL: is required when PBX=asterisk/);
    expect(problems({ PBX: 'asterisk', ASTERISK_ARI_URL: 'http://10.0.0.5:8088' })).toMatch(
      /ASTERISK_ARI_URL: must carry the ARI user and password/,
    );
    expect(problems({ PBX: 'asterisk', ASTERISK_ARI_URL: 'http://a:b@h:1', ASTERISK_AMI_URL: 'tcp://h:5038' })).toMatch(
      /ASTERISK_AMI_URL: must carry the AMI user and password/,
    );
    expect(problems({ ASTERISK_AMI_URL: 'http://a:b@h:5038' })).toMatch(/ASTERISK_AMI_URL: must be a tcp:\/\/ URL/);
    expect(problems({ PBX: 'yate' })).toMatch(/PBX: must be freeswitch or asterisk/);
  });

  it('lists every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(
        { PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_EMAIL: 'not-an-email', JWT_SECRET: 'short' },
        tmp(),
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT: must be a number/);
    expect(problems).toMatch(/DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(problems).toMatch(/ADMIN_EMAIL: email must be a valid address/);
    expect(problems).toMatch(/JWT_SECRET: must be at least 32 characters/);
  });

  it('validates the FreeSWITCH settings without echoing the ESL password', () => {
    let message = '';
    try {
      loadConfig(
        {
          FREESWITCH_ESL: 'esl://:ClueCon@fs1:8021,tcp://fs2',
          FREESWITCH_HTTP_USER: 'fs',
          FREESWITCH_HTTP_ALLOW: '10.0.0.0/8,not-an-ip',
        },
        tmp(),
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('"tcp://fs2" is not like esl://:PASSWORD@HOST:PORT');
    expect(message).toContain('FREESWITCH_HTTP_USER and FREESWITCH_HTTP_PASSWORD go together');
    expect(message).toContain('"not-an-ip" is not an IP address or CIDR range');
    const ok = loadConfig(
      {
        FREESWITCH_ESL: 'esl://:s3cret@127.0.0.1:8021',
        FREESWITCH_HTTP_USER: 'fs',
        FREESWITCH_HTTP_PASSWORD: 'long-enough-secret',
      },
      tmp(),
    );
    expect(ok.freeswitch.http).toEqual({ user: 'fs', password: 'long-enough-secret' });
    expect(ok.sip.domain).toBe('switchboard.local');
  });

  it('embeds FreeSWITCH by default; EMBEDDED_FREESWITCH=false turns it off, FREESWITCH_BIN names the binary', () => {
    expect(loadConfig({}, tmp()).freeswitch).toMatchObject({ embedded: true, binary: undefined });
    const off = loadConfig({ EMBEDDED_FREESWITCH: 'false', FREESWITCH_BIN: ' /usr/local/bin/freeswitch ' }, tmp());
    expect(off.freeswitch).toMatchObject({ embedded: false, binary: '/usr/local/bin/freeswitch' });
    expect(loadConfig({ EMBEDDED_FREESWITCH: '0' }, tmp()).freeswitch.embedded).toBe(false);
    expect(() => loadConfig({ EMBEDDED_FREESWITCH: 'maybe' }, tmp())).toThrow(
      /EMBEDDED_FREESWITCH: must be true or false/,
    );
  });

  it('reads the dial plan, with the documented defaults', () => {
    expect(loadConfig({}, tmp()).dialPlan).toEqual({
      emergencyNumbers: ['112', '911'],
      premiumPrefixes: ['0900', '0901', '0906', '0909', '0190'],
      internationalPrefix: '00',
      trunkPrefix: '0',
    });
    const nanp = loadConfig(
      {
        DIAL_EMERGENCY_NUMBERS: '911',
        DIAL_PREMIUM_PREFIXES: '1900, 900',
        DIAL_INTERNATIONAL_PREFIX: '011',
        DIAL_TRUNK_PREFIX: '',
      },
      tmp(),
    );
    expect(nanp.dialPlan).toEqual({
      emergencyNumbers: ['911'],
      premiumPrefixes: ['1900', '900'],
      internationalPrefix: '011',
      trunkPrefix: '',
    });
    expect(() => loadConfig({ DIAL_EMERGENCY_NUMBERS: '112,9-1-1' }, tmp())).toThrow(
      /DIAL_EMERGENCY_NUMBERS: must be comma-separated emergency numbers/,
    );
  });

  it("takes the contact center's time zone, by default this process's, and refuses an unknown one", () => {
    expect(loadConfig({ CONTACT_CENTER_TIME_ZONE: 'Europe/Paris' }, tmp()).timeZone).toBe('Europe/Paris');
    expect(loadConfig({}, tmp()).timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(() => loadConfig({ CONTACT_CENTER_TIME_ZONE: 'Mars/Olympus' }, tmp())).toThrow(
      /CONTACT_CENTER_TIME_ZONE: must be an IANA time zone/,
    );
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, tmp())).toThrow(
      /JWT_SECRET: is required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' }, tmp())).toThrow(
      /FREESWITCH_HTTP_USER: is required when NODE_ENV=production/,
    );
  });

  it('requires ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@example.com' }, tmp())).toThrow(/set both or neither/);
  });

  it('generates a JWT secret once and keeps it in the data directory', () => {
    const dir = tmp();
    const first = loadConfig({}, dir).auth.jwtSecret;
    const second = loadConfig({}, dir).auth.jwtSecret;
    expect(first).toHaveLength(64);
    expect(second).toBe(first);
    expect(readFileSync(join(dir, '.data', 'jwt-secret'), 'utf8').trim()).toBe(first);
  });

  it('parses CORS origins and rejects paths', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://b:8080' }, tmp()).http.corsOrigins).toEqual([
      'https://a.example.com',
      'http://b:8080',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.com/path' }, tmp())).toThrow(/CORS_ORIGINS/);
  });

  it('reads REDIS_URL (unset: one replica) and refuses anything but a redis URL', () => {
    expect(loadConfig({}, tmp()).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://:secret@cache:6379/0' }, tmp()).redisUrl).toBe(
      'redis://:secret@cache:6379/0',
    );
    expect(() => loadConfig({ REDIS_URL: 'cache:6379' }, tmp())).toThrow(
      /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/,
    );
  });

  it('bounds the ingest buffer by bytes as well as by events, 1 GiB by default', () => {
    expect(loadConfig({}, tmp()).ingestBufferMaxBytes).toBe(1_073_741_824);
    expect(loadConfig({ INGEST_BUFFER_MAX_BYTES: '268435456' }, tmp()).ingestBufferMaxBytes).toBe(268_435_456);
    expect(() => loadConfig({ INGEST_BUFFER_MAX_BYTES: '1000' }, tmp())).toThrow(
      /INGEST_BUFFER_MAX_BYTES: must be at least 1048576/,
    );
  });

  it('takes the realtime batch window in milliseconds, 10 by default, and refuses one outside 5-1000', () => {
    expect(loadConfig({}, tmp()).realtimeBatchMs).toBe(10);
    expect(loadConfig({ REALTIME_BATCH_MS: '40' }, tmp()).realtimeBatchMs).toBe(40);
    expect(() => loadConfig({ REALTIME_BATCH_MS: '0' }, tmp())).toThrow(/REALTIME_BATCH_MS: must be at least 5/);
    expect(() => loadConfig({ REALTIME_BATCH_MS: '5000' }, tmp())).toThrow(/REALTIME_BATCH_MS: must be at most 1000/);
    expect(() => loadConfig({ REALTIME_BATCH_MS: 'soon' }, tmp())).toThrow(/REALTIME_BATCH_MS: must be a number/);
  });
});
