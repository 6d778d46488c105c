import { z } from 'zod';
import { emailSchema, passwordSchema } from '@switchboard/shared/contracts';

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
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** Environment variables the API reads; README's configuration table documents each one. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
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
    STATIC_DIR: optionalText,
    SHUTDOWN_GRACE: seconds(10, 1, 300),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither' });
    }
    for (const origin of env.CORS_ORIGINS?.split(',') ?? []) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin.trim())) {
        ctx.addIssue({ code: 'custom', path: ['CORS_ORIGINS'], message: `"${origin.trim()}" is not an origin like https://host:port` });
      }
    }
  });

/** The validated, read-only configuration every part of the API receives. */
export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly http: { readonly port: number; readonly host: string; readonly trustProxy: boolean; readonly corsOrigins: readonly string[] };
  /** Unset: the API starts an embedded PostgreSQL whose data lives in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly auth: {
    readonly jwtSecret: string;
    readonly accessTokenTtl: number;
    readonly refreshTokenTtl: number;
    readonly loginRateLimit: number;
    readonly loginRateWindow: number;
  };
  readonly bootstrapAdmin: { readonly email: string; readonly password: string } | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Folder holding the built apps (`agent-console/browser`, `supervisor-dashboard/browser`). */
  readonly staticDir: string | undefined;
  readonly shutdownGraceSeconds: number;
}
