import { Injectable } from '@nestjs/common';
import { type EslCommandInput, EslService } from '@switchboard/api/data-access-esl';
import { FreeswitchRefusedError, FreeswitchUnavailableError } from './supervision.errors';

/** Runs supervisor commands on FreeSWITCH, refusing early when the node is not connected. */
@Injectable()
export class FreeswitchGate {
  constructor(private readonly esl: EslService) {}

  /** Throws {@link FreeswitchUnavailableError} unless `node` (or, without one, any node) is connected. */
  requireConnected(node?: string): void {
    let connected: boolean;
    try {
      connected =
        node === undefined ? this.esl.nodeIds.some((id) => this.esl.isConnected(id)) : this.esl.isConnected(node);
    } catch (error) {
      // isConnected throws for a node id that is not configured (a call seen from a node since removed).
      throw new FreeswitchUnavailableError(`FreeSWITCH node ${node ?? ''} is not configured.`, { cause: error });
    }
    if (!connected)
      throw new FreeswitchUnavailableError(
        node === undefined ? 'No FreeSWITCH node is connected.' : `FreeSWITCH node ${node} is not connected.`,
      );
  }

  /** `api` on the node; `-ERR` answers become {@link FreeswitchRefusedError}, lost connections 503. */
  async api(command: EslCommandInput, node?: string): Promise<string> {
    this.requireConnected(node);
    let reply: string;
    try {
      reply = await this.esl.api(command, node);
    } catch (error) {
      // The connection dropped between the check and the reply, or the command timed out.
      throw new FreeswitchUnavailableError(`FreeSWITCH did not answer: ${(error as Error).message}`, { cause: error });
    }
    if (reply.startsWith('-ERR') || reply.startsWith('-USAGE'))
      throw new FreeswitchRefusedError(`FreeSWITCH answered "${reply.trim()}" to: ${String(command)}`);
    return reply;
  }

  /**
   * `api` on every connected node, for state each node's mod_callcenter keeps its own copy of (an agent's status):
   * a node that is not connected gets the stored state when it connects. Fails as {@link api} does on the first
   * node that refuses or does not answer; needs at least one node.
   */
  async apiOnEveryNode(command: EslCommandInput): Promise<void> {
    this.requireConnected();
    const connected = this.esl.nodeIds.filter((id) => this.esl.isConnected(id));
    await Promise.all(connected.map((node) => this.api(command, node)));
  }

  /** `bgapi` on the node without waiting for the job: its result is passed to `settled` (an error when refused). */
  startBackground(command: EslCommandInput, node: string, settled: (error: Error | null) => void): void {
    this.requireConnected(node);
    this.esl.bgapi(command, node).then(
      (reply) =>
        settled(reply.startsWith('-ERR') ? new FreeswitchRefusedError(`FreeSWITCH answered "${reply.trim()}"`) : null),
      (error: unknown) => settled(error instanceof Error ? error : new Error(String(error))),
    );
  }
}
