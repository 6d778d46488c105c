// Login benchmark: the built API under the two loads the login protection is for (see README.md beside this file).
// Appends a row per scenario to results.md unless --no-write.
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, existsSync, mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { Client } from 'pg';
import { createDatabase, startTestPostgres, stopTestPostgres } from '@switchboard/api/data-access-db/testing';
import { PASSWORD_HASH_OPTIONS } from '../../libs/api/feature-auth/src/lib/password-hasher';

const root = process.env['BENCH_ROOT'] ?? process.cwd();
const API = join(root, 'tmp', 'bench-login', 'api', 'main.js');
const arg = (name: string, fallback: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const AGENTS = arg('agents', 200);
const SPRAY_SECONDS = arg('spray-seconds', 15);
const SPRAY_CONCURRENCY = arg('spray-concurrency', 20);
/** Seed the hashes stored before the OWASP parameters (argon2's defaults): the first shift after the upgrade. */
const LEGACY_HASHES = process.argv.includes('--legacy-hashes');
const PASSWORD = 'Floor-pass-2026';
const ADMIN = { email: 'bench@example.com', password: 'Bench-pass-123!' };
const NAT = '203.0.113.10';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startApi(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'sb-bench-login-')),
    JWT_SECRET: 'login-benchmark-secret-login-benchmark-secret-0123',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    EMBEDDED_FREESWITCH: 'false',
    FREESWITCH_HTTP_USER: 'freeswitch',
    FREESWITCH_HTTP_PASSWORD: 'bench-http-password',
    // Clients are told apart by X-Forwarded-For, as behind the reverse proxy production runs behind.
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [API], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child };
    if (i > 600 || child.exitCode !== null) throw new Error('the API did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** AGENTS agents with PASSWORD, written straight to the database (one hash for all: creating each would hash). */
async function seedAgents(databaseUrl: string): Promise<string[]> {
  const hash = await argon2.hash(PASSWORD, LEGACY_HASHES ? { type: argon2.argon2id } : PASSWORD_HASH_OPTIONS);
  const emails = Array.from({ length: AGENTS }, (_, i) => `agent${i}@example.com`);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    `INSERT INTO "User" ("id", "email", "displayName", "role", "passwordHash", "updatedAt")
     SELECT gen_random_uuid(), e, e, 'AGENT', $2, now() FROM unnest($1::text[]) AS e`,
    [emails, hash],
  );
  await db.end();
  return emails;
}

interface Attempt {
  status: number;
  ms: number;
  retryAfter: number;
}

async function login(url: string, from: string, email: string, password: string): Promise<Attempt> {
  const started = performance.now();
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password }),
  });
  await response.arrayBuffer();
  return {
    status: response.status,
    ms: performance.now() - started,
    retryAfter: Number(response.headers.get('retry-after') ?? 0),
  };
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const load = (): string => loadavg()[0]?.toFixed(2) ?? '?';

