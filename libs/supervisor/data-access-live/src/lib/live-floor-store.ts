import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type {
  LiveEvent,
  LiveQueueStats,
  QueueSubscribeResult,
  RealtimeAck,
  RealtimeDelta,
  RealtimeError,
  RealtimeQueueDelta,
  SubscribedQueue,
  SupervisorSnapshot,
} from '@switchboard/shared/contracts';
import { DEMO_SIMULATOR_NODE } from '@switchboard/shared/contracts';
import { AuthStore } from '@switchboard/shared/data-access-auth';
import { EMPTY_FLOOR, type FloorState, applyLiveEvents, floorFromSnapshot, withoutQueues } from './floor-state';
import { LIVE_FLOOR_OPTIONS, LIVE_SOCKET_FACTORY, type LiveSocket } from './live-socket';

/**
 * How the live feed stands:
 * `idle` (not started) → `connecting` → `connected` ⇄ `reconnecting`; `connected` shows as `stale` while nothing
 * (not even a heartbeat) arrived for `staleAfterMs`; `refused` when the server will not serve this user.
 */
export type LiveConnection = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'stale' | 'refused';

type Phase = Exclude<LiveConnection, 'stale'>;

/**
 * The live floor for the supervisor dashboard, over the `/supervisor` socket: a snapshot, then deltas applied in
 * `seq` order. A gap in a sequence asks the server for a fresh snapshot (or re-subscribes the queue); every queue the
 * snapshot lists is subscribed so its tile stays current. The socket authenticates with the signed-in user's access
 * token and sends `auth.renew` whenever the token is renewed.
 */
@Injectable({ providedIn: 'root' })
export class LiveFloorStore {
  private readonly auth = inject(AuthStore);
  private readonly openSocket = inject(LIVE_SOCKET_FACTORY);
  private readonly options = inject(LIVE_FLOOR_OPTIONS);

  private readonly floor = signal<FloorState>(EMPTY_FLOOR);
  private readonly phase = signal<Phase>('idle');
  private readonly lastHeardAt = signal(0);
  private readonly clock = signal(Date.now());
  private readonly problem = signal<string | null>(null);
  private socket: LiveSocket | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private floorSeq = 0;
  /** Whether deltas are being dropped until the snapshot asked for after a gap arrives. */
  private awaitingSnapshot = false;
  private readonly queueSeqs = new Map<string, number>();
  /** Queues asked for with `queue.subscribe` and not answered yet. */
  private readonly subscribing = new Set<string>();
  private renewedToken: string | null = null;

