/**
 * What provisioning needs from FreeSWITCH: send one `api` command and read its reply body. The app binds it to the
 * ESL connection; tests bind a recording fake (`@switchboard/api/feature-provisioning/testing`).
 */
export interface FreeswitchCommandPort {
  /** Whether an authenticated ESL connection to `node` (without: to every node) is up right now. */
  isConnected(node?: string): boolean;
  /**
   * Runs `api <command>` on `node` (without: on the first connected one) and resolves with the reply body
   * (`+OK ...` or `-ERR ...`); rejects when the link fails.
   */
  api(command: string, node?: string): Promise<string>;
  /** Every FreeSWITCH node, each running its own mod_callcenter that gets every change; unset: a single node. */
  readonly nodeIds?: readonly string[];
  /** Calls `listener` with a node that should get the whole configuration again (it reconnected, or restarted). */
  onNodeReady?(listener: (node: string) => void): () => void;
}

/** Injection token of the {@link FreeswitchCommandPort}. */
export const FREESWITCH_COMMANDS = Symbol('FREESWITCH_COMMANDS');

/** The port when no FreeSWITCH is wired in: never connected, so every change reports `pending`. */
export class DisconnectedFreeswitchCommands implements FreeswitchCommandPort {
  isConnected(): boolean {
    return false;
  }

  api(command: string): Promise<string> {
    return Promise.reject(new Error(`no FreeSWITCH connection for: ${command}`));
  }
}
