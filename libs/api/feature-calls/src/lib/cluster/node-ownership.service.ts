import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { EslService } from '@switchboard/api/data-access-esl';
import { RedisLease, RedisService, ReplicaRoster, type RosterView } from '@switchboard/api/data-access-redis';

/** How long a lease lasts without renewal: a dead owner is replaced at most this plus {@link LEASE_RENEW_MS} later. */
export const LEASE_TTL_MS = 3_000;
/** How often leases are renewed, and free ones tried. */
export const LEASE_RENEW_MS = 1_000;
/** Rounds a replica holds more than its share, while another holds less, before it hands a node over. */
export const REBALANCE_ROUNDS = 3;
/** No hand-over for this long after one: a node no other replica could take comes back without ping-pong. */
export const REBALANCE_PAUSE_MS = 30_000;

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
 *
 * The nodes are spread over the replicas ({@link ReplicaRoster}): each takes free nodes up to its share (nodes ÷
 * replicas alive, rounded up), and beyond it only a node that stayed free for a whole round (nobody below their
 * share could take it). A replica above its share while another is below, connected to one of its nodes, hands that
 * node over after {@link REBALANCE_ROUNDS} rounds, then pauses for {@link REBALANCE_PAUSE_MS}. So the first replica up no longer
 * keeps every node, and a takeover after a crash is not delayed: the survivors' shares grow as the dead replica's
 * heartbeat expires, with its leases.
 */
@Injectable()
export class NodeOwnership implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NodeOwnership');
  private readonly owned = new Map<string, number>();
  private readonly leases = new Map<string, RedisLease>();
  private readonly listeners = new Set<(change: OwnershipChange) => void>();
  private timer: NodeJS.Timeout | undefined;
  /** The round in progress, if any: a stop waits for it, so that it cannot take a lease after the stop gave it up. */
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private roster: ReplicaRoster | undefined;
  /** Nodes found free and left to others in the last round (taken if still free in this one). */
  private freeLastRound = new Set<string>();
  private roundsOverShare = 0;
  private rebalancePausedUntil = 0;

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
        this.roster = new ReplicaRoster(leases, this.redis.replicaId, LEASE_TTL_MS);
        this.timer = setInterval(() => void this.tick(), LEASE_RENEW_MS);
        void this.tick();
      })
      .catch((error: unknown) => this.logger.error(`Redis: ${String(error)}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopped = true;
    await this.ticking?.catch(() => undefined);
    // A clean stop hands the nodes over at once instead of after the TTL.
    await Promise.allSettled([
      ...[...this.owned.keys()].map((node) => this.leases.get(node)?.release() ?? Promise.resolve()),
      this.roster?.leave() ?? Promise.resolve(),
    ]);
    this.owned.clear();
  }

  /** One round: renew what we hold, give up what we cannot reach, take free nodes up to our share, rebalance. */
  private async tick(): Promise<void> {
    if (this.ticking || this.stopped || !this.redis.isUp) return;
    this.ticking = this.round().finally(() => (this.ticking = undefined));
    await this.ticking;
  }

  private async round(): Promise<void> {
    const reach = this.esl.nodeIds.filter((node) => this.esl.isConnected(node));
    const view = await this.roster?.beat(this.owned.size, reach).catch(() => undefined);
    const share = view && view.replicas > 0 ? Math.ceil(this.leases.size / view.replicas) : this.leases.size;
    const leases = [...this.leases];
    await Promise.all(leases.filter(([node]) => this.owned.has(node)).map(([node, lease]) => this.keep(node, lease)));
    const freeNow = new Set<string>();
    for (const [node, lease] of leases) if (!this.owned.has(node)) await this.tryTake(node, lease, share, freeNow);
    this.freeLastRound = freeNow;
    if (view) await this.rebalance(share, view);
  }

  /** Renews the lease of a node we hold, or gives the node up. */
  private async keep(node: string, lease: RedisLease): Promise<void> {
    try {
      if (!this.esl.isConnected(node)) {
        await lease.release();
        return this.change({ node, owned: false }, 'lost its ESL connection');
      }
      const epoch = await lease.acquire();
      if (epoch === undefined) return this.change({ node, owned: false }, 'another replica holds its lease');
      // A new epoch for a node we held means Redis forgot the lease (a restart): still ours, nothing to redo.
      this.owned.set(node, epoch);
    } catch (error) {
      // Redis went away mid-round: keep what we hold until it answers again (nobody else can take it meanwhile).
      this.logger.debug?.(`lease of ${node}: ${String(error)}`);
    }
  }

  /** Takes a free node we are connected to, if below our share or if it stayed free for a whole round. */
  private async tryTake(node: string, lease: RedisLease, share: number, freeNow: Set<string>): Promise<void> {
    if (!this.esl.isConnected(node)) return;
    try {
      if (this.owned.size >= share) {
        if ((await lease.holderNow()) !== undefined) return;
        // Left to a replica below its share for one round; nobody took it: ours, rather than nobody's.
        if (!this.freeLastRound.has(node)) return void freeNow.add(node);
      }
      const epoch = await lease.acquire();
      if (epoch !== undefined) this.change({ node, owned: true, epoch }, `lease taken (epoch ${epoch})`);
    } catch (error) {
      this.logger.debug?.(`lease of ${node}: ${String(error)}`);
    }
  }

  /**
   * Hands one node over when we hold more than our share while another replica holds less and is connected to one of
   * ours, for a while. A node nobody below their share can reach stays: handing it over would only bring it back a
   * round later, and then the pause would keep the nodes unspread after that replica connects.
   */
  private async rebalance(share: number, view: RosterView): Promise<void> {
    const takers = view.others.filter((other) => other.held < share);
    const node = [...this.owned.keys()].reverse().find((held) => takers.some((taker) => taker.reach.includes(held)));
    if (this.owned.size <= share || node === undefined || Date.now() < this.rebalancePausedUntil)
      return void (this.roundsOverShare = 0);
    if (++this.roundsOverShare < REBALANCE_ROUNDS) return;
    this.roundsOverShare = 0;
    this.rebalancePausedUntil = Date.now() + REBALANCE_PAUSE_MS;
    const lease = this.leases.get(node);
    if (!lease) return;
    try {
      await lease.release();
      this.change({ node, owned: false }, `handed over: ${view.replicas} replicas share the nodes (${share} each)`);
    } catch (error) {
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
