import { commandText, type EslCommandInput } from './esl-command';

/** How long a sent status change waits for mod_callcenter's announcement of it (it comes within milliseconds). */
export const STATUS_ECHO_TTL_MS = 10_000;

/** `callcenter_config agent set status NAME STATUS`, the status single-quoted when it has a space. */
const SET_STATUS = /^callcenter_config agent set status (\S+) (?:'([^']+)'|(\S+))$/;

/**
 * The agent status changes this API sent to mod_callcenter, until mod_callcenter announces each one
 * (`callcenter::info` agent-status-change). mod_callcenter announces every change alike, its own (an agent put
 * On Break after max-no-answer missed calls), an operator's in fs_cli and ours: an announcement that matches a change
 * sent here is ours, and {@link take} says so once per command sent. Pure bookkeeping; never throws.
 */
export class StatusEchoes {
  private readonly pending = new Map<string, number[]>();

  /** Notes a command about to be sent; anything but a status change is ignored. */
  noteSent(command: EslCommandInput, now = Date.now()): void {
    let text: string;
    try {
      text = commandText(command);
    } catch {
      return; // A command that is not one line is refused by the connection anyway.
    }
    const match = SET_STATUS.exec(text);
    if (!match?.[1]) return;
    const key = keyOf(match[1], match[2] ?? match[3] ?? '');
    this.pending.set(key, [...this.live(key, now), now + STATUS_ECHO_TTL_MS]);
  }

  /** Whether mod_callcenter's announcement of `agent` now being `status` answers a change sent here (counted once). */
  take(agent: string, status: string, now = Date.now()): boolean {
    const key = keyOf(agent, status);
    const [first, ...rest] = this.live(key, now);
    if (rest.length > 0) this.pending.set(key, rest);
    else this.pending.delete(key);
    return first !== undefined;
  }

  /** Deadlines of `key` not yet passed. */
  private live(key: string, now: number): number[] {
    return (this.pending.get(key) ?? []).filter((deadline) => deadline > now);
  }
}

function keyOf(agent: string, status: string): string {
  return `${agent}\n${status}`;
}
