import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { AgentPhoneHealth, LiveEvent, LiveSnapshot } from '@switchboard/shared/contracts';
import { APP_CONFIG, type AppConfig } from '@switchboard/api/util-config';
import { RealtimeHub } from '../core/realtime-hub.service';

/** How often a replica sends its whole floor, and after how long a silent replica's floor is dropped. */
export const PARTITION_INTERVAL_MS = 2_000;
export const PARTITION_EXPIRY_MS = 10_000;

type ServerSideEmitter = Pick<Namespace, 'serverSideEmit' | 'on'>;

/**
 * Shares live state between API replicas through the socket.io Redis adapter (server-side emit). Each replica
 * ingests only its own FreeSWITCH nodes; it forwards every change of them to the others and sends its whole local
 * floor every {@link PARTITION_INTERVAL_MS} (and after a resync, and when a replica says hello), so every replica's
 * hub sees every node. A replica not heard from for {@link PARTITION_EXPIRY_MS} is dropped from the floor.
 * Without REDIS_URL it does nothing.
 */
@Injectable()
export class ReplicaLink implements OnModuleDestroy {
  /** This process's identity among the replicas. */
  readonly origin = randomUUID();
  private readonly log = new Logger(ReplicaLink.name);
  private timer: NodeJS.Timeout | undefined;
  private stopLocal: (() => void) | undefined;

  constructor(
    private readonly hub: RealtimeHub,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether replicas are linked (REDIS_URL set). */
  get enabled(): boolean {
    return this.config.redisUrl !== undefined;
  }

  /** Starts forwarding over the namespace's adapter (called by the supervisor gateway once it exists). */
  start(namespace: Namespace): void {
    if (!this.enabled || this.timer) return;
    const link = namespace as unknown as ServerSideEmitter;
    const send = (event: string, ...args: unknown[]): void => {
      // Redis may be momentarily unreachable; the adapter reports it, and the periodic partition repairs the floor.
      try {
        link.serverSideEmit(event, ...args);
      } catch (error) {
        this.log.warn(`could not reach the other replicas: ${String(error)}`);
      }
    };
    link.on('sb:live', (origin: string, event: LiveEvent) => this.hub.applyRemote(origin, event));
    link.on('sb:partition', (origin: string, snapshot: LiveSnapshot, announce: boolean) =>
      this.hub.replaceRemote(origin, snapshot, announce),
    );
    link.on('sb:hello', () => send('sb:partition', this.origin, this.hub.localSnapshot(), false));
    link.on('sb:phoneHealth', (_origin: string, health: AgentPhoneHealth) => this.hub.reportPhoneHealth(health));
    this.stopLocal = this.hub.onLocalChange((event) => {
      send('sb:live', this.origin, event);
      if (event.type === 'live.resynced') send('sb:partition', this.origin, this.hub.localSnapshot(), true);
    });
    this.phoneHealthSender = (health) => send('sb:phoneHealth', this.origin, health);
    send('sb:hello', this.origin);
    this.timer = setInterval(() => {
      send('sb:partition', this.origin, this.hub.localSnapshot(), false);
      this.expireSilentReplicas();
    }, PARTITION_INTERVAL_MS);
  }

  /** Forwards a phone-health report received on this replica. */
  sharePhoneHealth(health: AgentPhoneHealth): void {
    this.phoneHealthSender?.(health);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.stopLocal?.();
  }

  private phoneHealthSender: ((health: AgentPhoneHealth) => void) | undefined;

  private expireSilentReplicas(): void {
    const deadline = Date.now() - PARTITION_EXPIRY_MS;
    for (const [origin, partition] of this.hub.remoteOrigins()) {
      if (partition.heardAt >= deadline) continue;
      this.log.warn(`replica ${origin} silent for ${PARTITION_EXPIRY_MS} ms: dropping its nodes from the floor`);
      this.hub.replaceRemote(origin, undefined, true);
    }
  }
}
