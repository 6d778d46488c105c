import { TestRedisServer } from '../../testing';
import { RedisConnection } from './redis-connection';
import { ReplicaRoster } from './replica-roster';

describe('ReplicaRoster on a real redis-server', () => {
  let server: TestRedisServer;
  let redis: RedisConnection;

  beforeAll(async () => {
    server = await TestRedisServer.start();
    redis = await RedisConnection.open(server.url, 'roster-spec');
  });
  afterAll(async () => {
    await redis.close();
    await server.stop();
  });

  it('counts the replicas alive and able to ingest, with the fewest nodes any holds; a silent one drops out', async () => {
    const a = new ReplicaRoster(redis, 'a', 400, 'spec:roster:1');
    const b = new ReplicaRoster(redis, 'b', 400, 'spec:roster:1');
    const c = new ReplicaRoster(redis, 'c', 400, 'spec:roster:1');
    expect(await a.beat(2, true)).toEqual({ replicas: 1, leastHeld: 2 });
    expect(await b.beat(0, true)).toEqual({ replicas: 2, leastHeld: 0 });
    // Not connected to any node: it could take nothing, so it is not counted.
    expect(await c.beat(0, false)).toEqual({ replicas: 2, leastHeld: 0 });
    expect(await a.beat(1, true)).toEqual({ replicas: 2, leastHeld: 0 });
    expect(await b.beat(1, true)).toEqual({ replicas: 2, leastHeld: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // b said nothing for longer than the TTL: gone.
    expect(await a.beat(1, true)).toEqual({ replicas: 1, leastHeld: 1 });
  });

  it('forgets a replica that leaves at once', async () => {
    const a = new ReplicaRoster(redis, 'a', 10_000, 'spec:roster:2');
    const b = new ReplicaRoster(redis, 'b', 10_000, 'spec:roster:2');
    await a.beat(1, true);
    await b.beat(1, true);
    await b.leave();
    expect(await a.beat(1, true)).toEqual({ replicas: 1, leastHeld: 1 });
  });
});
