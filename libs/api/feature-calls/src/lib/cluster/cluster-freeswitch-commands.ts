import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { EslService } from '@switchboard/api/data-access-esl';
import type { FreeswitchCommandPort } from '@switchboard/api/feature-provisioning';
import { NodeOwnership } from './node-ownership.service';

/**
 * Provisioning's door to FreeSWITCH: every replica has an ESL connection to every node, so a change made through any
 * replica reaches every node's mod_callcenter directly. A node is declared ready for the whole configuration again
 * when this replica takes it over, and whenever this replica's own connection to it comes up: a change made through
 * a replica while it was not connected to a node (still connecting at start-up, or its link dropped) reached every
 * node but that one, and nobody else would send it there, since the node's owner never saw the node go away.
 * The first connection counts too: FreeSWITCH loads callcenter.conf while it starts, seconds before its event socket
 * takes a connection, and an agent who went Available in between (the status is stored, the node was not connected)
 * would otherwise stay Logged Out in mod_callcenter, offered no call (seen with the embedded FreeSWITCH under load).
 */
@Injectable()
export class ClusterFreeswitchCommands implements FreeswitchCommandPort, OnModuleDestroy {
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly esl: EslService,
    private readonly ownership: NodeOwnership,
  ) {}

  get nodeIds(): readonly string[] {
    return this.esl.nodeIds;
  }

  isConnected(node?: string): boolean {
    return this.esl.isConnected(node);
  }

  api(command: string, node?: string): Promise<string> {
    return this.esl.api(command, node);
  }

  onNodeReady(listener: (node: string) => void): () => void {
    const stops = [
      this.esl.on('connected', ({ nodeId }) => listener(nodeId)),
      this.ownership.onChange((change) => {
        if (change.owned) listener(change.node);
      }),
    ];
    this.stops.push(...stops);
    return () => stops.forEach((stop) => stop());
  }

  onModuleDestroy(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}
