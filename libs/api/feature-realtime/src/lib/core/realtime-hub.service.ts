import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type {
  AgentPhoneHealth,
  AgentSnapshot,
  LiveEvent,
  LiveQueueStats,
  LiveSnapshot,
  SubscribedQueue,
  SupervisorSnapshot,
} from '@switchboard/shared/contracts';
import { LiveStateService, SharedFloorService } from '@switchboard/api/feature-calls';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { AgentDirectoryService } from './agent-directory.service';
import { TodayCountersService } from './today-counters.service';
import { Coalescer } from './coalescer';
import { BatchRouter } from './batch-router';
import { baseQueueName, liveQueueStats, sameQueueStats } from './queue-stats';
import type { AgentEmitter, SupervisorEmitter } from './realtime-emitters';
import { StreamSequences, streams } from './stream-sequences';

const STATS_SWEEP_MS = 1_000;

/** A room and its batched twin: for messages (tiles, phone health) every socket of the room gets, in either form. */
const bothForms = (room: string): string[] => [room, streams.batched(room)];

/** Smallest time between two `queue.stats` of one queue. */
export const STATS_INTERVAL_MS = 250;

/**
 * The heart of the realtime API on one replica: takes every live change of the floor (LiveStateService: this
 * replica's nodes, or with Redis every replica's through the shared floor), numbers it per stream, routes it to the floor, the queue rooms and the agents
 * concerned, and coalesces queue tiles. Snapshots are built synchronously, so a snapshot and its `seq` always agree.
 */
@Injectable()
export class RealtimeHub implements OnModuleInit, OnModuleDestroy {
  readonly sequences = new StreamSequences();
  private readonly phoneHealth = new Map<string, AgentPhoneHealth>();
  private readonly stats: Coalescer<LiveQueueStats>;
  /** Batched delivery; its rooms are named by the subscription set (see {@link batchRoom}). */
  private readonly batches: BatchRouter;
  private supervisors: SupervisorEmitter | undefined;
  private agents: AgentEmitter | undefined;
  private readonly subscriptions: Subscription[] = [];
  private floorCache: LiveSnapshot | undefined;
  private stopCounters: (() => void) | undefined;
  private stopQueueNames: (() => void) | undefined;
  /** Queues seen so far (tiles are recomputed for them). */
  private readonly knownQueues = new Set<string>();
  /** Queues (without `@domain`) removed from provisioning while this replica ran. */
  private readonly retired = new Set<string>();
  /** Recomputes every tile now and then: some changes (a member being bridged) come without a queue event. */
  private readonly sweep = setInterval(() => this.markAllQueues(), STATS_SWEEP_MS).unref();

  constructor(
    private readonly live: LiveStateService,
    private readonly sharedFloor: SharedFloorService,
    private readonly directory: AgentDirectoryService,
    private readonly counters: TodayCountersService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'sip' | 'realtimeBatchMs'>,
  ) {
    this.batches = new BatchRouter(
      config.realtimeBatchMs,
      (room, batch) => this.supervisors?.emitTo(room, 'batch', batch),
      (room) => this.supervisors?.hasSockets(room) ?? false,
    );
    this.stats = new Coalescer<LiveQueueStats>({
      intervalMs: STATS_INTERVAL_MS,
      compute: (queue) => this.queueStats(queue),
      emit: (queue, stats) => this.supervisors?.emitTo(bothForms(streams.queue(queue)), 'queue.stats', stats),
      same: sameQueueStats,
    });
  }

  onModuleInit(): void {
    this.subscriptions.push(
      this.live.events.subscribe((event) => this.publish(event)),
      this.sharedFloor.phoneHealthReports.subscribe((health) => this.showPhoneHealth(health)),
    );
    void this.directory.refresh();
    this.stopCounters = this.counters.onUpdate(() => this.markAllQueues());
    this.stopQueueNames = this.directory.onQueuesChanged((added, removed) => this.announceQueues(added, removed));
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    this.stopCounters?.();
    this.stopQueueNames?.();
    clearInterval(this.sweep);
    this.stats.stop();
    this.batches.stop();
  }

