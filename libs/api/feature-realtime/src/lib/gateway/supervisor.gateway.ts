import { Logger } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  type QueueSubscribeResult,
  REALTIME_NAMESPACES,
  type RealtimeAck,
  type SupervisorClientToServerEvents,
  type SupervisorServerToClientEvents,
  queueSubscriptionSchema,
  summarizeFieldErrors,
  toFieldErrors,
} from '@switchboard/shared/contracts';
import { RealtimeHub } from '../core/realtime-hub.service';
import type { SupervisorEmitter } from '../core/realtime-emitters';
import { streams } from '../core/stream-sequences';
import { SocketAuthService } from './socket-auth.service';
import { refuseUnsafePayloads } from './payload-hygiene';
import { SocketSessions } from './socket-sessions';

type SupervisorSocket = Socket<SupervisorClientToServerEvents, SupervisorServerToClientEvents>;
type SupervisorNamespace = Namespace<SupervisorClientToServerEvents, SupervisorServerToClientEvents>;
type Ack<T> = (answer: RealtimeAck<T>) => void;

const ackOf = <T>(ack: unknown): Ack<T> => (typeof ack === 'function' ? (ack as Ack<T>) : () => undefined);

/**
 * `/supervisor`: the whole floor for users with `floor:supervise`. Every socket is in the `floor` room (deltas of
 * calls, agents, registrations, nodes); `queue.subscribe` adds queue rooms (`queue.delta`, coalesced `queue.stats`).
 * Sockets that asked for batches are in the `#batch` twins of those rooms instead (tiles, phone health) and in the
 * room of their subscription set, which gets the `batch` messages.
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACES.supervisor })
export class SupervisorGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, SupervisorEmitter {
  private readonly log = new Logger(SupervisorGateway.name);
  private readonly sessions: SocketSessions;
  private namespace: SupervisorNamespace | undefined;

  constructor(
    auth: SocketAuthService,
    private readonly hub: RealtimeHub,
  ) {
    this.sessions = new SocketSessions(auth, 'floor:supervise');
  }

  afterInit(namespace: SupervisorNamespace): void {
    this.namespace = namespace;
    this.hub.attach({ supervisors: this });
  }

  emitTo<E extends keyof SupervisorServerToClientEvents>(
    room: string | string[],
    event: E,
    ...args: Parameters<SupervisorServerToClientEvents[E]>
  ): void {
    // Nobody there: skip encoding (most rooms exist in both delivery forms, and usually only one is in use).
    if (!(Array.isArray(room) ? room : [room]).some((r) => this.hasSockets(r))) return;
    // Local only: every replica numbers and sends the deltas to its own sockets (the floor is shared through Redis, not socket.io).
    this.namespace?.local.to(room).emit(event, ...args);
  }

  hasSockets(room: string): boolean {
    return (this.namespace?.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  async handleConnection(socket: SupervisorSocket): Promise<void> {
    refuseUnsafePayloads(socket);
    const subscribed = new Set<string>();
    const ready = this.sessions.open(socket);
    const whenReady = (work: () => void | Promise<void>): void => {
      ready
        .then((identity) => (identity ? work() : undefined))
        .catch((error: unknown) => this.log.error(`supervisor socket ${socket.id}: ${String(error)}`));
    };
    socket.on('queue.subscribe', (payload, ack) =>
      whenReady(() => this.subscribe(socket, subscribed, payload, ackOf(ack))),
    );
    socket.on('queue.unsubscribe', (payload, ack) =>
      whenReady(() => this.unsubscribe(socket, subscribed, payload, ackOf(ack))),
    );
    socket.on('snapshot.request', (ack) => whenReady(() => this.sendSnapshot(socket, subscribed, ackOf(ack))));
    socket.on('auth.renew', (payload, ack) => whenReady(() => this.sessions.renew(socket, payload, ackOf(ack))));
    if (!(await ready)) return;
    this.hub.flushDeltas();
    void socket.join(this.roomFor(socket, streams.floor));
    this.joinBatchRoom(socket, subscribed);
    this.sendSnapshot(socket, subscribed, () => undefined);
  }

  handleDisconnect(socket: SupervisorSocket): void {
    this.sessions.close(socket);
  }

  /** Whether the socket asked for batches (`auth.batch: true`). */
  private isBatched(socket: SupervisorSocket): boolean {
    return socket.handshake.auth['batch'] === true;
  }

  /**
   * `room`, or for a batch socket its `#batch` twin, where only tiles and phone health go (its deltas come in `batch`
   * messages to the room of its subscription set).
   */
  private roomFor(socket: SupervisorSocket, room: string): string {
    return this.isBatched(socket) ? streams.batched(room) : room;
  }

  /** Moves a batch socket to the room of its current subscription set. */
  private joinBatchRoom(socket: SupervisorSocket, subscribed: Set<string>): void {
    if (!this.isBatched(socket)) return;
    for (const room of socket.rooms) if (room.startsWith('batch:')) void socket.leave(room);
    void socket.join(this.hub.batchRoom(subscribed));
  }

  private sendSnapshot(socket: SupervisorSocket, subscribed: Set<string>, ack: Ack<{ seq: number }>): void {
    this.hub.flushDeltas();
    const snapshot = this.hub.supervisorSnapshot(subscribed);
    socket.emit('snapshot', snapshot);
    ack({ ok: true, seq: snapshot.seq });
  }

  private subscribe(
    socket: SupervisorSocket,
    subscribed: Set<string>,
    payload: unknown,
    ack: Ack<QueueSubscribeResult>,
  ): void {
    const parsed = queueSubscriptionSchema.safeParse(payload);
    if (!parsed.success) {
      ack({
        ok: false,
        error: { code: 'ValidationError', message: summarizeFieldErrors(toFieldErrors(parsed.error)) },
      });
      return;
    }
    const queues = [...new Set(parsed.data.queues)];
    for (const queue of queues) subscribed.add(queue);
    this.hub.flushDeltas();
    void socket.join(queues.map((queue) => this.roomFor(socket, streams.queue(queue))));
    this.joinBatchRoom(socket, subscribed);
    // Joined and read in the same turn, so the answer's seq is exactly the one before the room's next queue.delta.
    ack({ ok: true, queues: queues.map((queue) => this.hub.subscribedQueue(queue)) });
  }

  private unsubscribe(
    socket: SupervisorSocket,
    subscribed: Set<string>,
    payload: unknown,
    ack: Ack<{ queues: string[] }>,
  ): void {
    const parsed = queueSubscriptionSchema.safeParse(payload);
    if (!parsed.success) {
      ack({
        ok: false,
        error: { code: 'ValidationError', message: summarizeFieldErrors(toFieldErrors(parsed.error)) },
      });
      return;
    }
    this.hub.flushDeltas();
    for (const queue of parsed.data.queues) {
      subscribed.delete(queue);
      void socket.leave(this.roomFor(socket, streams.queue(queue)));
    }
    this.joinBatchRoom(socket, subscribed);
    ack({ ok: true, queues: [...subscribed] });
  }
}
