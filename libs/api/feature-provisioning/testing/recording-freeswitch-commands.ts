import type { FreeswitchCommandPort } from '../src/lib/pbx/freeswitch-command.port';

/**
 * A FreeSWITCH that records every `api` command and answers the way mod_callcenter does: `+OK\n` on success, or a
 * scripted `-ERR ...` line. Bind it to FREESWITCH_COMMANDS in tests.
 */
export class RecordingFreeswitchCommands implements FreeswitchCommandPort {
  /** Every command received, in order. */
  readonly commands: string[] = [];
  /** Set to false to simulate a lost ESL connection. */
  connected = true;
  private readonly scripted: { pattern: RegExp; reply: string }[] = [];

  isConnected(): boolean {
    return this.connected;
  }

  api(command: string): Promise<string> {
    this.commands.push(command);
    const scripted = this.scripted.find((s) => s.pattern.test(command));
    return Promise.resolve(scripted ? scripted.reply : '+OK\n');
  }

  /** Answers commands matching `pattern` with `reply` (e.g. `-ERR Invalid Queue not found!\n`). */
  answer(pattern: RegExp, reply: string): this {
    this.scripted.unshift({ pattern, reply });
    return this;
  }

  /** Forgets recorded commands and scripted replies, and reconnects. */
  reset(): void {
    this.commands.length = 0;
    this.scripted.length = 0;
    this.connected = true;
  }

  /** Returns the commands recorded since the last call and forgets them. */
  take(): string[] {
    return this.commands.splice(0, this.commands.length);
  }
}
