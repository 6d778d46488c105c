import type { ChannelLike, LockManagerLike } from '../src/lib/leader';

interface Waiter {
  readonly callback: (lock: unknown) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Web Locks (`navigator.locks`) shared by fake tabs: exclusive locks by name, `ifAvailable`, abortable
 * queued requests; the lock is held until the callback's promise settles, then the next waiter gets it.
 */
export class FakeLockManager implements LockManagerLike {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, Waiter[]>();

  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (!this.held.has(name)) return this.grant(name, { callback, resolve, reject });
      if (options.ifAvailable) {
        Promise.resolve(callback(null)).then(resolve, reject);
        return;
      }
      const waiter: Waiter = { callback, resolve, reject };
      this.queues.set(name, [...(this.queues.get(name) ?? []), waiter]);
      options.signal?.addEventListener('abort', () => {
        const queue = this.queues.get(name) ?? [];
        if (!queue.includes(waiter)) return;
        queue.splice(queue.indexOf(waiter), 1);
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
    });
  }

  /** Whether a lock of this name is held. */
  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  private grant(name: string, waiter: Waiter): void {
    this.held.add(name);
    Promise.resolve()
      .then(() => waiter.callback({ name, mode: 'exclusive' }))
      .then(waiter.resolve, waiter.reject)
      .finally(() => {
        this.held.delete(name);
        const next = this.queues.get(name)?.shift();
        if (next) this.grant(name, next);
      });
  }
}

/** BroadcastChannels between fake tabs: a message reaches every other open channel of the same name. */
export class FakeChannelHub {
  private readonly channels = new Set<{ name: string; channel: ChannelLike }>();

  readonly createChannel = (name: string): ChannelLike => {
    const entry = { name, channel: undefined as unknown as ChannelLike };
    const channel: ChannelLike = {
      onmessage: null,
      postMessage: (data: unknown) => {
        for (const other of this.channels) {
          if (other !== entry && other.name === name) setTimeout(() => other.channel.onmessage?.({ data }), 0);
        }
      },
      close: () => {
        this.channels.delete(entry);
      },
    };
    entry.channel = channel;
    this.channels.add(entry);
    return channel;
  };
}