/** 200 agents behind one NAT address sign in at once; a 429 is retried after its Retry-After, as the console does. */
async function floorAtNine(url: string, emails: readonly string[], label = ''): Promise<string> {
  const loadBefore = load();
  const started = performance.now();
  let refused = 0;
  const other = new Map<string, number>();
  const signedIn = await Promise.all(
    emails.map(async (email) => {
      for (;;) {
        const attempt = await login(url, NAT, email, PASSWORD);
        if (attempt.status === 200) return performance.now() - started;
        if (attempt.status !== 429) {
          other.set(String(attempt.status), (other.get(String(attempt.status)) ?? 0) + 1);
          return NaN;
        }
        refused++;
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, attempt.retryAfter) * 1000));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const ok = signedIn.filter((ms) => !Number.isNaN(ms));
  return row(`${emails.length} valid logins at once, one address${label}`, {
    throughput: `${(ok.length / seconds).toFixed(1)} logins/s (${ok.length} in ${seconds.toFixed(1)} s)`,
    p50: percentile(ok, 50),
    p99: percentile(ok, 99),
    notes: `${refused} × 429 busy (retried after Retry-After); failed: ${[...other].map(([s, n]) => `${s}×${n}`).join(' ') || 'none'}`,
    loadBefore,
  });
}

/** A sprayer (random emails, SPRAY_CONCURRENCY at a time) from one address; a real agent signs in from another. */
async function sprayAlongside(url: string, real: string): Promise<string> {
  const loadBefore = load();
  const statuses = new Map<number, number>();
  const deadline = Date.now() + SPRAY_SECONDS * 1000;
  let answered = 0;
  // Until the deadline, and at least until the spray has met the limits (on a loaded machine 15 s may not suffice).
  const spraying = (): boolean => (Date.now() < deadline || answered < 60) && Date.now() < deadline + 120_000;
  const sprayer = async (): Promise<void> => {
    while (spraying()) {
      answered++;
      const email = `${randomBytes(6).toString('hex')}@example.com`;
      const { status } = await login(url, '198.51.100.20', email, 'Summer2026!');
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const realLogins: number[] = [];
  const started = performance.now();
  const agent = async (): Promise<void> => {
    while (spraying()) {
      const attempt = await login(url, '203.0.113.50', real, PASSWORD);
      if (attempt.status === 200) realLogins.push(attempt.ms);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  await Promise.all([agent(), ...Array.from({ length: SPRAY_CONCURRENCY }, sprayer)]);
  const spray = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
  return row(`real login during a spray of random emails (${SPRAY_CONCURRENCY} at a time, ≥ ${SPRAY_SECONDS} s)`, {
    throughput: `${(realLogins.length / ((performance.now() - started) / 1000)).toFixed(1)} real logins/s (one at a time, 250 ms apart)`,
    p50: percentile(realLogins, 50),
    p99: percentile(realLogins, 99),
    notes: `spray answered ${spray.join(' ')}`,
    loadBefore,
  });
}

/** The real agent alone, for comparison. */
async function baseline(url: string, real: string): Promise<string> {
  const loadBefore = load();
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const attempt = await login(url, '203.0.113.60', real, PASSWORD);
    if (attempt.status === 200) times.push(attempt.ms);
  }
  return row('one login at a time, no other load (baseline)', {
    throughput: `${(1000 / percentile(times, 50)).toFixed(1)} logins/s`,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    notes: `${times.length}/20 signed in`,
    loadBefore,
  });
}

function row(
  scenario: string,
  r: { throughput: string; p50: number; p99: number; notes: string; loadBefore: string },
): string {
  const line = `| ${scenario} | ${r.throughput} | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.loadBefore} → ${load()} | ${r.notes} |`;
  console.log(line);
  return line;
}

async function main(): Promise<void> {
  if (!existsSync(API)) throw new Error(`${API} missing: run through bench/login/run.mjs (it builds the API)`);
  const pg = await startTestPostgres();
  const rows: string[] = [];
  try {
    const databaseUrl = await createDatabase(pg.adminUrl, `${pg.prefix}_login`);
    const api = await startApi(databaseUrl);
    try {
      const emails = await seedAgents(databaseUrl);
      const real = emails[0] ?? '';
      rows.push(await baseline(api.url, real));
      if (LEGACY_HASHES) {
        rows.push(await floorAtNine(api.url, emails, ' (stored hashes: argon2 defaults, re-hashed on login)'));
        rows.push(await floorAtNine(api.url, emails, ' (next shift: hashes re-hashed)'));
      } else rows.push(await floorAtNine(api.url, emails));
      rows.push(await sprayAlongside(api.url, real));
    } finally {
      api.child.kill('SIGTERM');
      if (api.child.exitCode === null) await once(api.child, 'exit');
    }
  } finally {
    await stopTestPostgres(pg);
  }
  if (process.argv.includes('--no-write')) return;
  const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
  const hashes = LEGACY_HASHES
    ? 'agents seeded with argon2 defaults (m=64 MiB, t=3, p=4)'
    : 'agents seeded with m=19 MiB, t=2, p=1';
  const settings = Object.entries(process.env)
    .filter(([name]) => name.startsWith('LOGIN_'))
    .map(([name, value]) => `${name}=${String(value)}`);
  const header = `\n### ${new Date().toISOString().slice(0, 16)}Z, commit ${commit}, ${cpus().length} cores, ${[hashes, ...settings].join(', ')}\n\n| scenario | throughput | p50 | p99 | load avg (1 min) before → after | notes |\n|---|---|---|---|---|---|\n`;
  appendFileSync(join(root, 'bench', 'login', 'results.md'), `${header}${rows.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
