import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type EslEvent, EslService } from '@switchboard/api/data-access-esl';
import { NodeOwnership, type OwnershipChange } from '../cluster/node-ownership.service';
import { StandbyEvents } from '../cluster/standby-events';
import { IngestionService } from '../ingestion/ingestion.service';
import { LiveStateService } from '../live/live-state.service';
import { readNodeSnapshot } from './node-snapshot';

/** Events that are connection housekeeping, not call activity. */
const NOT_RECORDED = new Set(['HEARTBEAT', 'BACKGROUND_JOB', 'API', 'RE_SCHEDULE']);

/**
 * How many standby events a takeover ingests before it lets the event loop run (lease renewals, sockets, writes).
 * Done in one go, thousands of events kept the new owner from renewing its lease within the TTL on a loaded machine
 * and the node bounced from replica to replica (bench/scale-out).
 */
export const TAKEOVER_SLICE = 250;

/**
 * Connects FreeSWITCH to the rest of the API: every event of a node this replica ingests (all of them, unless
 * several replicas share the nodes: see NodeOwnership) goes to ingestion (call records, event log) and to the live
 * floor; after every (re)connect the node's live state is read back from FreeSWITCH itself. Events of the other
 * nodes are kept for a while ({@link StandbyEvents}), and ingested if this replica takes the node over.
 */
@Injectable()
export class FreeswitchEventsBridge implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('FreeswitchEvents');
  private readonly unsubscribe: (() => void)[] = [];
  /** Per node being resynchronised: the events that arrived meanwhile, replayed over the snapshot it read. */
  private readonly duringResync = new Map<string, { event: EslEvent; callUuid: string | undefined }[]>();
  private readonly standby = new Map<string, StandbyEvents>();
  /** Nodes taken over whose standby events are still being ingested (by which takeover): new events queue behind. */
  private readonly catchingUp = new Map<string, OwnershipChange>();

  constructor(
    private readonly esl: EslService,
    private readonly ingestion: IngestionService,
    private readonly live: LiveStateService,
    private readonly ownership: NodeOwnership,
  ) {}

  // Listening from onModuleInit: EslService connects only at application bootstrap, so no event comes before us.
  onModuleInit(): void {
    this.unsubscribe.push(
      this.esl.on('event', (event, nodeId) => this.handle(event, nodeId)),
      this.esl.on('connected', (info) => {
        if (this.ownership.owns(info.nodeId)) void this.resync(info.nodeId);
      }),
      this.esl.on('disconnected', (info) => {
        if (info.wasConnected && this.ownership.owns(info.nodeId)) this.live.setNodeConnected(info.nodeId, false);
      }),
      this.ownership.onChange((change) => void this.changeOwner(change)),
    );
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  /** One event from one node. Synchronous and cheap: the ESL reader must never wait on us. */
  handle(event: EslEvent, nodeId: string): void {
    if (NOT_RECORDED.has(event.name)) return;
    if (!this.ownership.owns(nodeId) || this.catchingUp.has(nodeId)) return this.standbyOf(nodeId).push(event);
    const callUuid = this.ingestion.ingest(event);
    this.live.apply(event, callUuid, nodeId);
    this.duringResync.get(nodeId)?.push({ event, callUuid });
  }

  /**
   * Takes a node over (its recent events first, then a resync), or lets it go. The recent events are ingested in
   * slices of {@link TAKEOVER_SLICE} with the event loop free in between; events arriving meanwhile queue behind them,
   * so the order stays FreeSWITCH's. A takeover that loses the node half-way puts what it has not ingested back.
   */
  private async changeOwner(change: OwnershipChange): Promise<void> {
    if (!change.owned) return this.live.forget(change.node);
    this.catchingUp.set(change.node, change);
    try {
      const recent = await this.catchUp(change);
      if (recent === undefined) return;
      this.logger.log({ nodeId: change.node, epoch: change.epoch, recent }, 'taking the node over');
    } finally {
      if (this.catchingUp.get(change.node) === change) this.catchingUp.delete(change.node);
    }
    void this.resync(change.node);
  }

  /** Ingests the node's standby events; how many, or undefined when the node was lost (or taken anew) meanwhile. */
  private async catchUp(change: OwnershipChange): Promise<number | undefined> {
    const standby = this.standbyOf(change.node);
    let recent = 0;
    for (let events = standby.takeAll(); events.length > 0; events = standby.takeAll())
      for (const [index, event] of events.entries()) {
        if (index % TAKEOVER_SLICE === 0) {
          await new Promise((resolve) => setImmediate(resolve));
          // Given up meanwhile, or taken again by a newer round: the rest stays here, nothing is dropped.
          if (!this.ownership.owns(change.node) || this.catchingUp.get(change.node) !== change) {
            standby.restore(events.slice(index));
            return undefined;
          }
        }
        // Records and event log only: the resync that follows replaces the node's floor with FreeSWITCH's own, so
        // replaying these on the floor only sent thousands of deltas through Redis, on the connection the lease is
        // renewed on, which kept the renewal from answering within the TTL (bench/scale-out).
        this.ingestion.ingest(event);
        recent++;
      }
    return recent;
  }

  private standbyOf(node: string): StandbyEvents {
    let events = this.standby.get(node);
    if (!events) {
      events = new StandbyEvents();
      this.standby.set(node, events);
    }
    return events;
  }

  /**
   * Rebuilds the node's live state from FreeSWITCH and takes in the calls that were already up (an API restart
   * mid-call). Events keep flowing while the reads are answered; they are applied at once and replayed over the
   * snapshot, so a call that starts or ends meanwhile is neither lost nor resurrected. A failed read is logged and
   * the event flow goes on.
   */
  async resync(nodeId: string): Promise<void> {
    this.duringResync.set(nodeId, []);
    try {
      const client = { api: (command: Parameters<EslService['api']>[0]) => this.esl.api(command, nodeId) };
      const { snapshot, dumps } = await readNodeSnapshot(nodeId, client);
      // Calls already up that we have no record of (an API restart mid-call): A legs come first in `dumps`.
      let adopted = 0;
      for (const dump of dumps) if (this.ingestion.adopt(dump) !== undefined) adopted++;
      // The floor groups legs by the call the assembler put them in, as it does for live events.
      const channels = snapshot.channels.map((c) => ({
        ...c,
        callUuid: this.ingestion.assembler.callOf(c.uuid) ?? c.callUuid,
      }));
      this.live.resync({ ...snapshot, channels });
      const replayed = this.duringResync.get(nodeId) ?? [];
      for (const { event, callUuid } of replayed) this.live.apply(event, callUuid, nodeId);
      const { agents, members } = snapshot;
      this.logger.log(
        {
          nodeId,
          channels: channels.length,
          adopted,
          agents: agents.length,
          waiting: members.length,
          replayed: replayed.length,
        },
        'live state resynchronised',
      );
    } catch (error) {
      this.live.setNodeConnected(nodeId, true);
      this.logger.warn({ err: error, nodeId }, 'could not resynchronise live state; it will follow events only');
    } finally {
      this.duringResync.delete(nodeId);
    }
  }
}
