import type { EslService } from '@switchboard/api/data-access-esl';
import { RedisService } from '@switchboard/api/data-access-redis';
import { TestRedisServer } from '@switchboard/api/data-access-redis/testing';
import { type OwnershipChange, NodeOwnership, LEASE_RENEW_MS, REBALANCE_ROUNDS } from './node-ownership.service';

jest.setTimeout(30_000);

const NODES = ['n1', 'n2'];

/** A replica: real leases in a real Redis; its ESL connections are a set the test changes. */
class Replica {
  readonly connected = new Set<string>();
  readonly changes: OwnershipChange[] = [];
  readonly redis: RedisService;
  readonly ownership: NodeOwnership;

  constructor(url: string, connected: readonly string[]) {
    for (const node of connected) this.connected.add(node);
    // NodeOwnership reads only these three of the ESL adapter.
    const esl = {
      configured: true,
      nodeIds: NODES,
      isConnected: (node: string) => this.connected.has(node),
    } as unknown as EslService;
    this.redis = new RedisService(url);
    this.ownership = new NodeOwnership(esl, this.redis);
    this.ownership.onChange((change) => this.changes.push(change));
    this.ownership.onApplicationBootstrap();
  }

  owned(): string[] {
    return this.ownership.ownedNodes().sort();
  }

  async stop(): Promise<void> {
    await this.ownership.beforeApplicationShutdown();
    await this.redis.onApplicationShutdown();
  }
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const rounds = (n: number) => new Promise((resolve) => setTimeout(resolve, n * LEASE_RENEW_MS));

describe('NodeOwnership on a real redis-server', () => {
  let server: TestRedisServer;
  const replicas: Replica[] = [];
  const start = (connected: readonly string[]) => {
    const replica = new Replica(server.url, connected);
    replicas.push(replica);
    return replica;
  };

  beforeEach(async () => {
    server = await TestRedisServer.start();
  });
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((replica) => replica.stop()));
    await server.stop();
  });

  it('alone, takes every node it is connected to', async () => {
    const a = start(NODES);
    await until(() => a.owned().length === 2, 5_000, 'A to own both nodes');
    expect(a.owned()).toEqual(NODES);
  });

  it('keeps its nodes while the other replica reaches none of them, then hands over the one it reaches', async () => {
    const a = start(NODES);
    await until(() => a.owned().length === 2, 5_000, 'A to own both nodes');
    // B is alive but not connected yet (its ESL backoff): handing a node to it would bring the node back a round later.
    const b = start([]);
    await rounds(REBALANCE_ROUNDS + 2);
    expect(a.owned()).toEqual(NODES);
    expect(a.changes.filter((change) => !change.owned)).toEqual([]);
    // B reaches n1 only, the first of A's nodes: that one, not the last, goes over.
    b.connected.add('n1');
    await until(() => b.owned().length === 1, (REBALANCE_ROUNDS + 4) * LEASE_RENEW_MS, 'B to own a node');
    expect(b.owned()).toEqual(['n1']);
    expect(a.owned()).toEqual(['n2']);
  });

  it('spreads two nodes over three replicas connected to both, one node each at most', async () => {
    const [a, b, c] = [start(NODES), start(NODES), start(NODES)];
    await until(
      () =>
        [a, b, c].every((replica) => replica.owned().length <= 1) &&
        a.owned().length + b.owned().length + c.owned().length === 2,
      (REBALANCE_ROUNDS + 6) * LEASE_RENEW_MS,
      'one owner per node, none holding two',
    );
    const owners = NODES.map((node) => [a, b, c].filter((replica) => replica.owned().includes(node)).length);
    expect(owners).toEqual([1, 1]);
  });
});
