import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import type { LiveEvent, LiveSnapshot } from '@switchboard/shared/contracts';
import type { EslEvent } from '@switchboard/api/data-access-esl';
import { FloorPartition, mergeSnapshots } from './floor-partition';
import { LiveState, type NodeSnapshot } from './live-state';

/** A change of one node's floor. */
export interface NodeLiveEvent {
  node: string;
  event: LiveEvent;
}

/**
 * The live floor for the rest of the API: a snapshot on demand and a stream of typed changes.
 *
 * This replica keeps one {@link LiveState} per FreeSWITCH node it ingests (`ownChanges`). Alone, that is the floor.
 * With several replicas the floor is shared through Redis instead ({@link useSharedFloor}): every replica, the
 * owner included, builds every node's floor from the shared stream, so all of them show the same thing.
 */
@Injectable()
export class LiveStateService {
  private readonly local = new Map<string, LiveState>();
  private readonly own = new Subject<NodeLiveEvent>();
  private readonly floor = new Subject<LiveEvent>();
  /** Every node's floor as shared through Redis; undefined when this replica is alone. */
  private shared: Map<string, FloorPartition> | undefined;

  /** Every change of the floor, in order. The realtime gateway subscribes to this. */
  get events(): Observable<LiveEvent> {
    return this.floor.asObservable();
  }

  /** Every change of the nodes this replica ingests (what it shares with the other replicas). */
  get ownChanges(): Observable<NodeLiveEvent> {
    return this.own.asObservable();
  }

  apply(event: EslEvent, callUuid: string | undefined, nodeId: string): void {
    for (const change of this.state(nodeId).apply(event, callUuid, nodeId)) this.emitOwn(nodeId, change);
  }

  resync(snapshot: NodeSnapshot): void {
    for (const change of this.state(snapshot.node).resync(snapshot, BigInt(Date.now()) * 1000n))
      this.emitOwn(snapshot.node, change);
  }

  setNodeConnected(node: string, connected: boolean): void {
    this.emitOwn(node, this.state(node).setNodeConnected(node, connected, new Date()));
  }

  /** Forgets what this replica knew of a node it no longer ingests (another replica took it over). */
  forget(node: string): void {
    this.local.delete(node);
  }

  /** What this replica knows of one node it ingests. */
  nodeSnapshot(node: string): LiveSnapshot {
    return this.state(node).snapshot(new Date());
  }

  /** The whole floor: every node's, merged. */
  snapshot(): LiveSnapshot {
    const now = new Date();
    const parts = this.shared
      ? [...this.shared.values()].map((partition) => partition.snapshot(now))
      : [...this.local.values()].map((state) => state.snapshot(now));
    return parts.length === 0 ? new LiveState().snapshot(now) : mergeSnapshots(parts, now);
  }

  /** From now on the floor is the one shared through Redis (fed by {@link applyShared} and {@link replaceShared}). */
  useSharedFloor(): void {
    this.shared ??= new Map();
  }

  /** A change of a node's floor, as shared by its owner. */
  applyShared(node: string, event: LiveEvent): void {
    this.partition(node).apply(event);
    this.floor.next(event);
  }

  /**
   * A node's whole floor, as shared by its owner (undefined: forget the node). Clients are told to refresh with a
   * `live.resynced` delta when `announce`.
   */
  replaceShared(node: string, snapshot: LiveSnapshot | undefined, announce: boolean): void {
    if (snapshot) this.partition(node).replace(snapshot);
    else this.shared?.delete(node);
    if (announce) this.floor.next({ type: 'live.resynced', at: new Date().toISOString(), node });
  }

  private emitOwn(node: string, event: LiveEvent): void {
    this.own.next({ node, event });
    if (!this.shared) this.floor.next(event);
  }

  private state(node: string): LiveState {
    let state = this.local.get(node);
    if (!state) {
      state = new LiveState();
      this.local.set(node, state);
    }
    return state;
  }

  private partition(node: string): FloorPartition {
    const shared = (this.shared ??= new Map<string, FloorPartition>());
    let partition = shared.get(node);
    if (!partition) {
      partition = new FloorPartition();
      shared.set(node, partition);
    }
    return partition;
  }
}
