import type { RedisConnection } from './redis-connection';

/**
 * Takes or renews a lease atomically. A holder renewing its own lease gets its epoch back; a new holder gets a new,
 * larger epoch (never smaller than `now`, so epochs keep growing across a Redis restart that forgot the counter).
 * Returns -1 when someone else holds it.
 */
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(redis.call('GET', KEYS[2]) or '0')
end
if current then return -1 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local epoch = redis.call('INCR', KEYS[2])
if epoch < tonumber(ARGV[3]) then
  redis.call('SET', KEYS[2], ARGV[3])
  epoch = tonumber(ARGV[3])
end
return epoch`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * An expiring lease on one Redis key: whoever holds it owns the resource until it stops renewing. No consensus of
 * our own: Redis's single-threaded SET NX / Lua is the arbiter, and the TTL decides when a dead holder is replaced.
 */
export class RedisLease {
  constructor(
    private readonly redis: RedisConnection,
    /** The lease key; its epoch counter lives at `${key}:epoch`. */
    readonly key: string,
    /** This holder's identity (unique per process). */
    readonly holder: string,
    readonly ttlMs: number,
  ) {}

  /** Takes the lease or renews it; resolves with the epoch when held by us, undefined when held by another. */
  async acquire(): Promise<number | undefined> {
    const reply = await this.redis.client.eval(ACQUIRE, {
      keys: [this.key, `${this.key}:epoch`],
      arguments: [this.holder, String(this.ttlMs), String(Date.now())],
    });
    const epoch = Number(reply);
    return epoch >= 0 ? epoch : undefined;
  }

  /** Who holds the lease now (undefined: nobody). */
  async holderNow(): Promise<string | undefined> {
    return (await this.redis.client.get(this.key)) ?? undefined;
  }

  /** Gives the lease up if we hold it (a clean shutdown lets another holder take over at once). */
  async release(): Promise<void> {
    await this.redis.client.eval(RELEASE, { keys: [this.key], arguments: [this.holder] });
  }
}
