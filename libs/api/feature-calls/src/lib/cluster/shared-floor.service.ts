import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { Subject, type Observable, type Subscription } from 'rxjs';
import type { AgentPhoneHealth } from '@switchboard/shared/contracts';
import { EslService } from '@switchboard/api/data-access-esl';
import {
  type RedisConnection,
  RedisJsonStream,
  RedisService,
  type StreamEntry,
  compareStreamIds,
} from '@switchboard/api/data-access-redis';
import { LiveStateService, type NodeLiveEvent } from '../live/live-state.service';
import { FLOOR_STREAM_MAX, type FloorEntry, type StoredNodeFloor, floorKeys } from './floor-entry';
import { NodeOwnership } from './node-ownership.service';

/** How long one blocking read waits; also the longest a stop waits for the reader. */
const READ_BLOCK_MS = 1_000;
/** How often an owner stores its nodes' floors for late joiners (only when they changed). */
const STORE_INTERVAL_MS = 5_000;

/**
 * The floor shared between API replicas through Redis (only with REDIS_URL). The owner of a node appends each change
 * of it to one Redis Stream, and the node's whole floor after a resync; every replica — the owner too — reads the
 * stream and builds every node's floor from it (LiveStateService's shared floor), so a supervisor on any replica sees
 * every node. A replica that starts late reads the stored node floors first, then the stream after them.
 *
 * When Redis comes back after an outage (perhaps emptied by a restart), owners send their nodes' whole floors again.
 */
