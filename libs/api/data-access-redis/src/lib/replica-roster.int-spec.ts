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
    expect(await a.beat(2, ['n1', 'n2'])).toEqual({ replicas: 1, leastHeld: 2, others: [] });
    expect(await b.beat(0, ['n2'])).toEqual({
      replicas: 2,
      leastHeld: 0,
      others: [{ replica: 'a', held: 2, reach: ['n1', 'n2'] }],
    });
    // Not connected to any node: it could take nothing, so it is not counted.
    expect(await c.beat(0, [])).toEqual({
      replicas: 2,
      leastHeld: 0,
      others: [
        { replica: 'a', held: 2, reach: ['n1', 'n2'] },
        { replica: 'b', held: 0, reach: ['n2'] },
      ],
    });
    expect(await a.beat(1, ['n1', 'n2'])).toEqual({
      replicas: 2,
      leastHeld: 0,
      others: [{ replica: 'b', held: 0, reach: ['n2'] }],
    });
    expect(await b.beat(1, ['n1', 'n2'])).toEqual({
      replicas: 2,
      leastHeld: 1,
      others: [{ replica: 'a', held: 1, reach: ['n1', 'n2'] }],
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // b said nothing for longer than the TTL: gone.
    expect(await a.beat(1, ['n1'])).toEqual({ replicas: 1, leastHeld: 1, others: [] });
  });

  it('forgets a replica that leaves at once', async () => {
    const a = new ReplicaRoster(redis, 'a', 10_000, 'spec:roster:2');
    const b = new ReplicaRoster(redis, 'b', 10_000, 'spec:roster:2');
    await a.beat(1, ['n1']);
    await b.beat(1, ['n2']);
    await b.leave();
    expect(await a.beat(1, ['n1'])).toEqual({ replicas: 1, leastHeld: 1, others: [] });
  });

  it('reads a reach it cannot parse as reaching nothing', async () => {
    const a = new ReplicaRoster(redis, 'a', 10_000, 'spec:roster:3');
    const b = new ReplicaRoster(redis, 'b', 10_000, 'spec:roster:3');
    await b.beat(0, ['n1']);
    await redis.client.hSet('spec:roster:3:reach', 'b', 'not json');
    expect((await a.beat(1, ['n1'])).others).toEqual([{ replica: 'b', held: 0, reach: [] }]);
  });
});