  /** The current time, ticking every second while started: read it to count waiting and talk times up. */
  readonly now = this.clock.asReadonly();
  /** Where the live feed stands. */
  readonly connection = computed<LiveConnection>(() => {
    const phase = this.phase();
    if (phase === 'connected' && this.clock() - this.lastHeardAt() > this.options.staleAfterMs) return 'stale';
    return phase;
  });
  /** Why the feed is refused or failing, as a sentence; null when all is well. */
  readonly error = this.problem.asReadonly();
  /** Server time of the last change applied (ISO), or null before the first snapshot. */
  readonly updatedAt = computed(() => this.floor().at);
  /** Every agent mod_callcenter knows, by name. */
  readonly agents = computed(() => [...this.floor().agents.values()].sort((a, b) => a.name.localeCompare(b.name)));
  /** Every live channel (both legs of a bridged call are separate channels). */
  readonly channels = computed(() => [...this.floor().channels.values()]);
  /** One tile's figures per queue, by queue name. */
  readonly queueStats = computed(() =>
    [...this.floor().queueStats.values()].sort((a, b) => a.queue.localeCompare(b.queue)),
  );
  /** Callers waiting in or being offered from subscribed queues, by queue. */
  readonly members = computed(() => this.floor().members);
  /** The latest phone health each agent's softphone reported, by agent name. */
  readonly phoneHealth = computed(() => this.floor().phoneHealth);
  /** SIP registrations, keyed `user@realm`. */
  readonly registrations = computed(() => this.floor().registrations);
  /** FreeSWITCH nodes and whether the API is connected to each. */
  readonly nodes = computed(() => [...this.floor().nodes].map(([node, connected]) => ({ node, connected })));
  /** Whether the traffic shown comes from the demo simulator. */
  readonly simulated = computed(() => this.floor().nodes.has(DEMO_SIMULATOR_NODE));
  /**
   * The simulator's node when real FreeSWITCH nodes are on the floor beside it (the demo's real calls on the
   * embedded FreeSWITCH): then each simulated call is marked, so nobody takes a real caller for a generated one.
   */
  readonly simulatedBesideReal = computed(() => {
    const nodes = this.floor().nodes;
    return nodes.has(DEMO_SIMULATOR_NODE) && nodes.size > 1 ? DEMO_SIMULATOR_NODE : null;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
    // A renewed REST token goes to the open socket at once; the server disconnects sockets whose token expires.
    effect(() => {
      const token = this.auth.accessToken();
      untracked(() => this.renewSocketToken(token));
    });
  }

  /** Connects (once) and keeps the floor current until {@link stop}. */
  start(): void {
    if (this.socket) return;
    const socket = this.openSocket(() => this.auth.accessToken());
    this.socket = socket;
    this.phase.set('connecting');
    this.renewedToken = this.auth.accessToken();
    this.listen(socket);
    this.ticker = setInterval(() => this.clock.set(Date.now()), 1000);
    socket.connect();
  }

  /** Disconnects and forgets the floor. */
  stop(): void {
    clearInterval(this.ticker);
    this.socket?.disconnect();
    this.socket = null;
    this.phase.set('idle');
    this.floor.set(EMPTY_FLOOR);
    this.queueSeqs.clear();
    this.subscribing.clear();
  }

  /** Asks the server for a fresh snapshot; deltas are dropped until it arrives. */
  resynchronise(): void {
    this.awaitingSnapshot = true;
    this.socket?.emit('snapshot.request');
  }

  private listen(socket: LiveSocket): void {
    socket.on('connect', () => this.heard());
    socket.on('disconnect', (reason) => {
      if (this.socket !== socket) return;
      this.queueSeqs.clear();
      this.subscribing.clear();
      // After a server-side disconnect socket.io does not retry on its own: an auth error handler reconnects.
      if (this.phase() !== 'refused') this.phase.set('reconnecting');
      if (reason === 'io client disconnect') this.phase.set('idle');
    });
    socket.on('connect_error', () => {
      if (this.phase() !== 'refused') this.phase.set('reconnecting');
    });
    socket.io.on('ping', () => this.heard());
    socket.on('snapshot', (snapshot) => this.applySnapshot(snapshot));
    socket.on('delta', (delta) => this.applyDeltas([delta]));
    socket.on('queue.delta', (delta) => this.applyQueueDeltas([delta]));
    socket.on('batch', (batch) => {
      this.applyDeltas(batch.deltas);
      this.applyQueueDeltas(batch.queueDeltas);
    });
    socket.on('queue.stats', (stats) => this.applyQueueStats(stats));
    socket.on('queues.changed', ({ added, removed }) => {
      this.heard();
      // A new queue's tile comes with its subscription; a removed one's goes now.
      this.subscribe(added);
      if (removed.length === 0) return;
      for (const queue of removed) this.queueSeqs.delete(queue);
      this.floor.update((floor) => withoutQueues(floor, removed));
      socket.emit('queue.unsubscribe', { queues: removed });
    });
    socket.on('agent.phoneHealth', (health) => {
      this.heard();
      this.floor.update((floor) => ({
        ...floor,
        phoneHealth: new Map(floor.phoneHealth).set(health.agent, health),
      }));
    });
    socket.on('error', (error) => void this.handleServerError(error));
  }

  private heard(): void {
    this.lastHeardAt.set(Date.now());
    this.clock.set(Date.now());
  }

  private applySnapshot(snapshot: SupervisorSnapshot): void {
    this.heard();
    this.awaitingSnapshot = false;
    this.floorSeq = snapshot.seq;
    this.queueSeqs.clear();
    for (const queue of snapshot.queues) this.queueSeqs.set(queue.queue, queue.seq);
    this.floor.set(floorFromSnapshot(snapshot));
    this.phase.set('connected');
    this.problem.set(null);
    this.subscribing.clear();
    const named = [...snapshot.queueStats.map((stats) => stats.queue), ...snapshot.channels.map((c) => c.queue)];
    this.subscribe(named.filter((queue): queue is string => queue !== null));
  }

  /** Applies consecutive floor deltas (one, or a batch) with one signal update. */
  private applyDeltas(deltas: readonly RealtimeDelta[]): void {
    this.heard();
    const events: LiveEvent[] = [];
    const queuesSeen = new Set<string>();
    let resync = false;
    for (const { seq, event } of deltas) {
      if (this.awaitingSnapshot || seq <= this.floorSeq) continue;
      if (seq !== this.floorSeq + 1) {
        resync = true;
        break;
      }
      this.floorSeq = seq;
      events.push(event);
      if (event.type === 'live.resynced') resync = true;
      if ('channel' in event && event.channel.queue) queuesSeen.add(event.channel.queue);
    }
    if (events.length > 0) this.floor.update((floor) => applyLiveEvents(floor, events));
    if (resync) this.resynchronise();
    // Queue rooms are per subscription and the floor stream carries no queue events: a queue first seen on a call
    // (after the snapshot listed the queues) is subscribed here so its tile appears.
    this.subscribe([...queuesSeen]);
  }

  /** Applies consecutive deltas of subscribed queues; a gap in a queue's room re-subscribes that queue. */
  private applyQueueDeltas(deltas: readonly RealtimeQueueDelta[]): void {
    this.heard();
    const events: LiveEvent[] = [];
    for (const { queue, seq, event } of deltas) {
      const expected = this.queueSeqs.get(queue);
      if (expected === undefined || seq <= expected) continue;
      if (seq !== expected + 1) {
        this.queueSeqs.delete(queue);
        this.subscribing.delete(queue);
        this.subscribe([queue]);
        continue;
      }
      this.queueSeqs.set(queue, seq);
      events.push(event);
    }
    if (events.length > 0) this.floor.update((floor) => applyLiveEvents(floor, events));
  }

  private applyQueueStats(stats: LiveQueueStats): void {
    this.heard();
    this.floor.update((floor) => ({ ...floor, queueStats: new Map(floor.queueStats).set(stats.queue, stats) }));
  }

  /** Subscribes to the queues not already subscribed or being subscribed. */
  private subscribe(queues: readonly string[]): void {
    const wanted = [...new Set(queues)].filter((queue) => !this.queueSeqs.has(queue) && !this.subscribing.has(queue));
    if (wanted.length === 0 || !this.socket) return;
    for (const queue of wanted) this.subscribing.add(queue);
    this.socket.emit('queue.subscribe', { queues: wanted }, (answer: RealtimeAck<QueueSubscribeResult>) => {
      for (const queue of wanted) this.subscribing.delete(queue);
      if (answer.ok) this.applySubscribed(answer.queues);
      else this.problem.set(answer.error.message);
    });
  }

  private applySubscribed(queues: readonly SubscribedQueue[]): void {
    this.heard();
    for (const queue of queues) this.queueSeqs.set(queue.queue, queue.seq);
    this.floor.update((floor) => {
      const members = new Map(floor.members);
      const queueStats = new Map(floor.queueStats);
      for (const queue of queues) {
        members.set(queue.queue, new Map(queue.members.map((member) => [member.memberUuid, member])));
        queueStats.set(queue.queue, queue.stats);
      }
      return { ...floor, members, queueStats };
    });
  }

  private async handleServerError(error: RealtimeError): Promise<void> {
    switch (error.code) {
      case 'Unauthenticated':
      case 'TokenExpired': {
        // The server ends the socket after these; with a fresh token the next connection succeeds.
        this.phase.set('reconnecting');
        const token = await this.auth.refreshAccessToken();
        if (token && this.socket && !this.socket.connected) this.socket.connect();
        return;
      }
      case 'Forbidden':
        this.phase.set('refused');
        this.problem.set(error.message);
        return;
      case 'ValidationError':
      case 'NotAnAgent':
      case 'Internal':
        this.problem.set(error.message);
        return;
    }
  }

  private renewSocketToken(token: string | null): void {
    const socket = this.socket;
    if (!token || !socket?.connected || token === this.renewedToken) return;
    this.renewedToken = token;
    socket.emit('auth.renew', { token }, (answer) => {
      // A refused renewal ends the socket at the old token's expiry; the error handler reconnects then.
      if (!answer.ok) this.problem.set(answer.error.message);
    });
  }
}
