import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { EslService } from '@switchboard/api/data-access-esl';
import { RedisLease, RedisService } from '@switchboard/api/data-access-redis';

/** How long a lease lasts without renewal: a dead owner is replaced at most this plus {@link LEASE_RENEW_MS} later. */
export const LEASE_TTL_MS = 3_000;
/** How often leases are renewed, and free ones tried. */
export const LEASE_RENEW_MS = 1_000;

/** A node this replica took (with the lease's epoch) or gave up. */
export type OwnershipChange = { node: string; owned: true; epoch: number } | { node: string; owned: false };

/**
 * Which FreeSWITCH nodes this replica ingests. Alone (no REDIS_URL), all of them. With Redis, every replica connects
 * to every node but ingests only those whose lease it holds (`switchboard:node:<id>:owner`, {@link LEASE_TTL_MS}):
 * exactly one replica per node, and when it dies another takes the node within TTL + renew interval.
 *
 * A replica takes only a node it is connected to, and gives up a node it has lost the connection to. While Redis is
 * unreachable an owner keeps its nodes (nobody else can take them then); if it comes back to find another holder,
 * it lets go. Both may ingest for a moment around a change of owner: the event log's unique (node, sequence) and the
 * merging upsert of call records make that overlap harmless.
 */
@Injectable()
export class NodeOwnership implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NodeOwnership');
  private readonly owned = new Map<string, number>();
  private readonly leases = new Map<string, RedisLease>();
  private readonly listeners = new Set<(change: OwnershipChange) => void>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(
    private readonly esl: EslService,
    private readonly redis: RedisService,
  ) {}

  /** Whether ownership is decided by leases (Redis configured); otherwise this replica owns every node. */
  get leased(): boolean {
    return this.redis.configured && this.esl.configured;
  }

  /** Whether this replica ingests `node` now. */
  owns(node: string): boolean {
    return !this.leased || this.owned.has(node);
  }

  /** The epoch of our lease on `node` (0 when not leased). */
  epochOf(node: string): number | undefined {
    return this.leased ? this.owned.get(node) : 0;
  }

  /** Nodes this replica ingests now. */
  ownedNodes(): string[] {
    return this.leased ? [...this.owned.keys()] : this.esl.nodeIds;
  }

  /** Calls `listener` when this replica takes or gives up a node. */
  onChange(listener: (change: OwnershipChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onApplicationBootstrap(): void {
    if (!this.leased) return;
    this.redis
      .connect()
      .then(({ leases }) => {
        for (const node of this.esl.nodeIds)
          this.leases.set(
            node,
            new RedisLease(leases, `switchboard:node:${node}:owner`, this.redis.replicaId, LEASE_TTL_MS),
          );
        this.timer = setInterval(() => void this.tick(), LEASE_RENEW_MS);
        void this.tick();
      })
      .catch((error: unknown) => this.logger.error(`Redis: ${String(error)}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // A clean stop hands the nodes over at once instead of after the TTL.
    await Promise.allSettled(
      [...this.owned.keys()].map((node) => this.leases.get(node)?.release() ?? Promise.resolve()),
    );
    this.owned.clear();
  }

  /** One round: renew what we hold, try what is free, give up what we cannot reach. */
  private async tick(): Promise<void> {
    if (this.ticking || !this.redis.isUp) return;
    this.ticking = true;
    try {
      await Promise.all([...this.leases].map(([node, lease]) => this.tickNode(node, lease)));
    } finally {
      this.ticking = false;
    }
  }

  private async tickNode(node: string, lease: RedisLease): Promise<void> {
    const connected = this.esl.isConnected(node);
    const held = this.owned.get(node);
    try {
      if (held !== undefined && !connected) {
        await lease.release();
        return this.change({ node, owned: false }, 'lost its ESL connection');
      }
      if (!connected) return;
      const epoch = await lease.acquire();
      if (epoch === undefined) {
        if (held !== undefined) this.change({ node, owned: false }, 'another replica holds its lease');
        return;
      }
      if (held === epoch) return;
      // A new epoch for a node we held means Redis forgot the lease (a restart): still ours, nothing to redo.
      if (held !== undefined) return void this.owned.set(node, epoch);
      this.change({ node, owned: true, epoch }, `lease taken (epoch ${epoch})`);
    } catch (error) {
      // Redis went away mid-round: keep what we hold until it answers again (nobody else can take it meanwhile).
      this.logger.debug?.(`lease of ${node}: ${String(error)}`);
    }
  }

  private change(change: OwnershipChange, why: string): void {
    if (change.owned) this.owned.set(change.node, change.epoch);
    else this.owned.delete(change.node);
    this.logger.log(`${change.owned ? 'ingesting' : 'no longer ingesting'} ${change.node}: ${why}`);
    for (const listener of this.listeners) listener(change);
  }
}