@Injectable()
export class SharedFloorService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SharedFloor');
  private readonly stream = new RedisJsonStream<FloorEntry>(floorKeys.stream, FLOOR_STREAM_MAX);
  private readonly phoneHealth = new Subject<AgentPhoneHealth>();
  /** Per node: the newest epoch seen, and entries up to which id are already in the stored floor read at start. */
  private readonly epochs = new Map<string, number>();
  private readonly skipUntil = new Map<string, string>();
  /** Per owned node: the id of its latest append (what a stored floor is valid after), and whether it changed. */
  private readonly lastAppend = new Map<string, Promise<string>>();
  private readonly dirty = new Set<string>();
  private connections: { commands: RedisConnection; reader: RedisConnection } | undefined;
  private subscription: Subscription | undefined;
  private storeTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private reading: Promise<void> | undefined;
  private stopStatus: (() => void) | undefined;
  private wasDown = false;

  constructor(
    private readonly redis: RedisService,
    private readonly esl: EslService,
    private readonly live: LiveStateService,
    private readonly ownership: NodeOwnership,
  ) {}

  /** Whether the floor is shared (REDIS_URL set). */
  get enabled(): boolean {
    return this.redis.configured;
  }

  /** Phone-health reports from every replica (including this one's, once through Redis). */
  get phoneHealthReports(): Observable<AgentPhoneHealth> {
    return this.phoneHealth.asObservable();
  }

  onModuleInit(): void {
    if (!this.enabled) return;
    this.live.useSharedFloor();
    this.subscription = this.live.ownChanges.subscribe((change) => this.share(change));
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.reading = this.redis
      .connect()
      .then(async (connections) => {
        this.connections = connections;
        this.stopStatus = this.redis.onStatus((status) => this.onRedisStatus(status));
        this.storeTimer = setInterval(() => void this.storeDirtyFloors(), STORE_INTERVAL_MS);
        await this.consume(await this.loadStoredFloors());
      })
      .catch((error: unknown) => this.logger.error(`shared floor stopped: ${String(error)}`));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.subscription?.unsubscribe();
    this.stopStatus?.();
    clearInterval(this.storeTimer);
    await this.reading;
  }

  /** Shows a phone-health report on every replica. */
  sharePhoneHealth(health: AgentPhoneHealth): void {
    if (!this.enabled) return void this.phoneHealth.next(health);
    void this.append({ kind: 'phoneHealth', health });
  }

  /** A change of a node we ingest: to the stream (a resync as the node's whole floor). */
  private share({ node, event }: NodeLiveEvent): void {
    const epoch = this.ownership.epochOf(node);
    if (epoch === undefined) return;
    this.dirty.add(node);
    const entry: FloorEntry =
      event.type === 'live.resynced'
        ? { kind: 'snapshot', node, epoch, snapshot: this.live.nodeSnapshot(node), announce: true }
        : { kind: 'event', node, epoch, event };
    const appended = this.append(entry);
    this.lastAppend.set(node, appended);
    if (entry.kind === 'snapshot') void this.store(node, epoch, entry.snapshot, appended);
  }

  private append(entry: FloorEntry): Promise<string> {
    const commands = this.connections?.commands;
    const appended = commands
      ? this.stream.append(commands, entry)
      : Promise.reject(new Error('Redis not connected yet'));
    // Redis away: the change is lost for the other replicas, and repaired by the whole floor sent on its return.
    appended.catch(() => (this.wasDown = true));
    return appended;
  }

  /** Stores a node's floor for late joiners, valid after the append `after`. */
  private async store(node: string, epoch: number, snapshot: StoredNodeFloor['snapshot'], after: Promise<string>) {
    const commands = this.connections?.commands;
    try {
      const afterId = await after;
      const stored: StoredNodeFloor = { afterId, epoch, snapshot };
      await commands?.client
        .multi()
        .set(floorKeys.node(node), JSON.stringify(stored))
        .sAdd(floorKeys.nodes, node)
        .exec();
    } catch {
      // Redis away: the next store (or the whole floor sent when it returns) replaces it.
    }
  }

  private async storeDirtyFloors(): Promise<void> {
    for (const node of [...this.dirty]) {
      const epoch = this.ownership.epochOf(node);
      const after = this.lastAppend.get(node);
      this.dirty.delete(node);
      if (epoch === undefined || !after) continue;
      await this.store(node, epoch, this.live.nodeSnapshot(node), after);
    }
  }

  /** Redis is back: send the whole floor of every node we own, since the others may have missed changes. */
  private onRedisStatus(status: 'up' | 'down'): void {
    if (status === 'down') return void (this.wasDown = true);
    if (!this.wasDown) return;
    this.wasDown = false;
    for (const node of this.ownership.ownedNodes()) {
      const epoch = this.ownership.epochOf(node);
      if (epoch === undefined) continue;
      const snapshot = this.live.nodeSnapshot(node);
      const appended = this.append({ kind: 'snapshot', node, epoch, snapshot, announce: true });
      this.lastAppend.set(node, appended);
      void this.store(node, epoch, snapshot, appended);
    }
  }

  /** Reads the stored node floors; returns the id to read the stream after. */
  private async loadStoredFloors(): Promise<string> {
    const commands = this.connections?.commands;
    if (!commands) return '0-0';
    const streamEnd = await this.stream.lastId(commands);
    let start = streamEnd;
    const nodes = new Set([...this.esl.nodeIds, ...(await commands.client.sMembers(floorKeys.nodes))]);
    for (const node of nodes) {
      const raw = await commands.client.get(floorKeys.node(node));
      if (!raw) continue;
      const stored = JSON.parse(raw) as StoredNodeFloor;
      this.epochs.set(node, stored.epoch);
      this.skipUntil.set(node, stored.afterId);
      this.live.replaceShared(node, stored.snapshot, false);
      if (compareStreamIds(stored.afterId, start) < 0) start = stored.afterId;
    }
    return start;
  }

  private async consume(startId: string): Promise<void> {
    let lastId = startId;
    while (!this.stopping) {
      const reader = this.connections?.reader;
      let entries: StreamEntry<FloorEntry>[] = [];
      try {
        entries = reader ? await this.stream.read(reader, lastId, READ_BLOCK_MS) : [];
      } catch {
        // Redis away (or restarting): try again shortly; owners resend their floors when it is back.
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      for (const entry of entries) {
        lastId = entry.id;
        this.receive(entry);
      }
    }
  }

  private receive({ id, value: entry }: StreamEntry<FloorEntry>): void {
    if (entry.kind === 'phoneHealth') return this.phoneHealth.next(entry.health);
    const skip = this.skipUntil.get(entry.node);
    if (skip !== undefined) {
      if (compareStreamIds(id, skip) <= 0) return;
      this.skipUntil.delete(entry.node);
    }
    const newest = this.epochs.get(entry.node) ?? 0;
    if (entry.epoch < newest) return;
    this.epochs.set(entry.node, entry.epoch);
    if (entry.kind === 'snapshot') this.live.replaceShared(entry.node, entry.snapshot, entry.announce);
    else this.live.applyShared(entry.node, entry.event);
  }
}
