import type { RedisConnection } from './redis-connection';

/**
 * One heartbeat: records this replica (score: Redis's own clock, so replicas' clocks need not agree) and how many
 * nodes it holds, drops replicas silent for longer than the TTL, and answers how many replicas are alive and the
 * fewest nodes any of them holds. Only replicas that can ingest (connected to a node) are counted.
 */
const BEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
end
local live = redis.call('ZRANGE', KEYS[1], 0, -1)
local least = -1
for _, id in ipairs(live) do
  local held = tonumber(redis.call('HGET', KEYS[2], id) or '0')
  if least < 0 or held < least then least = held end
end
return {#live, least}`;

/** What the replicas look like from one heartbeat. */
export interface RosterView {
  /** Replicas alive and able to ingest, this one included when it is. */
  readonly replicas: number;
  /** The fewest nodes any of them holds (-1: none alive). */
  readonly leastHeld: number;
}

/**
 * Who is alive among the API replicas, and how many nodes each holds, so that leases can be spread over them
 * (`NodeOwnership`). Plain keys with expiry by heartbeat: no membership protocol of our own.
 */
export class ReplicaRoster {
  constructor(
    private readonly redis: RedisConnection,
    /** This replica (unique per process). */
    readonly replica: string,
    /** A replica silent for longer is no longer counted. */
    readonly ttlMs: number,
    /** Key prefix: `<prefix>:alive` (sorted set) and `<prefix>:held` (hash). */
    private readonly prefix = 'switchboard:replicas',
  ) {}

  /** Says this replica is alive holding `held` nodes (`eligible`: it can ingest at all) and reads the others. */
  async beat(held: number, eligible: boolean): Promise<RosterView> {
    const reply = (await this.redis.client.eval(BEAT, {
      keys: [`${this.prefix}:alive`, `${this.prefix}:held`],
      arguments: [this.replica, String(this.ttlMs), String(held), eligible ? '1' : '0'],
    })) as [number, number];
    return { replicas: Number(reply[0]), leastHeld: Number(reply[1]) };
  }

  /** Leaves the roster at once (a clean stop), instead of after the TTL. */
  async leave(): Promise<void> {
    await this.beat(0, false);
  }
}
