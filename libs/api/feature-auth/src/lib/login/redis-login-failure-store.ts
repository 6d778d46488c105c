import type { RedisConnection } from '@switchboard/api/data-access-redis';
import type { FailureRecord, LimitedCounter, LoginFailureStore } from './login-failure-store';

/** Every key of ours starts with this (other features share the Redis). */
export const KEY_PREFIX = 'switchboard:login:';

/** KEYS: the block, then the counters; ARGV: each counter's limit. Returns the block's PTTL, then each wait. */
const WAITS = `
local out = {}
local blocked = redis.call('PTTL', KEYS[1])
out[1] = blocked > 0 and blocked or 0
for i = 2, #KEYS do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  local wait = 0
  if count >= tonumber(ARGV[i - 1]) then wait = math.max(redis.call('PTTL', KEYS[i]), 0) end
  out[i] = wait
end
return out`;

/**
 * KEYS: counters, then sets; ARGV: number of counters, window ms, set window ms, set cap, then one member per set.
 * A window starts with its first entry (INCR/SADD on a missing key, then PEXPIRE), as the memory store's do.
 */
const RECORD = `
local counters = tonumber(ARGV[1])
for i = 1, counters do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
local sizes = {}
for i = counters + 1, #KEYS do
  local size = redis.call('SCARD', KEYS[i])
  if size < tonumber(ARGV[4]) then
    redis.call('SADD', KEYS[i], ARGV[4 + i - counters])
    if size == 0 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
    size = redis.call('SCARD', KEYS[i])
  end
  sizes[#sizes + 1] = size
end
return sizes`;

/** KEYS: the block, then the sets to end with it; ARGV: ms. Returns 1 when this call set the block. */
const BLOCK = `
if not redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return 0 end
for i = 2, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
return 1`;

/** Redis did not answer (down, or slower than the login can wait); the caller falls back. */
export class LoginStoreUnavailableError extends Error {
  override readonly name = 'LoginStoreUnavailableError';
}

/**
 * Login failures in Redis, shared by every API replica: each operation is one Lua script, so concurrent failures on
 * different replicas count exactly. Rejects with {@link LoginStoreUnavailableError} when Redis cannot answer (no
 * connection yet, reconnecting, or no answer within `timeoutMs`); it never waits for Redis to come back.
 */
export class RedisLoginFailureStore implements LoginFailureStore {
  constructor(
    /** The command connection, once there is one. */
    private readonly connection: () => RedisConnection | undefined,
    private readonly timeoutMs = 1_000,
  ) {}

  async waits(counters: readonly LimitedCounter[], block: string): Promise<{ blockMs: number; counterMs: number[] }> {
    const reply = await this.eval(
      WAITS,
      [block, ...counters.map((c) => c.key)],
      counters.map((c) => c.limit),
    );
    const [blockMs = 0, ...counterMs] = (reply as unknown[]).map(Number);
    return { blockMs, counterMs };
  }

  async record(failure: FailureRecord): Promise<number[]> {
    const keys = [...failure.counters, ...failure.sets.map((s) => s.key)];
    const args = [
      failure.counters.length,
      failure.windowMs,
      failure.setWindowMs,
      failure.setCap,
      ...failure.sets.map((s) => s.member),
    ];
    return ((await this.eval(RECORD, keys, args)) as unknown[]).map(Number);
  }

  async block(key: string, ms: number, sets: readonly string[]): Promise<boolean> {
    return Number(await this.eval(BLOCK, [key, ...sets], [Math.ceil(ms)])) === 1;
  }

  async clear(key: string): Promise<void> {
    await this.run((redis) => redis.client.del(KEY_PREFIX + key));
  }

  private eval(script: string, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    return this.run((redis) =>
      redis.client.eval(script, { keys: keys.map((key) => KEY_PREFIX + key), arguments: args.map(String) }),
    );
  }

  private async run<T>(command: (redis: RedisConnection) => Promise<T>): Promise<T> {
    const redis = this.connection();
    if (!redis?.isUp) throw new LoginStoreUnavailableError('Redis is not connected');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new LoginStoreUnavailableError(`Redis did not answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([command(redis), timeout]);
    } catch (error) {
      if (error instanceof LoginStoreUnavailableError) throw error;
      throw new LoginStoreUnavailableError('Redis refused a login-limit command', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