  /** Where supervisor and agent traffic goes (set by the gateways once their namespaces exist). */
  attach(target: { supervisors?: SupervisorEmitter; agents?: AgentEmitter }): void {
    this.supervisors = target.supervisors ?? this.supervisors;
    this.agents = target.agents ?? this.agents;
  }

  /** Takes a phone-health report of an agent connected here and shows it to the supervisors of every replica. */
  reportPhoneHealth(health: AgentPhoneHealth): void {
    this.sharedFloor.sharePhoneHealth(health);
  }

  /** The whole floor, across replicas. */
  floor(): LiveSnapshot {
    this.floorCache ??= this.live.snapshot();
    return this.floorCache;
  }

  /** What a supervisor sees now, with the given queue subscriptions. */
  supervisorSnapshot(subscribed: Iterable<string>): SupervisorSnapshot {
    const floor = this.floor();
    const queueNames = new Set(this.allQueues());
    for (const name of subscribed) queueNames.add(name);
    return {
      at: floor.at,
      seq: this.sequences.current(streams.floor),
      channels: floor.channels,
      agents: floor.agents,
      registrations: floor.registrations,
      nodes: floor.nodes,
      queues: [...subscribed].map((queue) => this.subscribedQueue(queue)),
      queueStats: [...queueNames].map((queue) => this.currentStats(queue)),
      phoneHealth: [...this.phoneHealth.values()],
    };
  }

  /** One queue as a newly subscribed socket sees it (its room's sequence, members and tile). */
  subscribedQueue(queue: string): SubscribedQueue {
    const members = this.floor().queues.find((q) => q.name === queue)?.members ?? [];
    return { queue, seq: this.sequences.current(streams.queue(queue)), members, stats: this.currentStats(queue) };
  }

  /** What one agent sees now. */
  agentSnapshot(agentName: string, extension: string | null): AgentSnapshot {
    const floor = this.floor();
    return {
      at: floor.at,
      seq: this.sequences.current(streams.agent(agentName)),
      agentName,
      agent: floor.agents.find((a) => a.name === agentName) ?? null,
      channels: floor.channels.filter(
        (c) =>
          c.agent === agentName ||
          (extension !== null && (c.destination === extension || c.callerNumber === extension)),
      ),
    };
  }

  /** Sends pending `queue.stats` now (tests and shutdown). */
  flushStats(): void {
    this.stats.flush();
  }

  /**
   * Sends pending delta batches now. Gateways call it before a socket joins a room or gets a snapshot, so a batch
   * never carries a delta older than the snapshot the socket holds.
   */
  flushDeltas(): void {
    this.batches.flush();
  }

  /** The room a batch socket subscribed to exactly `queues` joins. */
  batchRoom(queues: Iterable<string>): string {
    return this.batches.roomFor(queues);
  }

  private publish(event: LiveEvent): void {
    this.floorCache = undefined;
    if (event.type === 'queue.joined' || event.type === 'queue.left') {
      const room = streams.queue(event.queue);
      const delta = { queue: event.queue, seq: this.sequences.next(room), event };
      this.supervisors?.emitTo(room, 'queue.delta', delta);
      this.batches.pushQueue(delta);
      this.markQueuesOf(event);
      return;
    }
    const delta = { seq: this.sequences.next(streams.floor), event };
    this.supervisors?.emitTo(streams.floor, 'delta', delta);
    this.batches.pushFloor(delta);
    for (const agent of this.agentsConcerned(event)) {
      const room = streams.agent(agent);
      this.agents?.emitTo(room, 'delta', { seq: this.sequences.next(room), event });
    }
    this.markQueuesOf(event);
  }

