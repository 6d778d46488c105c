import { Logger, type Provider } from '@nestjs/common';
import { type RedisConnection, RedisService } from '@switchboard/api/data-access-redis';
import { FallbackLoginFailureStore } from './fallback-login-failure-store';
import { LOGIN_FAILURE_STORE, type LoginFailureStore } from './login-failure-store';
import { MemoryLoginFailureStore } from './memory-login-failure-store';
import { RedisLoginFailureStore } from './redis-login-failure-store';

/**
 * Login failures shared through Redis when REDIS_URL is set (several replicas), falling back to this process's
 * memory while Redis does not answer; in memory only without Redis.
 */
export function loginFailureStore(redis: RedisService | undefined): LoginFailureStore {
  if (!redis?.configured) return new MemoryLoginFailureStore();
  const logger = new Logger('LoginLimiter');
  let commands: RedisConnection | undefined;
  // Resolves once Redis is first reached (node-redis keeps trying); until then the local store answers.
  redis
    .connect()
    .then((connections) => (commands = connections.commands))
    .catch((error: unknown) => logger.error(`Redis: ${String(error)}`));
  return new FallbackLoginFailureStore(
    new RedisLoginFailureStore(() => commands),
    new MemoryLoginFailureStore(),
    (sharedUp, error) =>
      sharedUp
        ? logger.log('login limits are shared through Redis again')
        : logger.warn(
            `login limits fall back to this replica's own counts while Redis does not answer: ${String(error)}`,
          ),
  );
}

/** Provides {@link LOGIN_FAILURE_STORE} (RedisService is optional: a module tested alone has none). */
export const LOGIN_FAILURE_STORE_PROVIDER: Provider = {
  provide: LOGIN_FAILURE_STORE,
  inject: [{ token: RedisService, optional: true }],
  useFactory: loginFailureStore,
};
