import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type EslEvent, EslService } from '@switchboard/api/data-access-esl';
import { IngestionService } from '../ingestion/ingestion.service';
import { LiveStateService } from '../live/live-state.service';
import { readNodeSnapshot } from './node-snapshot';

/** Events that are connection housekeeping, not call activity. */
const NOT_RECORDED = new Set(['HEARTBEAT', 'BACKGROUND_JOB', 'API', 'RE_SCHEDULE']);

/**
 * Connects FreeSWITCH to the rest of the API: every event goes to ingestion (call records, event log) and to the
 * live floor; after every (re)connect the node's live state is read back from FreeSWITCH itself.
 */
@Injectable()
export class FreeswitchEventsBridge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FreeswitchEvents');
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly esl: EslService,
    private readonly ingestion: IngestionService,
    private readonly live: LiveStateService,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe.push(
      this.esl.on('event', (event, nodeId) => this.handle(event, nodeId)),
      this.esl.on('connected', (info) => void this.resync(info.nodeId)),
      this.esl.on('disconnected', (info) => {
        if (info.wasConnected) this.live.setNodeConnected(info.nodeId, false);
      }),
    );
    // A node may have connected while the rest of the API was still starting, before we listened.
    for (const nodeId of this.esl.nodeIds) if (this.esl.isConnected(nodeId)) void this.resync(nodeId);
  }

  onModuleDestroy(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  /** One event from one node. Synchronous and cheap: the ESL reader must never wait on us. */
  handle(event: EslEvent, nodeId: string): void {
    if (NOT_RECORDED.has(event.name)) return;
    const callUuid = this.ingestion.ingest(event);
    this.live.apply(event, callUuid, nodeId);
  }

  /** Rebuilds the node's live state from FreeSWITCH; a failed read is logged and the event flow goes on. */
  async resync(nodeId: string): Promise<void> {
    try {
      const snapshot = await readNodeSnapshot(nodeId, { api: (command) => this.esl.api(command, nodeId) });
      this.live.resync(snapshot);
      this.logger.log(
        {
          nodeId,
          channels: snapshot.channels.length,
          agents: snapshot.agents.length,
          waiting: snapshot.members.length,
        },
        'live state resynchronised',
      );
    } catch (error) {
      this.live.setNodeConnected(nodeId, true);
      this.logger.warn({ err: error, nodeId }, 'could not resynchronise live state; it will follow events only');
    }
  }
}
