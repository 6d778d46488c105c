import { TestRedisServer } from '../../testing';
import { RedisLease } from './lease';
import { RedisService } from './redis.service';

describe('RedisService on a real redis-server', () => {
  let server: TestRedisServer;
  let service: RedisService;

  beforeAll(async () => {
    server = await TestRedisServer.start();
    service = new RedisService(server.url);
  });
  afterAll(async () => {
    await service.onApplicationShutdown();
    await server.stop();
  });

  it('renews a lease while its commands connection is busy: leases have a connection of their own', async () => {
    const { commands, leases } = await service.connect();
    const lease = new RedisLease(leases, 'spec:busy:lease', 'me', 3_000);
    expect(await lease.acquire()).toBeGreaterThan(0);
    // A command that holds the commands connection for 4 s (longer than the lease's TTL), as a burst of thousands
    // of stream appends once did: whatever is queued behind it on that connection waits as long.
    const blocked = commands.client.blPop('spec:busy:nothing', 4);
    const started = Date.now();
    expect(await lease.acquire()).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(1_000);
    const onCommands = new RedisLease(commands, 'spec:busy:other', 'me', 3_000);
    const queued = Date.now();
    await onCommands.acquire();
    expect(Date.now() - queued).toBeGreaterThan(3_000);
    await blocked;
  });
});
