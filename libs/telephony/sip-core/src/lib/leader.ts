import { TypedEmitter } from './emitter';
import type { Leadership } from './types';

/** The part of the Web Locks API the election uses (`navigator.locks`). */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>;
}

/** The part of `BroadcastChannel` the fallback election uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** Where the election runs; defaults to the browser's `navigator.locks` and `BroadcastChannel`. */
export interface TabEnvironment {
  readonly locks?: LockManagerLike;
  readonly createChannel?: (name: string) => ChannelLike;
}

type ChannelMessage = { readonly type: 'claim' | 'leader' | 'resign'; readonly from: string };

/** How long the fallback election waits for an existing leader to answer, and the leader's heartbeat. */
const CLAIM_WAIT_MS = 300;
const HEARTBEAT_MS = 1000;
const LEADER_TIMEOUT_MS = 3500;

function defaultEnvironment(): TabEnvironment {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  const createChannel =
    typeof BroadcastChannel === 'undefined'
      ? undefined
      : (name: string) => new BroadcastChannel(name) as unknown as ChannelLike;
  return { locks, createChannel };
}

/**
 * Elects the one tab of a browser profile that registers: with Web Locks, the tab holding the lock leads and
 * the next waiting tab takes over when it closes (the browser releases the lock). Without Web Locks, tabs
 * agree over a BroadcastChannel: a newcomer claims, a living leader answers, the leader sends heartbeats,
 * and on a tie the smaller tab id wins. With neither, the tab leads alone.
 */
export class TabLeaderElection extends TypedEmitter<{ changed: Leadership }> {
  private current: Leadership = 'follower';
  private readonly tabId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  private abort?: AbortController;
  private releaseLock?: () => void;
  private channel?: ChannelLike;
  private heartbeat?: ReturnType<typeof setInterval>;
  private watchdog?: ReturnType<typeof setTimeout>;
  private lastLeaderSeen = 0;

  constructor(
    private readonly name: string,
    private readonly env: TabEnvironment = defaultEnvironment(),
  ) {
    super();
  }

  get role(): Leadership {
    return this.current;
  }

  /** Joins the election; resolves with this tab's first role. */
  async start(): Promise<Leadership> {
    if (this.env.locks) return this.startWithLocks(this.env.locks);
    if (this.env.createChannel) return this.startWithChannel(this.env.createChannel(this.name));
    this.setRole('leader');
    return 'leader';
  }

  /** Leaves the election (releases the lock / resigns), letting another tab lead. */
  stop(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.releaseLock?.();
    this.releaseLock = undefined;
    clearInterval(this.heartbeat);
    clearTimeout(this.watchdog);
    if (this.channel && this.current === 'leader')
      this.channel.postMessage({ type: 'resign', from: this.tabId } satisfies ChannelMessage);
    this.channel?.close();
    this.channel = undefined;
    this.setRole('follower');
  }

  private async startWithLocks(locks: LockManagerLike): Promise<Leadership> {
    // request() settles only when the lock is released, so the grant is observed from inside the callback.
    const acquired = await new Promise<boolean>((resolveAcquired) => {
      locks
        .request(this.name, { ifAvailable: true }, (lock) => {
          resolveAcquired(lock !== null && lock !== undefined);
          return lock ? this.holdLock() : undefined;
        })
        .catch(() => resolveAcquired(false));
    });
    if (acquired) return 'leader';
    this.setRole('follower');
    this.abort = new AbortController();
    // Queue for the lock: granted when the leading tab stops or closes.
    locks
      .request(this.name, { signal: this.abort.signal }, () => this.holdLock())
      .catch(() => {
        // AbortError after stop(): we left the queue on purpose.
      });
    return 'follower';
  }

  private holdLock(): Promise<void> {
    this.setRole('leader');
    return new Promise<void>((release) => {
      this.releaseLock = release;
    });
  }

  private startWithChannel(channel: ChannelLike): Promise<Leadership> {
    this.channel = channel;
    channel.onmessage = (event) => this.onChannelMessage(event.data as ChannelMessage);
    return this.claimViaChannel();
  }

  private claimViaChannel(): Promise<Leadership> {
    this.lastLeaderSeen = 0;
    const claimedAt = Date.now();
    this.channel?.postMessage({ type: 'claim', from: this.tabId } satisfies ChannelMessage);
    return new Promise((resolve) => {
      setTimeout(() => {
        if (!this.channel) return resolve('follower');
        if (this.lastLeaderSeen >= claimedAt) {
          this.setRole('follower');
          this.watchLeader();
        } else {
          this.becomeChannelLeader();
        }
        resolve(this.current);
      }, CLAIM_WAIT_MS);
    });
  }

  private becomeChannelLeader(): void {
    this.setRole('leader');
    const announce = (): void =>
      this.channel?.postMessage({ type: 'leader', from: this.tabId } satisfies ChannelMessage);
    announce();
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(announce, HEARTBEAT_MS);
  }

  private onChannelMessage(message: ChannelMessage): void {
    if (message.from === this.tabId) return;
    switch (message.type) {
      case 'claim':
        if (this.current === 'leader')
          this.channel?.postMessage({ type: 'leader', from: this.tabId } satisfies ChannelMessage);
        return;
      case 'leader':
        this.lastLeaderSeen = Date.now();
        // Two leaders (claims crossed): the smaller id keeps leading.
        if (this.current === 'leader' && message.from < this.tabId) {
          clearInterval(this.heartbeat);
          this.setRole('follower');
          this.watchLeader();
        }
        return;
      case 'resign':
        if (this.current === 'follower') void this.claimViaChannel();
        return;
    }
  }

  private watchLeader(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      if (!this.channel || this.current === 'leader') return;
      if (Date.now() - this.lastLeaderSeen > LEADER_TIMEOUT_MS) void this.claimViaChannel();
      else this.watchLeader();
    }, LEADER_TIMEOUT_MS);
  }

  private setRole(role: Leadership): void {
    if (role === this.current) return;
    this.current = role;
    this.emit('changed', role);
  }
}
