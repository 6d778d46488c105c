import { z } from 'zod';
import { emailSchema, isKnownTimeZone, passwordSchema } from '@switchboard/shared/contracts';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);
const seconds = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(min, `must be at least ${min} seconds`)
    .max(max, `must be at most ${max} seconds`)
    .default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
/** A comma-separated list of digit strings, e.g. `112, 911`. */
const digitList = (fallback: string, what: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^[0-9]{1,15}(,[0-9]{1,15})*$/, `must be comma-separated ${what} (digits only)`))
    .transform((v) => v.split(','));
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** Environment variables the API reads; README's configuration table documents each one. */
export const envSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
      .default('development'),
    PORT: port(3000),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
        .optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default('.data'),
    JWT_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    ACCESS_TOKEN_TTL: seconds(900, 60, 86_400),
    REFRESH_TOKEN_TTL: seconds(43_200, 300, 2_592_000),
    ADMIN_EMAIL: optionalText.pipe(emailSchema.optional()),
    ADMIN_PASSWORD: optionalText.pipe(passwordSchema.optional()),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CORS_ORIGINS: optionalText,
    TRUST_PROXY: flag(false),
    LOGIN_RATE_LIMIT: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10_000).default(10),
    LOGIN_RATE_WINDOW: seconds(60, 1, 86_400),
    LOGIN_ADDRESS_FAILURES: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100_000).default(30),
    LOGIN_VERIFY_CONCURRENCY: z.coerce.number({ error: 'must be a number' }).int().min(1).max(64).optional(),
    LOGIN_QUEUE_WAIT: seconds(20, 1, 120),
    STATIC_DIR: optionalText,
    SHUTDOWN_GRACE: seconds(10, 1, 300),
    // Unset: the zone this process runs in (TZ, or the system's), as a contact center's own server is set.
    CONTACT_CENTER_TIME_ZONE: optionalText.pipe(
      z
        .string()
        .max(64)
        .refine(isKnownTimeZone, 'must be an IANA time zone such as Europe/Paris, America/New_York or UTC')
        .optional(),
    ),
    FREESWITCH_ESL: optionalText,
    EMBEDDED_FREESWITCH: flag(true),
    FREESWITCH_BIN: optionalText,
    FREESWITCH_HTTP_USER: optionalText,
    FREESWITCH_HTTP_PASSWORD: optionalText.pipe(z.string().min(12, 'must be at least 12 characters').optional()),
    FREESWITCH_HTTP_ALLOW: optionalText,
    PBX: z.enum(['freeswitch', 'asterisk'], { error: 'must be freeswitch or asterisk' }).default('freeswitch'),
    ASTERISK_ARI_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL like http://USER:PASSWORD@HOST:8088' })
        .refine((v) => new URL(v).username !== '' && new URL(v).password !== '', 'must carry the ARI user and password')
        .optional(),
    ),
    ASTERISK_AMI_URL: optionalText.pipe(
      z
        .url({ protocol: /^tcp$/, error: 'must be a tcp:// URL like tcp://USER:PASSWORD@HOST:5038' })
        .refine((v) => new URL(v).username !== '' && new URL(v).password !== '', 'must carry the AMI user and password')
        .optional(),
    ),
    SIP_DOMAIN: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]+$/, 'must be a host name or IP address (letters, digits, dots, dashes)')
      .default('switchboard.local'),
    SIP_WS_URL: optionalText.pipe(
      z
        .string()
        .regex(/^wss?:\/\/[^\s]+$/, 'must be a ws:// or wss:// URL')
        .optional(),
    ),
    DIAL_EMERGENCY_NUMBERS: digitList('112,911', 'emergency numbers'),
    DIAL_PREMIUM_PREFIXES: digitList('0900,0901,0906,0909,0190', 'premium-rate prefixes'),
    DIAL_INTERNATIONAL_PREFIX: z
      .string()
      .trim()
      .regex(/^[0-9]{1,4}$/, 'must be 1-4 digits')
      .default('00'),
    DIAL_TRUNK_PREFIX: z
      .string()
      .trim()
      .regex(/^[0-9]{0,2}$/, 'must be 0-2 digits')
      .default('0'),
    DEMO: flag(false),
    INGEST_BUFFER_MAX: z.coerce.number({ error: 'must be a number' }).int().min(1_000).max(10_000_000).default(200_000),
    INGEST_BUFFER_MAX_BYTES: z.coerce
      .number({ error: 'must be a number' })
      .int()
      .min(1_048_576, 'must be at least 1048576 (1 MiB)')
      .max(68_719_476_736, 'must be at most 68719476736 (64 GiB)')
      .default(1_073_741_824),
    REALTIME_BATCH_MS: z.coerce
      .number({ error: 'must be a number' })
      .int()
      .min(5, 'must be at least 5 (ms)')
      .max(1_000, 'must be at most 1000 (ms)')
      .default(10),
    REDIS_URL: optionalText.pipe(
      z
        .string()
        .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither',
      });
    }
    if (Boolean(env.FREESWITCH_HTTP_USER) !== Boolean(env.FREESWITCH_HTTP_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['FREESWITCH_HTTP_PASSWORD'],
        message: 'FREESWITCH_HTTP_USER and FREESWITCH_HTTP_PASSWORD go together: set both or neither',
      });
    }
    if (env.PBX === 'asterisk' && !env.ASTERISK_ARI_URL) {
      ctx.addIssue({ code: 'custom', path: ['ASTERISK_ARI_URL'], message: 'is required when PBX=asterisk' });
    }
    if (env.NODE_ENV === 'production' && env.PBX === 'freeswitch' && !env.FREESWITCH_HTTP_USER) {
      ctx.addIssue({
        code: 'custom',
        path: ['FREESWITCH_HTTP_USER'],
        message: 'is required when NODE_ENV=production (it protects the SIP directory FreeSWITCH fetches)',
      });
    }
    for (const entry of env.FREESWITCH_ESL?.split(',') ?? []) {
      if (!/^esl:\/\/:[^@\s]+@[A-Za-z0-9.:[\]-]+:\d{1,5}$/.test(entry.trim())) {
        ctx.addIssue({
          code: 'custom',
          path: ['FREESWITCH_ESL'],
          message: `"${entry.trim().replace(/:[^@/]*@/, ':***@')}" is not like esl://:PASSWORD@HOST:PORT`,
        });
      }
    }
    for (const entry of env.FREESWITCH_HTTP_ALLOW?.split(',') ?? []) {
      if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry.trim())) {
        ctx.addIssue({
          code: 'custom',
          path: ['FREESWITCH_HTTP_ALLOW'],
          message: `"${entry.trim()}" is not an IP address or CIDR range`,
        });
      }
    }
    for (const origin of env.CORS_ORIGINS?.split(',') ?? []) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin.trim())) {
        ctx.addIssue({
          code: 'custom',
          path: ['CORS_ORIGINS'],
          message: `"${origin.trim()}" is not an origin like https://host:port`,
        });
      }
    }
  });

