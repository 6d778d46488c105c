import { createClient } from 'redis';

type Client = ReturnType<typeof createClient>;

/** Whether Redis answers: `up` once connected, `down` while node-redis reconnects. */
export type RedisStatus = 'up' | 'down';

/** Longest pause between two reconnection attempts: a restarted Redis is found again within this. */
const RECONNECT_MAX_MS = 500;

/**
 * One connection to Redis that never gives up: node-redis reconnects by itself (at most {@link RECONNECT_MAX_MS}
 * apart) and commands issued meanwhile fail at once instead of queueing, so a caller can tell an outage from a slow
 * answer and decide what to keep. `onStatus` reports every change.
 */
export class RedisConnection {
  private status: RedisStatus = 'down';
  private readonly listeners = new Set<(status: RedisStatus) => void>();

  private constructor(readonly client: Client) {
    // node-redis emits 'error' on every failed attempt; without a listener the process would crash.
    client.on('error', () => undefined);
    client.on('ready', () => this.set('up'));
    client.on('end', () => this.set('down'));
    client.on('reconnecting', () => this.set('down'));
  }

  /** Opens a connection; resolves once connected (or rejects when the first attempt fails and `wait` is false). */
  static async open(url: string, name: string): Promise<RedisConnection> {
    const client = createClient({
      url,
      name,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, RECONNECT_MAX_MS), connectTimeout: 2_000 },
    });
    const connection = new RedisConnection(client);
    await client.connect();
    return connection;
  }

  /** Whether Redis answers now. */
  get isUp(): boolean {
    return this.status === 'up';
  }

  /** Calls `listener` on every change of status; returns a function that stops it. */
  onStatus(listener: (status: RedisStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    // Expected to fail when Redis is away: there is nothing left to flush then.
    await this.client.quit().catch(() => this.client.destroy());
  }

  private set(status: RedisStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}
