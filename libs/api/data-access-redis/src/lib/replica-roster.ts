import type { RedisConnection } from './redis-connection';

/**
 * One heartbeat: records this replica (score: Redis's own clock, so replicas' clocks need not agree), how many nodes
 * it holds and which it is connected to, drops replicas silent for longer than the TTL, and answers how many replicas
 * are alive, the fewest nodes any of them holds, and each other replica's holding and reach (flat: id, held, reach).
 * Only replicas that can ingest (connected to a node) are counted. The reach is stored as the caller's JSON, unread.
 */
const BEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[5])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[1])
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
end
local live = redis.call('ZRANGE', KEYS[1], 0, -1)
local least = -1
local others = {}
for _, id in ipairs(live) do
  local held = tonumber(redis.call('HGET', KEYS[2], id) or '0')
  if least < 0 or held < least then least = held end
  if id ~= ARGV[1] then
    table.insert(others, id)
    table.insert(others, held)
    table.insert(others, redis.call('HGET', KEYS[3], id) or '[]')
  end
end
return {#live, least, unpack(others)}`;

/** What the replicas look like from one heartbeat. */
export interface RosterView {
  /** Replicas alive and able to ingest, this one included when it is. */
  readonly replicas: number;
  /** The fewest nodes any of them holds (-1: none alive). */
  readonly leastHeld: number;
  /** The other replicas counted: how many nodes each holds and which nodes it is connected to. */
  readonly others: readonly RosterMember[];
}

/** Another replica, as its last heartbeat described it. */
export interface RosterMember {
  readonly replica: string;
  readonly held: number;
  /** The nodes it is connected to, so could take. */
  readonly reach: readonly string[];
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
    /** Key prefix: `<prefix>:alive` (sorted set), `<prefix>:held` and `<prefix>:reach` (hashes). */
    private readonly prefix = 'switchboard:replicas',
  ) {}

  /**
   * Says this replica is alive holding `held` nodes and connected to the nodes in `reach` (none: it cannot ingest,
   * so is not counted), and reads the others.
   */
  async beat(held: number, reach: readonly string[]): Promise<RosterView> {
    const reply = (await this.redis.client.eval(BEAT, {
      keys: [`${this.prefix}:alive`, `${this.prefix}:held`, `${this.prefix}:reach`],
      arguments: [this.replica, String(this.ttlMs), String(held), reach.length > 0 ? '1' : '0', JSON.stringify(reach)],
    })) as (number | string)[];
    const others: RosterMember[] = [];
    for (let i = 2; i + 2 < reply.length; i += 3)
      others.push({ replica: String(reply[i]), held: Number(reply[i + 1]), reach: parseReach(reply[i + 2]) });
    return { replicas: Number(reply[0]), leastHeld: Number(reply[1]), others };
  }

  /** Leaves the roster at once (a clean stop), instead of after the TTL. */
  async leave(): Promise<void> {
    await this.beat(0, []);
  }
}

/** A stored reach: a JSON array of node ids, written by {@link ReplicaRoster.beat}; anything else reaches nothing. */
function parseReach(stored: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(stored));
    return Array.isArray(parsed) ? parsed.filter((node): node is string => typeof node === 'string') : [];
  } catch {
    return [];
  }
}
