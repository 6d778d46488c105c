/**
 * What provisioning needs from FreeSWITCH: send one `api` command and read its reply body. The app binds it to the
 * ESL connection; tests bind a recording fake (`@switchboard/api/feature-provisioning/testing`).
 */
export interface FreeswitchCommandPort {
  /** Whether an authenticated ESL connection is up right now. */
  isConnected(): boolean;
  /** Runs `api <command>` and resolves with the reply body (`+OK ...` or `-ERR ...`); rejects when the link fails. */
  api(command: string): Promise<string>;
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