  private agentsConcerned(event: LiveEvent): Set<string> {
    const agents = new Set<string>();
    if (event.type === 'agent.status' || event.type === 'agent.state') agents.add(event.agent.name);
    if ('channel' in event) {
      const { agent, destination, callerNumber } = event.channel;
      if (agent) agents.add(agent);
      for (const number of [destination, callerNumber]) {
        const owner = this.directory.agentOfExtension(number);
        if (owner) agents.add(owner);
      }
    }
    return agents;
  }

  private markQueuesOf(event: LiveEvent): void {
    switch (event.type) {
      case 'agent.status':
      case 'agent.state':
        // Bridging a member to an agent changes no queue event, only the agent's state: refresh the agent's queues
        // (the periodic sweep covers agents without tiers).
        for (const queue of this.knownQueues)
          if (this.directory.agentsOfQueue(queue).includes(event.agent.name)) this.stats.mark(queue);
        return;
      case 'live.resynced':
      case 'node.connection':
        this.markAllQueues();
        return;
      case 'call.started':
      case 'call.answered':
      case 'call.bridged':
      case 'call.held':
      case 'call.ended':
        if (event.type === 'call.ended') this.counters.invalidate();
        if (event.channel.queue) this.stats.mark(event.channel.queue);
        return;
      case 'queue.joined':
      case 'queue.left':
        if (event.type === 'queue.left') this.counters.invalidate();
        this.knownQueues.add(event.queue);
        this.stats.mark(event.queue);
        return;
      case 'registration.changed':
        return;
    }
  }

  private markAllQueues(): void {
    for (const queue of this.allQueues()) this.knownQueues.add(queue);
    for (const queue of this.knownQueues) this.stats.mark(queue);
  }

  /**
   * The floor's queues (mod_callcenter's, as the nodes reported them) and every provisioned queue the nodes have
   * not reported yet, named as mod_callcenter names it: a queue created at run time, or a floor with no node.
   */
  private allQueues(): string[] {
    // A node keeps reporting a queue removed from provisioning until its next resync; its tile goes once it is empty.
    const names = this.floor()
      .queues.filter((queue) => queue.members.length > 0 || !this.retired.has(baseQueueName(queue.name)))
      .map((queue) => queue.name);
    const reported = new Set(this.floor().queues.map((queue) => baseQueueName(queue.name)));
    for (const queue of this.directory.provisionedQueues()) if (!reported.has(queue)) names.push(this.floorName(queue));
    return names;
  }

  /** A provisioned queue's floor name: as a node reported it, else `name@<SIP domain>` as provisioning loads it. */
  private floorName(queue: string): string {
    return (
      this.floor().queues.find((q) => baseQueueName(q.name) === queue)?.name ?? `${queue}@${this.config.sip.domain}`
    );
  }

  private announceQueues(added: readonly string[], removed: readonly string[]): void {
    const change = { added: added.map((q) => this.floorName(q)), removed: removed.map((q) => this.floorName(q)) };
    for (const queue of removed) this.retired.add(queue);
    for (const queue of added) this.retired.delete(queue);
    for (const queue of change.removed) this.knownQueues.delete(queue);
    for (const queue of change.added) this.knownQueues.add(queue);
    this.supervisors?.emitTo(bothForms(streams.floor), 'queues.changed', change);
  }

  private currentStats(queue: string): LiveQueueStats {
    return this.queueStats(queue) ?? liveQueueStats(queue, [], [], null, new Date());
  }

  private queueStats(queue: string): LiveQueueStats | undefined {
    const floor = this.floor();
    const members = floor.queues.find((q) => q.name === queue)?.members ?? [];
    const names = new Set(this.directory.agentsOfQueue(queue));
    const agents = floor.agents.filter((a) => names.has(a.name));
    return liveQueueStats(queue, members, agents, this.counters.today(queue), new Date());
  }

  private showPhoneHealth(health: AgentPhoneHealth): void {
    this.phoneHealth.set(health.agent, health);
    this.supervisors?.emitTo(bothForms(streams.floor), 'agent.phoneHealth', health);
  }
}
