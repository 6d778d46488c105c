import type { SipSocket } from '../src/lib/softphone-api';

/** The server side a fake socket talks to. */
export interface SocketPeer {
  /** Whether new connections are refused (the server is "down"). */
  readonly refusing: boolean;
  accept(socket: FakeSipSocket): void;
  release(socket: FakeSipSocket): void;
  receive(socket: FakeSipSocket, raw: string): void;
}

/**
 * A `JsSIP.Socket` connected in-process to a `FakeSipServer`. Delivery is asynchronous in both directions,
 * like a WebSocket. Every (re)connection gets a new `generation`, so the server can tell a dead connection
 * from the live one (as Kamailio's contact alias does).
 */
export class FakeSipSocket implements SipSocket {
  via_transport = 'WSS';
  readonly sip_uri = 'sip:fake-pbx.invalid;transport=ws';
  generation = 0;
  private connected = false;
  private connecting = false;

  onconnect: () => void = () => undefined;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => undefined;
  ondata: (data: string | ArrayBuffer) => void = () => undefined;

  constructor(
    private readonly peer: SocketPeer,
    readonly url: string,
  ) {}

  connect(): void {
    this.connecting = true;
    setTimeout(() => {
      this.connecting = false;
      if (this.peer.refusing) {
        this.ondisconnect(true, 1006, 'connection refused');
        return;
      }
      this.connected = true;
      this.generation += 1;
      this.peer.accept(this);
      this.onconnect();
    }, 1);
  }

  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    this.peer.release(this);
    setTimeout(() => this.ondisconnect(false, 1000, 'closed by client'), 0);
  }

  send(message: string): boolean {
    if (!this.connected) return false;
    setTimeout(() => this.peer.receive(this, message), 0);
    return true;
  }

  isConnected(): boolean {
    return this.connected;
  }

  isConnecting(): boolean {
    return this.connecting;
  }

  /** Server → client delivery. */
  deliver(raw: string): boolean {
    if (!this.connected) return false;
    setTimeout(() => {
      if (this.connected) this.ondata(raw);
    }, 0);
    return true;
  }

  /** The server side drops the connection (network failure, server killed). */
  drop(): void {
    if (!this.connected) return;
    this.connected = false;
    this.peer.release(this);
    setTimeout(() => this.ondisconnect(true, 1006, 'connection lost'), 0);
  }
}
