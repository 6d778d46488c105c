import type { SupervisorClientToServerEvents, SupervisorServerToClientEvents } from '@switchboard/shared/contracts';
import type { LiveSocket, LiveSocketFactory } from '../src/lib/live-socket';

type Listener = (...args: never[]) => void;
type ClientEvent = keyof SupervisorClientToServerEvents;

/** A client→server emit the fake recorded, with its acknowledgement callback when one was passed. */
export interface SentEvent {
  event: ClientEvent;
  args: unknown[];
  ack: ((answer: unknown) => void) | undefined;
}

/**
 * A socket.io client socket without a network, for tests of code that uses the `/supervisor` namespace. It has the
 * client API that code uses (`on`, `emit` with acks, `connect`, `disconnect`, `connected`, `io.on('ping')`) and lets
 * the test play the server: accept or refuse the connection, emit server events, answer acks, ping.
 */
export class FakeLiveSocket {
  connected = false;
  /** How many times the code asked to connect. */
  connectCalls = 0;
  /** The token the code would send in `handshake.auth` at the last connect. */
  handshakeToken: string | null = null;
  readonly sent: SentEvent[] = [];
  private readonly listeners = new Map<string, Listener[]>();
  private readonly managerListeners = new Map<string, Listener[]>();
  readonly io = {
    on: (event: string, listener: Listener) => {
      this.managerListeners.set(event, [...(this.managerListeners.get(event) ?? []), listener]);
      return this.io;
    },
  };

  constructor(private readonly token: () => string | null) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: ClientEvent, ...args: unknown[]): this {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : undefined;
    this.sent.push({ event, args: ack ? args.slice(0, -1) : args, ack });
    return this;
  }

  connect(): this {
    this.connectCalls += 1;
    this.handshakeToken = this.token();
    return this;
  }

  disconnect(): this {
    if (this.connected) {
      this.connected = false;
      this.dispatch('disconnect', 'io client disconnect');
    }
    return this;
  }

  // --- the server's side ---

  /** The server accepted the connection. */
  acceptConnection(): void {
    this.connected = true;
    this.dispatch('connect');
  }

  /** The connection dropped (`transport close`) or the server ended it (`io server disconnect`). */
  drop(reason: 'transport close' | 'io server disconnect' = 'transport close'): void {
    this.connected = false;
    this.dispatch('disconnect', reason);
  }

  /** A heartbeat from the server. */
  ping(): void {
    for (const listener of this.managerListeners.get('ping') ?? []) (listener as () => void)();
  }

  /** The server emits an event of the `/supervisor` namespace. */
  serverEmit<E extends keyof SupervisorServerToClientEvents>(
    event: E,
    ...args: Parameters<SupervisorServerToClientEvents[E]>
  ): void {
    this.dispatch(event, ...args);
  }

  /** Client emits of one event name, oldest first. */
  sentOf(event: ClientEvent): SentEvent[] {
    return this.sent.filter((sent) => sent.event === event);
  }

  private dispatch(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

/** A factory for `LIVE_SOCKET_FACTORY` that hands out fakes; `sockets` holds each one opened. */
export function fakeLiveSocketFactory(): { factory: LiveSocketFactory; sockets: FakeLiveSocket[] } {
  const sockets: FakeLiveSocket[] = [];
  const factory: LiveSocketFactory = (token) => {
    const socket = new FakeLiveSocket(token);
    sockets.push(socket);
    // The fake has the part of socket.io's Socket the code uses; the rest (volatile, timeout, …) is not faked.
    return socket as unknown as LiveSocket;
  };
  return { factory, sockets };
}
