import type { ReceivedCommand } from './simulator-session';

/** Extra time before a command's reply: a fixed number of ms, or one per command (0 = none). */
export type ReplyDelay = number | ((command: ReceivedCommand) => number);

/**
 * Replies held back until {@link release}: the command is answered from the simulator's state when it arrives, but
 * the reply is written only on release, and meanwhile events keep flowing to the client. FreeSWITCH does the same
 * to a client that sends its resync commands right after connecting: events fired while it answers them arrive
 * between the replies, some describing changes the (older) reply does not show yet. A connection answers in order,
 * so commands sent behind a held one wait too.
 */
export class ReplyHold {
  private readonly waiting: Array<{ readonly command: ReceivedCommand; readonly resume: () => void }> = [];
  private readonly watchers: Array<(command: ReceivedCommand) => void> = [];
  private released = false;

  constructor(private readonly matches: (command: ReceivedCommand) => boolean) {}

  /** Commands whose replies are held now, in arrival order. */
  get held(): readonly ReceivedCommand[] {
    return this.waiting.map(({ command }) => command);
  }

  /** Resolves with the first held command (at once if one is held already). */
  waitForHeld(timeoutMs = 5_000): Promise<ReceivedCommand> {
    const first = this.waiting[0];
    if (first) return Promise.resolve(first.command);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`simulator: no reply held within ${timeoutMs} ms`)), timeoutMs);
      this.watchers.push((command) => {
        clearTimeout(timer);
        resolve(command);
      });
    });
  }

  /** Writes the held replies, in order, and holds no more. */
  release(): void {
    this.released = true;
    for (const { resume } of this.waiting.splice(0)) resume();
  }

  /** @internal The wait before `command`'s reply, if this hold takes it. */
  gate(command: ReceivedCommand): Promise<void> | undefined {
    if (this.released || !this.matches(command)) return undefined;
    return new Promise((resume) => {
      this.waiting.push({ command, resume });
      for (const watcher of this.watchers.splice(0)) watcher(command);
    });
  }
}

/** Waits for a reply's delay and for every hold that takes the command. */
export async function awaitReplyGates(
  command: ReceivedCommand,
  delay: ReplyDelay,
  holds: readonly ReplyHold[],
): Promise<void> {
  const ms = typeof delay === 'function' ? delay(command) : delay;
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  for (const hold of holds) await hold.gate(command);
}
