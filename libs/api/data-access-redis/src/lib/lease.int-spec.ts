import { TestRedisServer } from '../../testing';
import { RedisLease } from './lease';
import { RedisConnection } from './redis-connection';
import { RedisJsonStream, compareStreamIds } from './redis-stream';

describe('RedisLease and RedisJsonStream on a real redis-server', () => {
  let server: TestRedisServer;
  let redis: RedisConnection;

  beforeAll(async () => {
    server = await TestRedisServer.start();
    redis = await RedisConnection.open(server.url, 'lease-spec');
  });
  afterAll(async () => {
    await redis.close();
    await server.stop();
  });

  it('gives the lease to one holder at a time, with a larger epoch for each new holder', async () => {
    const a = new RedisLease(redis, 'spec:lease:1', 'a', 300);
    const b = new RedisLease(redis, 'spec:lease:1', 'b', 300);
    const first = await a.acquire();
    expect(first).toBeGreaterThan(0);
    expect(await b.acquire()).toBeUndefined();
    expect(await a.acquire()).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = await b.acquire();
    expect(second).toBeGreaterThan(first ?? 0);
    expect(await a.acquire()).toBeUndefined();
    await a.release();
    expect(await b.holderNow()).toBe('b');
    await b.release();
    expect(await a.holderNow()).toBeUndefined();
  });

  it('reads appended values in order after a given id, and keeps epochs growing across a restart', async () => {
    const stream = new RedisJsonStream<{ n: number }>('spec:stream', 1_000);
    const start = await stream.lastId(redis);
    const ids = [];
    for (let n = 0; n < 5; n++) ids.push(await stream.append(redis, { n }));
    const read = await stream.read(redis, start, 100);
    expect(read.map((e) => e.value.n)).toEqual([0, 1, 2, 3, 4]);
    expect(await stream.read(redis, ids[2] ?? '', 100)).toHaveLength(2);
    expect(compareStreamIds(ids[0] ?? '', ids[1] ?? '')).toBeLessThan(0);

    const lease = new RedisLease(redis, 'spec:lease:2', 'a', 5_000);
    const before = (await lease.acquire()) ?? 0;
    await server.restart();
    for (let i = 0; !redis.isUp; i++) {
      if (i > 50) throw new Error('the connection did not come back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await stream.read(redis, '0-0', 10)).toEqual([]);
    const after = (await lease.acquire()) ?? 0;
    expect(after).toBeGreaterThan(before);
  });
});
