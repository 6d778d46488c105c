import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { type AppConfig, envSchema } from './config.schema';

/** The environment is invalid; `problems` lists every bad variable, one line each. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Validates the environment into the typed config. Pure apart from the JWT secret: when none is configured
 * (allowed outside production) one is generated once and kept in `DATA_DIR/jwt-secret`, so tokens survive restarts.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = resolve(cwd, e.DATA_DIR);
  return Object.freeze({
    env: e.NODE_ENV,
    http: Object.freeze({
      port: e.PORT,
      host: e.HOST,
      trustProxy: e.TRUST_PROXY,
      corsOrigins: Object.freeze(e.CORS_ORIGINS?.split(',').map((o) => o.trim()) ?? []),
    }),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    auth: Object.freeze({
      jwtSecret: e.JWT_SECRET ?? persistedSecret(dataDir),
      accessTokenTtl: e.ACCESS_TOKEN_TTL,
      refreshTokenTtl: e.REFRESH_TOKEN_TTL,
      loginRateLimit: e.LOGIN_RATE_LIMIT,
      loginRateWindow: e.LOGIN_RATE_WINDOW,
      loginAddressFailureLimit: e.LOGIN_ADDRESS_FAILURES,
      // One argon2 check keeps one core busy: more checks than cores only makes each one slower.
      loginConcurrentVerifications: e.LOGIN_VERIFY_CONCURRENCY ?? availableParallelism(),
      loginQueueWaitSeconds: e.LOGIN_QUEUE_WAIT,
    }),
    bootstrapAdmin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? Object.freeze({ email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD })
        : undefined,
    logLevel: e.LOG_LEVEL,
    staticDir: e.STATIC_DIR ? resolve(cwd, e.STATIC_DIR) : undefined,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE,
    timeZone: e.CONTACT_CENTER_TIME_ZONE ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
    freeswitch: Object.freeze({
      esl: e.FREESWITCH_ESL,
      embedded: e.EMBEDDED_FREESWITCH,
      binary: e.FREESWITCH_BIN,
      http:
        e.FREESWITCH_HTTP_USER && e.FREESWITCH_HTTP_PASSWORD
          ? Object.freeze({ user: e.FREESWITCH_HTTP_USER, password: e.FREESWITCH_HTTP_PASSWORD })
          : undefined,
      httpAllow: Object.freeze(e.FREESWITCH_HTTP_ALLOW?.split(',').map((a) => a.trim()) ?? []),
    }),
    pbx: Object.freeze(pbxConfig(e.PBX, e.ASTERISK_ARI_URL, e.ASTERISK_AMI_URL)),
    sip: Object.freeze({ domain: e.SIP_DOMAIN, wsUrl: e.SIP_WS_URL }),
    dialPlan: Object.freeze({
      emergencyNumbers: Object.freeze(e.DIAL_EMERGENCY_NUMBERS),
      premiumPrefixes: Object.freeze(e.DIAL_PREMIUM_PREFIXES),
      internationalPrefix: e.DIAL_INTERNATIONAL_PREFIX,
      trunkPrefix: e.DIAL_TRUNK_PREFIX,
    }),
    demo: e.DEMO,
    ingestBufferMax: e.INGEST_BUFFER_MAX,
    ingestBufferMaxBytes: e.INGEST_BUFFER_MAX_BYTES,
    realtimeBatchMs: e.REALTIME_BATCH_MS,
    redisUrl: e.REDIS_URL,
  });
}

function pbxConfig(
  kind: 'freeswitch' | 'asterisk',
  ariUrl: string | undefined,
  amiUrl: string | undefined,
): AppConfig['pbx'] {
  // The schema required ASTERISK_ARI_URL with credentials for PBX=asterisk.
  if (kind === 'freeswitch' || !ariUrl) return { kind: 'freeswitch' };
  const url = new URL(ariUrl);
  const credentials = { ariUser: decodeURIComponent(url.username), ariPassword: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  const ami = amiUrl ? new URL(amiUrl) : undefined;
  return {
    kind: 'asterisk',
    ariUrl: url.toString().replace(/\/$/, ''),
    ...credentials,
    ami: ami && {
      host: ami.hostname.replace(/^\[|\]$/g, ''),
      port: Number(ami.port || 5038),
      user: decodeURIComponent(ami.username),
      password: decodeURIComponent(ami.password),
    },
  };
}

function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
