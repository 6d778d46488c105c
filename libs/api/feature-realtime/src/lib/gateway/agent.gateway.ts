import { Logger } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  type AgentClientToServerEvents,
  type AgentPhoneHealth,
  type PhoneHealthReport,
  type AgentServerToClientEvents,
  REALTIME_NAMESPACES,
  type RealtimeAck,
  phoneHealthReportSchema,
  summarizeFieldErrors,
  toFieldErrors,
} from '@switchboard/shared/contracts';
import { AgentDirectoryService, type DirectoryAgent } from '../core/agent-directory.service';
import { RealtimeHub } from '../core/realtime-hub.service';
import type { AgentEmitter } from '../core/realtime-emitters';
import { streams } from '../core/stream-sequences';
import { RealtimeAuthError, SocketAuthService } from './socket-auth.service';
import { refuseUnsafePayloads } from './payload-hygiene';
import { SocketSessions } from './socket-sessions';

type AgentSocket = Socket<AgentClientToServerEvents, AgentServerToClientEvents>;
type AgentNamespace = Namespace<AgentClientToServerEvents, AgentServerToClientEvents>;
type Ack<T> = (answer: RealtimeAck<T>) => void;

const ackOf = <T>(ack: unknown): Ack<T> => (typeof ack === 'function' ? (ack as Ack<T>) : () => undefined);

/**
 * `/agent`: the signed-in user's own mod_callcenter agent and own calls (room `agent:<name>`), and the softphone's
 * `phone.health` reports, which are passed on to supervisors.
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACES.agent })
export class AgentGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, AgentEmitter {
  private readonly log = new Logger(AgentGateway.name);
  private readonly sessions: SocketSessions;
  private readonly agentOf = new WeakMap<AgentSocket, DirectoryAgent>();
  private namespace: AgentNamespace | undefined;

  constructor(
    auth: SocketAuthService,
    private readonly hub: RealtimeHub,
    private readonly directory: AgentDirectoryService,
  ) {
    this.sessions = new SocketSessions(auth, 'agent:self');
  }

  afterInit(namespace: AgentNamespace): void {
    this.namespace = namespace;
    this.hub.attach({ agents: this });
  }

  emitTo<E extends keyof AgentServerToClientEvents>(
    room: string | string[],
    event: E,
    ...args: Parameters<AgentServerToClientEvents[E]>
  ): void {
    this.namespace?.local.to(room).emit(event, ...args);
  }

  hasSockets(room: string): boolean {
    return (this.namespace?.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  async handleConnection(socket: AgentSocket): Promise<void> {
    refuseUnsafePayloads(socket);
    const ready = this.open(socket);
    const whenReady = (work: (agent: DirectoryAgent) => void | Promise<void>): void => {
      ready
        .then((agent) => (agent ? work(agent) : undefined))
        .catch((error: unknown) => this.log.error(`agent socket ${socket.id}: ${String(error)}`));
    };
    socket.on('snapshot.request', (ack) => whenReady((agent) => this.sendSnapshot(socket, agent, ackOf(ack))));
    socket.on('auth.renew', (payload, ack) => whenReady(() => this.sessions.renew(socket, payload, ackOf(ack))));
    socket.on('phone.health', (report, ack) => whenReady((agent) => this.reportHealth(agent, report, ackOf(ack))));
    const agent = await ready;
    if (!agent) return;
    void socket.join(streams.agent(agent.name));
    this.sendSnapshot(socket, agent, () => undefined);
  }

  handleDisconnect(socket: AgentSocket): void {
    this.sessions.close(socket);
    const agent = this.agentOf.get(socket);
    if (!agent || (this.namespace?.adapter.rooms.get(streams.agent(agent.name))?.size ?? 0) > 0) return;
    // The console (and its softphone) is gone from this replica: supervisors should not see a stale healthy phone.
    this.publishHealth(agent, {
      registration: 'unregistered',
      mos: null,
      rttMs: null,
      jitterMs: null,
      packetLossPct: null,
    });
  }

  private async open(socket: AgentSocket): Promise<DirectoryAgent | undefined> {
    const identity = await this.sessions.open(socket);
    if (!identity) return undefined;
    let agent: DirectoryAgent | undefined;
    try {
      agent = await this.directory.agentOfUser(identity.principal.userId);
    } catch (error) {
      // The database went away between the token check and this read: refuse now, the console reconnects.
      this.sessions.refuse(socket, error);
      return undefined;
    }
    if (!agent) {
      this.sessions.refuse(
        socket,
        new RealtimeAuthError({
          code: 'NotAnAgent',
          message: 'This user is not set up as an agent (no mod_callcenter agent).',
        }),
      );
      return undefined;
    }
    this.agentOf.set(socket, agent);
    return agent;
  }

  private sendSnapshot(socket: AgentSocket, agent: DirectoryAgent, ack: Ack<{ seq: number }>): void {
    const snapshot = this.hub.agentSnapshot(agent.name, agent.extension);
    socket.emit('snapshot', snapshot);
    ack({ ok: true, seq: snapshot.seq });
  }

  private reportHealth(agent: DirectoryAgent, report: unknown, ack: Ack<object>): void {
    const parsed = phoneHealthReportSchema.safeParse(report);
    if (!parsed.success) {
      ack({
        ok: false,
        error: { code: 'ValidationError', message: summarizeFieldErrors(toFieldErrors(parsed.error)) },
      });
      return;
    }
    this.publishHealth(agent, parsed.data);
    ack({ ok: true });
  }

  private publishHealth(agent: DirectoryAgent, report: PhoneHealthReport): void {
    const health: AgentPhoneHealth = { ...report, agent: agent.name, reportedAt: new Date().toISOString() };
    this.hub.reportPhoneHealth(health);
  }
}
