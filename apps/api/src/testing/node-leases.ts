// The node leases of the API replicas (switchboard:node:<id>:owner in Redis), read as a test sees them: who owns a
// node, and how long another replica takes to own it after its owner is killed.
import { createClient } from 'redis';
import { eventuallyAsync } from '@switchboard/api/data-access-esl/testing';
import type { ApiReplica } from './api-process';

export class NodeLeases {
  private constructor(
    private readonly redis: ReturnType<typeof createClient>,
    private readonly replicas: readonly ApiReplica[],
  ) {}

  /** Reads the leases in the Redis at `url`, naming holders among `replicas` (a lease's value starts with the pid). */
  static async connect(url: string, replicas: readonly ApiReplica[]): Promise<NodeLeases> {
    const redis = createClient({ url });
    // A test restarts or stops this Redis at times: a failed read is retried by eventuallyAsync.
    redis.on('error', () => undefined);
    await redis.connect();
    return new NodeLeases(redis, replicas);
  }

  async ownerOf(node: string): Promise<ApiReplica | undefined> {
    const holder = (await this.redis.get(`switchboard:node:${node}:owner`)) ?? undefined;
    return this.replicas.find((replica) => holder?.startsWith(`${replica.process.pid}-`));
  }

  /**
   * Waits until every node has an owner and the nodes are spread: no live replica holds more than its share
   * (nodes ÷ live replicas, rounded up). The first replica up takes every node and hands some over a few seconds
   * later; a test that starts its calls before then would see the hand-over instead of what it tests.
   */
  async waitForOwners(nodes: readonly string[], timeoutMs = 20_000): Promise<void> {
    const live = () => this.replicas.filter((replica) => replica.process.exitCode === null).length;
    await eventuallyAsync(
      async () => {
        const owners = await Promise.all(nodes.map((node) => this.ownerOf(node)));
        if (!owners.every(Boolean)) return false;
        const share = Math.ceil(nodes.length / Math.max(1, live()));
        return owners.every((owner) => owners.filter((other) => other === owner).length <= share);
      },
      timeoutMs,
      'an owner for every node, the nodes spread over the replicas',
    );
  }

  /** Kills the owner of `node` with SIGKILL; resolves once another replica holds the node. */
  async killOwner(node: string): Promise<{ victim: ApiReplica; takeoverMs: number }> {
    const victim = await this.ownerOf(node);
    if (!victim) throw new Error(`${node} has no owner to kill`);
    const killedAt = Date.now();
    victim.process.kill('SIGKILL');
    let takenOverAt = 0;
    await eventuallyAsync(
      async () => {
        const next = await this.ownerOf(node);
        if (!next || next === victim) return false;
        takenOverAt = Date.now();
        return true;
      },
      10_000,
      'another replica to take the node',
    );
    return { victim, takeoverMs: takenOverAt - killedAt };
  }

  async close(): Promise<void> {
    // Expected to fail when the test's Redis is already gone.
    await this.redis.quit().catch(() => undefined);
  }
}
