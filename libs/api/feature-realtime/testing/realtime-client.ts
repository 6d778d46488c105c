import { io, type Socket } from 'socket.io-client';
import {
  type AgentClientToServerEvents,
  type AgentServerToClientEvents,
  REALTIME_NAMESPACES,
  REALTIME_PATH,
  type SupervisorClientToServerEvents,
  type SupervisorServerToClientEvents,
} from '@switchboard/shared/contracts';

type Events = Record<string, (...args: never[]) => void>;

/** One received event, in arrival order. */
export interface Received<S extends Events> {
  event: keyof S & string;
  payload: Parameters<S[keyof S & string]>[0];
  at: number;
}

/**
 * A real socket.io client of the realtime API that records what it receives and can wait for a given event.
 * Used by the integration tests and the benchmark.
 */
export class RealtimeTestClient<S extends Events, C extends Events> {
  readonly received: Received<S>[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: Socket<S, C>) {
    socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload, at: Date.now() } as Received<S>);
      for (const wake of this.waiters) wake();
    });
    socket.on('disconnect', () => {
      for (const wake of this.waiters) wake();
    });
  }

  /** Connects to `/supervisor` of the API at `baseUrl`. */
  static supervisor(
    baseUrl: string,
    token: string | undefined,
    options: { batch?: boolean } = {},
  ): RealtimeTestClient<SupervisorServerToClientEvents & Events, SupervisorClientToServerEvents & Events> {
    return new RealtimeTestClient(connect(baseUrl, REALTIME_NAMESPACES.supervisor, token, options.batch));
  }

  /** Connects to `/agent` of the API at `baseUrl`. */
  static agent(
    baseUrl: string,
    token: string | undefined,
  ): RealtimeTestClient<AgentServerToClientEvents & Events, AgentClientToServerEvents & Events> {
    return new RealtimeTestClient(connect(baseUrl, REALTIME_NAMESPACES.agent, token));
  }

  /** Payloads of one event, in order. */
  all<E extends keyof S & string>(event: E): Parameters<S[E]>[0][] {
    return this.received.filter((r) => r.event === event).map((r) => r.payload as Parameters<S[E]>[0]);
  }

  /** Waits for the first `event` (received before or after the call) whose payload matches. */
  async next<E extends keyof S & string>(
    event: E,
    matches: (payload: Parameters<S[E]>[0]) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<Parameters<S[E]>[0]> {
    const find = () => this.all(event).find(matches);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching "${event}" within ${timeoutMs} ms (got: ${this.received.map((r) => r.event).join(', ') || 'nothing'})`,
        );
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  /** Resolves once the server has disconnected the socket (or at once if it is already). */
  async disconnected(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.socket.connected || this.socket.active) {
      if (Date.now() > deadline) throw new Error(`still connected after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

function connect<S extends Events, C extends Events>(
  baseUrl: string,
  namespace: string,
  token: string | undefined,
  batch = false,
): Socket<S, C> {
  return io(`${baseUrl}${namespace}`, {
    path: REALTIME_PATH,
    auth: token === undefined ? {} : batch ? { token, batch } : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}
