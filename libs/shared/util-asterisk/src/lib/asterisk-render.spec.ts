import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asteriskEnvironment } from './asterisk-environment';

const confDir = join(__dirname, '..', '..', '..', '..', '..', 'asterisk');

function render(env: Record<string, string>): { dest: string; status: number | null; stderr: string } {
  const dest = mkdtempSync(join(tmpdir(), 'sb-ast-render-'));
  const result = spawnSync('sh', [join(confDir, 'render.sh'), join(dest, 'etc')], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ASTERISK_STATE_DIR: join(dest, 'state'), ...env },
    encoding: 'utf8',
  });
  return { dest: join(dest, 'etc'), status: result.status, stderr: result.stderr };
}

const settings = {
  sipDomain: 'pbx.example.org',
  ariUser: 'sb-ari',
  ariPassword: 'ari/secret&with\\chars',
  amiUser: 'sb-ami',
  amiPassword: 'ami-secret',
  bindIp: '127.0.0.1',
  httpPort: 18088,
};

describe('asterisk/render.sh', () => {
  it('fills every placeholder from the environment, values with sed metacharacters included', () => {
    const { dest, status } = render(asteriskEnvironment(settings));
    expect(status).toBe(0);
    for (const file of readdirSync(dest)) expect(readFileSync(join(dest, file), 'utf8')).not.toMatch(/\{\{/);
    const ari = readFileSync(join(dest, 'ari.conf'), 'utf8');
    expect(ari).toContain('[sb-ari]');
    expect(ari).toContain('password = ari/secret&with\\chars');
    expect(readFileSync(join(dest, 'http.conf'), 'utf8')).toMatch(/bindaddr = 127\.0\.0\.1\nbindport = 18088/);
    expect(readFileSync(join(dest, 'pjsip.conf'), 'utf8')).toContain('default_realm = pbx.example.org');
    // Only Asterisk's user may read the API's credentials.
    expect(statSync(join(dest, 'ari.conf')).mode & 0o077).toBe(0);
    expect(statSync(join(dest, 'manager.conf')).mode & 0o077).toBe(0);
  });

  it('starts secrets random when they are not set, so no well-known password ever works', () => {
    const password = (dest: string): string | undefined =>
      /^password = (.+)$/m.exec(readFileSync(join(dest, 'ari.conf'), 'utf8'))?.[1];
    const first = password(render({}).dest);
    const second = password(render({}).dest);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(second).toMatch(/^[0-9a-f]{32}$/);
    expect(first).not.toBe(second);
  });
});