/** The validated, read-only configuration every part of the API receives. */
/** Where the API reaches Asterisk's manager interface (ASTERISK_AMI_URL), with the credentials kept apart. */
export interface AsteriskAmiConfig {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly http: {
    readonly port: number;
    readonly host: string;
    readonly trustProxy: boolean;
    readonly corsOrigins: readonly string[];
  };
  /** Unset: the API starts an embedded PostgreSQL whose data lives in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly auth: {
    readonly jwtSecret: string;
    readonly accessTokenTtl: number;
    readonly refreshTokenTtl: number;
    /** Failed logins per client address + email per window. */
    readonly loginRateLimit: number;
    readonly loginRateWindow: number;
    /** Failed logins per client address, whatever the email, per window. */
    readonly loginAddressFailureLimit: number;
    /** Password verifications (argon2) run at once, server-wide; more wait in a bounded queue. */
    readonly loginConcurrentVerifications: number;
    /** Longest expected wait, in seconds, of a verification admitted to the queue; beyond it, 429 + Retry-After. */
    readonly loginQueueWaitSeconds: number;
  };
  readonly bootstrapAdmin: { readonly email: string; readonly password: string } | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder holding the built apps (`agent-console/browser`, `supervisor-dashboard/browser`). */
  readonly staticDir: string | undefined;
  readonly shutdownGraceSeconds: number;
  /**
   * The contact center's IANA time zone: where its day starts for the floor's figures of today and the reports'
   * hours and days (CONTACT_CENTER_TIME_ZONE, else this process's zone).
   */
  readonly timeZone: string;
  readonly freeswitch: {
    /** Raw FREESWITCH_ESL value (comma-separated esl://:PASSWORD@HOST:PORT); empty when not configured. */
    readonly esl: string | undefined;
    /** Whether to start a FreeSWITCH with the repository's config when `esl` is unset and a binary is found. */
    readonly embedded: boolean;
    /** The FreeSWITCH binary for the embedded one (FREESWITCH_BIN); unset = /opt/freeswitch/bin, then the PATH. */
    readonly binary: string | undefined;
    /** HTTP Basic credentials FreeSWITCH (mod_xml_curl, mod_json_cdr) must present; unset = no auth (dev only). */
    readonly http: { readonly user: string; readonly password: string } | undefined;
    /** Addresses or CIDR ranges allowed to call /freeswitch/*; empty = any. */
    readonly httpAllow: readonly string[];
  };
  /**
   * Which PBX the API provisions: FreeSWITCH fetches the directory from the API (mod_xml_curl); Asterisk is written
   * to over ARI's dynamic configuration API (`ariUrl` without credentials, `ariUser`, `ariPassword`), and its
   * app_queue over AMI (`ami`).
   */
  readonly pbx:
    | { readonly kind: 'freeswitch' }
    | {
        readonly kind: 'asterisk';
        readonly ariUrl: string;
        readonly ariUser: string;
        readonly ariPassword: string;
        /** AMI (ASTERISK_AMI_URL), which writes queues and their members into app_queue; unset: they are not. */
        readonly ami: AsteriskAmiConfig | undefined;
      };
  readonly sip: { readonly domain: string; readonly wsUrl: string | undefined };
  /** Number plan for outbound destination checks (`POST /api/me/dial-check`); README documents the defaults. */
  readonly dialPlan: {
    readonly emergencyNumbers: readonly string[];
    readonly premiumPrefixes: readonly string[];
    readonly internationalPrefix: string;
    /** National trunk prefix (`0`); empty in plans without one (then there is no local/national distinction). */
    readonly trunkPrefix: string;
  };
  /** Run the ESL simulator in-process and show its (labelled) traffic when no FreeSWITCH is configured. */
  readonly demo: boolean;
  /** Most ESL events held in memory while PostgreSQL is unreachable. */
  readonly ingestBufferMax: number;
  /** Most bytes of those events (their encoded log rows, outside the JavaScript heap). */
  readonly ingestBufferMaxBytes: number;
  /**
   * Longest time a change waits before batched dashboards get it (`auth.batch`). Shorter: fresher floors, more socket
   * writes (bench/realtime/results.md measured 10 against 20 ms).
   */
  readonly realtimeBatchMs: number;
  /** Redis for the realtime gateway when several API replicas serve the dashboards; unset = one replica. */
  readonly redisUrl: string | undefined;
}
